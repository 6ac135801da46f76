export type { OpenAIProviderOptions } from './create-openai-provider.js';
export { createOpenAIProvider, OPENAI_BASE_URL } from './create-openai-provider.js';
export { parseRateLimitHeaders } from './headers/parse-rate-limit-headers.js';
