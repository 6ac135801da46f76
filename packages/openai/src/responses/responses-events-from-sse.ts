import { type ChatStreamEvent, NetworkError, ParseError } from '@switchboard/core';
import { readJsonEvents } from '../http/read-json-events.js';
import { ResponseEventsToChat, type ResponseEventsToChatOptions } from './response-events-to-chat.js';
import { type ResponseEvent, type ResponseEventType, responseEventSchemas } from './responses-schemas.js';

/** Options of `responsesEventsFromSse`. */
export interface ResponsesEventsFromSseOptions extends ResponseEventsToChatOptions {
  /** Largest event the parser buffers, in characters; a bigger one is a parse error. Default 16 MiB. */
  maxEventChars?: number;
}

/**
 * Reads a raw Responses API SSE body (through the generic `readJsonEvents`), checks each event Switchboard maps with
 * a lenient zod schema (other event types are skipped) and yields neutral stream events. A mid-stream `error` event
 * or `response.failed` throws the mapped error; a body that ends before `response.completed` or
 * `response.incomplete` throws a `NetworkError`, never a silently short answer.
 */
export async function* responsesEventsFromSse(
  body: ReadableStream<Uint8Array>,
  options: ResponsesEventsFromSseOptions,
): AsyncGenerator<ChatStreamEvent, void, undefined> {
  const mapper = new ResponseEventsToChat(options);
  for await (const item of readJsonEvents(body, options)) {
    if (item.kind === 'done') break;
    const event = readEvent(item.event, item.data, options);
    if (event) yield* mapper.push(event);
    if (mapper.done) return;
  }
  throw new NetworkError({
    message: `The ${options.provider} stream ended before response.completed; the answer is incomplete.`,
    provider: options.provider,
    ...(options.requestId ? { requestId: options.requestId } : {}),
  });
}

function readEvent(
  name: string | undefined,
  json: unknown,
  options: ResponsesEventsFromSseOptions,
): ResponseEvent | undefined {
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  const key = typeof type === 'string' ? type : name;
  if (key === undefined || !Object.hasOwn(responseEventSchemas, key)) return undefined;
  const parsed = responseEventSchemas[key as ResponseEventType].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ParseError({
      message: `A ${options.provider} ${key} event has an unexpected shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      raw: JSON.stringify(json),
      provider: options.provider,
      ...(options.requestId ? { requestId: options.requestId } : {}),
    });
  }
  return { ...parsed.data, type: key } as ResponseEvent;
}
