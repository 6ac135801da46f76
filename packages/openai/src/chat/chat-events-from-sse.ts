import { type ChatStreamEvent, NetworkError, ParseError, type SwitchboardError } from '@switchboard/core';
import { readJsonEvents } from '../http/read-json-events.js';
import { type ChatChunk, chatChunkSchema } from './chat-chunk-schema.js';
import { ChunkToEvents, type ChunkToEventsOptions } from './chunk-to-events.js';

/** Options of `chatEventsFromSse`. */
export interface ChatEventsFromSseOptions extends ChunkToEventsOptions {
  /** Maps the `error` object of an error payload (a failure in the middle of the stream) to a typed error. */
  mapErrorPayload: (error: unknown) => SwitchboardError;
  /** Largest event the parser buffers, in characters; a bigger one is a parse error. Default 16 MiB. */
  maxEventChars?: number;
}

/**
 * Reads a raw Chat Completions SSE body (through the generic `readJsonEvents`), checks each chunk with a lenient zod
 * schema and yields neutral stream events. An `error` payload throws the mapped error; a body that ends before
 * `data: [DONE]` throws a `NetworkError`, never a silently short answer.
 */
export async function* chatEventsFromSse(
  body: ReadableStream<Uint8Array>,
  options: ChatEventsFromSseOptions,
): AsyncGenerator<ChatStreamEvent, void, undefined> {
  const mapper = new ChunkToEvents(options);
  for await (const item of readJsonEvents(body, options)) {
    if (item.kind === 'done') {
      yield* mapper.done();
      return;
    }
    if (item.event === 'error') throw options.mapErrorPayload(errorOf(item.data) ?? item.data);
    yield* mapper.push(readChunk(item.data, options), item.data);
  }
  throw new NetworkError({
    message: `The ${options.provider} stream ended without [DONE]; the answer is incomplete.`,
    provider: options.provider,
    ...(options.requestId ? { requestId: options.requestId } : {}),
  });
}

function readChunk(json: unknown, options: ChatEventsFromSseOptions): ChatChunk {
  const parsed = chatChunkSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ParseError({
      message: `A ${options.provider} stream chunk has an unexpected shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      raw: JSON.stringify(json),
      provider: options.provider,
      ...(options.requestId ? { requestId: options.requestId } : {}),
    });
  }
  if (parsed.data.error !== undefined && parsed.data.error !== null) throw options.mapErrorPayload(parsed.data.error);
  return parsed.data;
}

function errorOf(json: unknown): unknown {
  return typeof json === 'object' && json !== null && 'error' in json ? (json as { error: unknown }).error : undefined;
}
