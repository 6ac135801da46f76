import {
  loadConfigFromEnv,
  type OpenAIOptions,
  openAIOptionsSchema,
  type Provider,
  parseConfig,
} from '@switchboard/core';
import type { z } from 'zod';
import { resolveKey } from './auth/resolve-key.js';
import { createOpenAICompatibleProvider } from './provider/create-openai-compatible-provider.js';
import { realtimeUrl } from './realtime/realtime-url.js';
import { loadOpenAISdk } from './sdk/load-openai-sdk.js';

/** The official endpoint, used when no `baseURL` is given. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Options of `createOpenAIProvider` (validated with core's `openAIOptionsSchema`). */
export type OpenAIProviderOptions = OpenAIOptions;

/**
 * Creates the OpenAI provider: Chat Completions (plain and streamed), vision, embeddings, images, the Batch API, the
 * realtime endpoint descriptor and a connection check, over the official SDK built with `maxRetries: 0` (retries
 * belong to @switchboard/resilience). Options are validated at once; every problem is reported in one `ConfigError`.
 * An `apiKey` function is called before every request, so keys can rotate.
 */
export function createOpenAIProvider(options: OpenAIProviderOptions): Provider {
  return buildOpenAIProvider(parseConfig(openAIOptionsSchema, options, { prefix: 'openai' }));
}

const ENV_SOURCES = {
  'openai.apiKey': 'OPENAI_API_KEY',
  'openai.baseURL': 'OPENAI_BASE_URL',
  'openai.organization': 'OPENAI_ORG_ID',
  'openai.project': 'OPENAI_PROJECT_ID',
};

/**
 * Creates the OpenAI provider from `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID` and `OPENAI_PROJECT_ID`
 * (core's `loadConfigFromEnv`), with `overrides` on top. Throws a `ConfigError` naming the variable when one is
 * missing or wrong.
 */
createOpenAIProvider.fromEnv = function fromEnv(
  overrides: Partial<OpenAIProviderOptions> = {},
  env: Record<string, string | undefined> = process.env,
): Provider {
  const fromEnvironment = loadConfigFromEnv(env).openai;
  const input = { ...fromEnvironment, ...overrides };
  return buildOpenAIProvider(parseConfig(openAIOptionsSchema, input, { prefix: 'openai', sources: ENV_SOURCES }));
};

function buildOpenAIProvider(parsed: z.output<typeof openAIOptionsSchema>): Provider {
  const baseURL = (parsed.baseURL ?? OPENAI_BASE_URL).replace(/\/+$/, '');
  const keySource = parsed.apiKey;
  const getKey = () => resolveKey(keySource, 'openai');
  const { OpenAI } = loadOpenAISdk();
  const client = new OpenAI({
    apiKey: typeof keySource === 'string' ? keySource : getKey,
    baseURL,
    organization: parsed.organization ?? null,
    project: parsed.project ?? null,
    maxRetries: 0,
    ...(parsed.defaultHeaders ? { defaultHeaders: parsed.defaultHeaders } : {}),
    ...(parsed.timeoutMs !== undefined ? { timeout: parsed.timeoutMs } : {}),
    ...(parsed.fetch ? { fetch: parsed.fetch } : {}),
  });
  const aliases = parsed.modelAliases ?? {};
  return createOpenAICompatibleProvider({
    provider: 'openai',
    client,
    endpoint: baseURL,
    resolveModel: (model) => aliases[model] ?? model,
    ...(parsed.timeoutMs !== undefined ? { timeoutMs: parsed.timeoutMs } : {}),
    realtimeUrl: (model) => realtimeUrl(baseURL, model),
    realtimeHeaders: async () => ({
      ...parsed.defaultHeaders,
      Authorization: `Bearer ${await getKey()}`,
      ...(parsed.organization ? { 'OpenAI-Organization': parsed.organization } : {}),
      ...(parsed.project ? { 'OpenAI-Project': parsed.project } : {}),
    }),
  });
}
