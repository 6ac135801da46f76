export type { OpenAIProviderOptions } from './create-openai-provider.js';
export { createOpenAIProvider, OPENAI_BASE_URL } from './create-openai-provider.js';
export { parseRateLimitHeaders } from './headers/parse-rate-limit-headers.js';
export { checkOpenAIKeyFormat } from './options/check-openai-key-format.js';
export { OPENAI_ENV_VARIABLES, readOpenAIEnv } from './options/openai-env.js';
export type { ParsedOpenAIOptions } from './options/openai-options.js';
export { openAIOptionsSchema, parseOpenAIOptions } from './options/openai-options.js';
export type { WireApi } from './provider/wire-api.js';
export { WIRE_APIS } from './provider/wire-api.js';
