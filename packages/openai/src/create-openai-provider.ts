import { type EnvironmentVariables, type Provider, processEnv } from '@switchboard/core';
import { resolveKey } from './auth/resolve-key.js';
import type { OpenAITransport } from './http/transport.js';
import { readOpenAIEnv } from './options/openai-env.js';
import {
  OPENAI_BASE_URL,
  type OpenAIProviderOptions,
  type ParsedOpenAIOptions,
  parseOpenAIOptions,
} from './options/openai-options.js';
import { createOpenAICompatibleProvider } from './provider/create-openai-compatible-provider.js';
import { realtimeUrl } from './realtime/realtime-url.js';

export { OPENAI_BASE_URL, type OpenAIProviderOptions };

/**
 * Creates the OpenAI provider: Chat Completions (plain and streamed), vision, embeddings, images, the Batch API, the
 * realtime endpoint descriptor and a connection check, sent with `fetch` (no retries: they belong to
 * @switchboard/resilience; the openai SDK is loaded only for the Batch API). Options are validated at once; every problem is reported in one `ConfigError`.
 * An `apiKey` function is called before every request, so keys can rotate.
 */
export function createOpenAIProvider(options: OpenAIProviderOptions): Provider {
  return buildOpenAIProvider(parseOpenAIOptions(options));
}

/**
 * Creates the OpenAI provider from `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID` and `OPENAI_PROJECT_ID`, with
 * `overrides` on top. Throws a `ConfigError` naming the variable when one is missing or wrong. Without an `env`, the
 * process environment is read (there is none in browsers and workers: pass options there).
 */
createOpenAIProvider.fromEnv = function fromEnv(
  overrides: Partial<OpenAIProviderOptions> = {},
  env: EnvironmentVariables = processEnv(),
): Provider {
  const { options, sources } = readOpenAIEnv(env);
  return buildOpenAIProvider(parseOpenAIOptions({ ...options, ...overrides }, sources));
};

function buildOpenAIProvider(parsed: ParsedOpenAIOptions): Provider {
  const baseURL = (parsed.baseURL ?? OPENAI_BASE_URL).replace(/\/+$/, '');
  const keySource = parsed.apiKey;
  const getKey = () => resolveKey(keySource, 'openai');
  const account: Record<string, string> = {};
  if (parsed.organization) account['OpenAI-Organization'] = parsed.organization;
  if (parsed.project) account['OpenAI-Project'] = parsed.project;
  const authHeaders = async () => ({ Authorization: `Bearer ${await getKey()}`, ...account });
  const transport: OpenAITransport = { baseURL, auth: authHeaders };
  if (parsed.defaultHeaders) transport.defaultHeaders = parsed.defaultHeaders;
  if (parsed.fetch) transport.fetch = parsed.fetch;
  if (parsed.timeoutMs !== undefined) transport.timeoutMs = parsed.timeoutMs;
  const aliases = parsed.modelAliases ?? {};
  return createOpenAICompatibleProvider({
    provider: 'openai',
    transport,
    endpoint: baseURL,
    resolveModel: (model) => aliases[model] ?? model,
    ...(parsed.api ? { api: parsed.api } : {}),
    realtimeUrl: (model) => realtimeUrl(baseURL, model),
    realtimeHeaders: async () => ({ ...parsed.defaultHeaders, ...(await authHeaders()) }),
  });
}
