import { ParseError } from '@switchboard/core';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** One event of a JSON event stream. */
export type JsonStreamItem =
  | {
      /** A `data:` payload that parsed as JSON. */
      kind: 'json';
      /** The SSE `event:` name, when the server sent one (the Responses API names every event). */
      event: string | undefined;
      /** The parsed payload. */
      data: unknown;
    }
  | {
      /** The `data: [DONE]` marker that ends Chat Completions streams. Nothing is read after it. */
      kind: 'done';
    };

/** Options of `readJsonEvents`. */
export interface ReadJsonEventsOptions {
  /** The provider name, for errors. */
  provider: string;
  /** The request id, for errors. */
  requestId?: string | undefined;
  /** Largest event the parser buffers, in characters; a bigger one is a parse error. Default 16 MiB. */
  maxEventChars?: number | undefined;
}

const DONE = '[DONE]';

/**
 * Reads a server-sent-events body of JSON payloads, the wire format of every OpenAI streaming API: bytes in any
 * chunking (split lines, split UTF-8 characters), LF, CRLF or CR-only line endings and comment lines all give the same
 * items (eventsource-parser does the SSE rules). A payload that is not JSON is a `ParseError` with a short excerpt.
 * The items end at `[DONE]` or at the end of the body; what an early end means is the caller's business. Returning
 * early (or an error) cancels the body, which closes the connection.
 */
export async function* readJsonEvents(
  body: ReadableStream<Uint8Array>,
  options: ReadJsonEventsOptions,
): AsyncGenerator<JsonStreamItem, void, undefined> {
  const messages: EventSourceMessage[] = [];
  let bufferOverflow = false;
  const parser = createParser({
    onEvent: (message) => messages.push(message),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') bufferOverflow = true;
    },
    maxBufferSize: options.maxEventChars ?? 16 * 1024 * 1024,
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let ended = false;
  let lastChar = '';
  try {
    for (;;) {
      const read = await reader.read();
      if (read.done) {
        ended = true;
        const rest = decoder.decode();
        if (rest) lastChar = rest.slice(-1);
        // A CR at the very end may still be the first half of a CRLF for the parser, which holds that line back;
        // the body is over, so it was a line end (CR-only streams end this way). An event without its closing blank
        // line stays incomplete and is dropped (the SSE rule), so a cut stream is not read as a whole one.
        parser.feed(lastChar === '\r' ? `${rest}\n` : rest);
      } else {
        const text = decoder.decode(read.value, { stream: true });
        if (text) lastChar = text.slice(-1);
        parser.feed(text);
      }
      if (bufferOverflow) {
        throw new ParseError({
          message: `A ${options.provider} stream event is too large`,
          raw: '',
          provider: options.provider,
          ...(options.requestId ? { requestId: options.requestId } : {}),
        });
      }
      for (const message of messages) {
        if (message.data === DONE) {
          yield { kind: 'done' };
          return;
        }
        yield { kind: 'json', event: message.event, data: parseData(message.data, options) };
      }
      messages.length = 0;
      if (ended) return;
    }
  } finally {
    if (!ended) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

function parseData(text: string, options: ReadJsonEventsOptions): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ParseError({
      message: `A ${options.provider} stream event is not valid JSON`,
      raw: text,
      provider: options.provider,
      ...(options.requestId ? { requestId: options.requestId } : {}),
      cause: error,
    });
  }
}
