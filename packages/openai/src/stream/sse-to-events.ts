import { type ChatStreamEvent, NetworkError, ParseError, type SwitchboardError } from '@switchboard/core';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { type ChatChunk, chatChunkSchema } from './chat-chunk-schema.js';
import { ChunkToEvents, type ChunkToEventsOptions } from './chunk-to-events.js';

/** Options of `sseToEvents`. */
export interface SseToEventsOptions extends ChunkToEventsOptions {
  /** Maps the `error` object of an error payload (a failure in the middle of the stream) to a typed error. */
  mapErrorPayload: (error: unknown) => SwitchboardError;
  /** Largest event the parser buffers, in characters; a bigger one is a parse error. Default 16 MiB. */
  maxEventChars?: number;
}

const DONE = '[DONE]';

/**
 * Reads a raw Chat Completions SSE body (bytes in any chunking: split lines, split UTF-8 characters, CRLF, comments)
 * with eventsource-parser, checks each chunk with a lenient zod schema and yields neutral stream events. An `error`
 * payload throws the mapped error; a body that ends before `data: [DONE]` throws a `NetworkError`, never a silently
 * short answer. Returning early (or an error) cancels the body, which closes the connection.
 */
export async function* sseToEvents(
  body: ReadableStream<Uint8Array>,
  options: SseToEventsOptions,
): AsyncGenerator<ChatStreamEvent, void, undefined> {
  const mapper = new ChunkToEvents(options);
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
  try {
    for (;;) {
      const read = await reader.read();
      if (read.done) {
        ended = true;
        // An event without its closing blank line is incomplete and dropped (the SSE rule), so a cut stream fails below.
        parser.feed(decoder.decode());
      } else {
        parser.feed(decoder.decode(read.value, { stream: true }));
      }
      if (bufferOverflow) {
        throw new ParseError({
          message: `A ${options.provider} stream event is too large`,
          raw: '',
          provider: options.provider,
        });
      }
      for (const message of messages) {
        if (message.data === DONE) {
          yield* mapper.done();
          return;
        }
        const { chunk, raw } = readChunk(message, options);
        yield* mapper.push(chunk, raw);
      }
      messages.length = 0;
      if (ended) break;
    }
    throw new NetworkError({
      message: `The ${options.provider} stream ended without [DONE]; the answer is incomplete.`,
      provider: options.provider,
      ...(options.requestId ? { requestId: options.requestId } : {}),
    });
  } finally {
    if (!ended) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

function readChunk(message: EventSourceMessage, options: SseToEventsOptions): { chunk: ChatChunk; raw: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(message.data);
  } catch (error) {
    throw new ParseError({
      message: `A ${options.provider} stream chunk is not valid JSON`,
      raw: message.data,
      provider: options.provider,
      ...(options.requestId ? { requestId: options.requestId } : {}),
      cause: error,
    });
  }
  if (message.event === 'error') throw options.mapErrorPayload(errorOf(json) ?? json);
  const parsed = chatChunkSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ParseError({
      message: `A ${options.provider} stream chunk has an unexpected shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      raw: message.data,
      provider: options.provider,
      ...(options.requestId ? { requestId: options.requestId } : {}),
    });
  }
  if (parsed.data.error !== undefined && parsed.data.error !== null) throw options.mapErrorPayload(parsed.data.error);
  return { chunk: parsed.data, raw: json };
}

function errorOf(json: unknown): unknown {
  return typeof json === 'object' && json !== null && 'error' in json ? (json as { error: unknown }).error : undefined;
}
