import { type CrossFieldProblem, parseConfig } from '@switchboard/core';
import { z } from 'zod';
import { wireApiSchema } from '../provider/wire-api.js';
import { browserProblem } from './browser-guard.js';
import { checkOpenAIKeyFormat } from './check-openai-key-format.js';
import { apiKeySchema, fetchSchema, headersSchema, hostOf, timeoutMsSchema, webUrlSchema } from './option-schemas.js';

/** The official endpoint, used when no `baseURL` is given. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Options of the OpenAI provider. */
export const openAIOptionsSchema = z.strictObject({
  /** The API key, or a (async) function returning it. */
  apiKey: apiKeySchema,
  /** API base URL; defaults to https://api.openai.com/v1. Any http(s) URL: gateways and local servers are common. */
  baseURL: webUrlSchema({ httpAnywhere: true, example: OPENAI_BASE_URL }).optional(),
  /** `OpenAI-Organization` header. */
  organization: z.string().min(1).optional(),
  /** `OpenAI-Project` header. */
  project: z.string().min(1).optional(),
  /** Headers sent with every request. */
  defaultHeaders: headersSchema.optional(),
  /** Time allowed for response headers, in milliseconds. */
  timeoutMs: timeoutMsSchema.optional(),
  /** A custom fetch implementation. */
  fetch: fetchSchema.optional(),
  /**
   * The wire API of `chat` and `streamChat`: `chat-completions` (default: every OpenAI model and every
   * OpenAI-compatible server speaks it) or `responses` (`POST /v1/responses`). A call picks another with
   * `providerOptions.openai.api`.
   */
  api: wireApiSchema.optional(),
  /** Logical model names mapped to model ids. */
  modelAliases: z.record(z.string(), z.string().min(1)).optional(),
  /**
   * Allow running in a browser (the SDK's option of the same name). Off by default: a long-lived key in a page is
   * readable by every visitor. Turn it on only with a short-lived key or behind your own proxy.
   */
  dangerouslyAllowBrowser: z.boolean().optional(),
});

/** Options of `createOpenAIProvider`, as given. */
export type OpenAIProviderOptions = z.input<typeof openAIOptionsSchema>;
/** Options of `createOpenAIProvider`, validated. */
export type ParsedOpenAIOptions = z.output<typeof openAIOptionsSchema>;

/**
 * Checks beyond single fields: the key format, only against the official endpoint (proxies and local servers use
 * keys of any shape), and browser use.
 */
function checkOpenAIOptions(input: Record<string, unknown>): CrossFieldProblem[] {
  const problems = browserProblem(input);
  const host = input.baseURL === undefined ? 'api.openai.com' : hostOf(input.baseURL);
  if (typeof input.apiKey === 'string' && input.apiKey !== '' && host === 'api.openai.com') {
    const problem = checkOpenAIKeyFormat(input.apiKey);
    if (problem) problems.push({ path: ['apiKey'], message: problem });
  }
  return problems;
}

/** Validates OpenAI options, throwing one `ConfigError` that names every problem (unknown keys included). */
export function parseOpenAIOptions(input: unknown, sources?: Record<string, string>): ParsedOpenAIOptions {
  return parseConfig(openAIOptionsSchema, input, {
    prefix: 'openai',
    crossCheck: checkOpenAIOptions,
    ...(sources ? { sources } : {}),
  });
}
