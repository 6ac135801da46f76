import type { z } from 'zod';
import type { ChatResponse } from '../types/chat-response.js';
import type { Provider } from '../types/provider.js';
import { finishObject, type ObjectCallOptions, type ObjectPrompt, prepareObjectCall } from './object-call.js';

/** Options of `generateObject`: the request fields, call options (`signal`, ...), the schema and the prompt. */
export type GenerateObjectOptions<S extends z.ZodType> = ObjectCallOptions<S> & ObjectPrompt;

/** The result of `generateObject`. */
export interface GenerateObjectResult<T> {
  /** The answer, parsed and validated by the schema (defaults and transforms applied). */
  object: T;
  /** The whole response: usage, request id, finish reason, the raw text. */
  response: ChatResponse;
}

/**
 * Asks for an answer shaped by a zod schema and returns it typed and validated. The schema is sent as a strict JSON
 * Schema (OpenAI structured outputs). A refusal, an answer cut off by the token limit, text that is not JSON or JSON
 * that does not match the schema throws a `StructuredOutputError` carrying the raw text; bad options or a schema strict
 * mode cannot express throw a `ConfigError` before anything is sent.
 */
export async function generateObject<S extends z.ZodType>(
  provider: Provider,
  options: GenerateObjectOptions<S>,
): Promise<GenerateObjectResult<z.output<S>>> {
  const call = prepareObjectCall(options);
  const response = await provider.chat(call.request, call.callOptions);
  return { object: await finishObject(call, response, provider), response };
}
