import type { ModelCapabilities, ModelInfo, ModelPricing } from './model-info.js';

const PRICING_PAGE = 'https://platform.openai.com/docs/pricing';

const chat: ModelCapabilities = {
  vision: true,
  tools: true,
  jsonSchema: true,
  streaming: true,
  reasoning: false,
  verbosity: false,
};

/*
 * Reasoning efforts and verbosity per model, from OpenAI's API reference (`ReasoningEffort` in the OpenAPI spec,
 * https://platform.openai.com/docs/api-reference/responses/create#responses-create-reasoning, and the reasoning guide
 * https://platform.openai.com/docs/guides/reasoning), checked 2026-12-04: "gpt-5.1 defaults to none ... The supported
 * reasoning values for gpt-5.1 are none, low, medium, and high"; "All models before gpt-5.1 default to medium reasoning
 * effort, and do not support none"; "xhigh is supported for all models after gpt-5.1-codex-max"; GPT-5 added
 * `minimal` and `verbosity` (https://platform.openai.com/docs/guides/latest-model); o-series take low, medium, high.
 */
const O_SERIES_EFFORTS = ['low', 'medium', 'high'] as const;
const GPT5_EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;
const GPT51_EFFORTS = ['none', 'low', 'medium', 'high'] as const;
const GPT52_EFFORTS = ['none', 'low', 'medium', 'high', 'xhigh'] as const;

const oSeries: ModelCapabilities = { ...chat, reasoning: true, reasoningEfforts: O_SERIES_EFFORTS, verbosity: false };
const gpt5: ModelCapabilities = { ...chat, reasoning: true, reasoningEfforts: GPT5_EFFORTS, verbosity: true };
const gpt51: ModelCapabilities = { ...gpt5, reasoningEfforts: GPT51_EFFORTS };
const gpt52: ModelCapabilities = { ...gpt5, reasoningEfforts: GPT52_EFFORTS };
const textOnly: ModelCapabilities = {
  vision: false,
  tools: false,
  jsonSchema: false,
  streaming: false,
  reasoning: false,
};

function price(input: number, cached: number | undefined, output: number, asOf: string): ModelPricing {
  const pricing: ModelPricing = {
    inputPerMTok: input,
    outputPerMTok: output,
    batchDiscount: 0.5,
    source: PRICING_PAGE,
    asOf,
  };
  if (cached !== undefined) pricing.cachedInputPerMTok = cached;
  return pricing;
}

/**
 * The models Switchboard knows, with context windows, output limits, encodings and list prices (USD per 1M tokens,
 * standard tier) as published on OpenAI's pricing page on the date given. Azure list prices for global deployments
 * match these; check your agreement for regional or provisioned prices.
 */
export const BUILTIN_MODELS: readonly ModelInfo[] = [
  {
    id: 'gpt-5.2',
    kind: 'chat',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    encoding: 'o200k_base',
    capabilities: gpt52,
    pricing: price(1.75, 0.175, 14, '2025-12-11'),
  },
  {
    id: 'gpt-5.1',
    kind: 'chat',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    encoding: 'o200k_base',
    capabilities: gpt51,
    pricing: price(1.25, 0.125, 10, '2025-11-13'),
  },
  {
    id: 'gpt-5',
    kind: 'chat',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    encoding: 'o200k_base',
    capabilities: gpt5,
    pricing: price(1.25, 0.125, 10, '2025-08-07'),
  },
  {
    id: 'gpt-5-mini',
    kind: 'chat',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    encoding: 'o200k_base',
    capabilities: gpt5,
    pricing: price(0.25, 0.025, 2, '2025-08-07'),
  },
  {
    id: 'gpt-5-nano',
    kind: 'chat',
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    encoding: 'o200k_base',
    capabilities: gpt5,
    pricing: price(0.05, 0.005, 0.4, '2025-08-07'),
  },
  {
    id: 'gpt-4.1',
    kind: 'chat',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    encoding: 'o200k_base',
    capabilities: chat,
    pricing: price(2, 0.5, 8, '2025-04-14'),
  },
  {
    id: 'gpt-4.1-mini',
    kind: 'chat',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    encoding: 'o200k_base',
    capabilities: chat,
    pricing: price(0.4, 0.1, 1.6, '2025-04-14'),
  },
  {
    id: 'gpt-4.1-nano',
    kind: 'chat',
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    encoding: 'o200k_base',
    capabilities: chat,
    pricing: price(0.1, 0.025, 0.4, '2025-04-14'),
  },
  // Listed so `gpt-4.5-preview` is not taken for `gpt-4` by the longest-prefix rule.
  {
    id: 'gpt-4.5',
    kind: 'chat',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    encoding: 'o200k_base',
    capabilities: chat,
    pricing: price(75, 37.5, 150, '2025-02-27'),
  },
  {
    id: 'gpt-4o',
    kind: 'chat',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    encoding: 'o200k_base',
    capabilities: chat,
    pricing: price(2.5, 1.25, 10, '2024-10-01'),
  },
  {
    id: 'gpt-4o-mini',
    kind: 'chat',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    encoding: 'o200k_base',
    capabilities: chat,
    pricing: price(0.15, 0.075, 0.6, '2024-10-01'),
  },
  {
    id: 'o3',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    encoding: 'o200k_base',
    capabilities: oSeries,
    pricing: price(2, 0.5, 8, '2025-06-10'),
  },
  {
    id: 'o4-mini',
    kind: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    encoding: 'o200k_base',
    capabilities: oSeries,
    pricing: price(1.1, 0.275, 4.4, '2025-04-16'),
  },
  {
    id: 'gpt-4-turbo',
    kind: 'chat',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    encoding: 'cl100k_base',
    capabilities: { ...chat, jsonSchema: false },
    pricing: price(10, undefined, 30, '2024-04-09'),
  },
  {
    id: 'gpt-4',
    kind: 'chat',
    contextWindow: 8_192,
    maxOutputTokens: 8_192,
    encoding: 'cl100k_base',
    capabilities: { ...chat, vision: false, jsonSchema: false },
    pricing: price(30, undefined, 60, '2023-03-14'),
  },
  {
    id: 'gpt-3.5-turbo',
    kind: 'chat',
    contextWindow: 16_385,
    maxOutputTokens: 4_096,
    encoding: 'cl100k_base',
    capabilities: { ...chat, vision: false, jsonSchema: false },
    pricing: price(0.5, undefined, 1.5, '2024-01-25'),
  },
  {
    id: 'text-embedding-3-small',
    kind: 'embedding',
    contextWindow: 8_191,
    maxOutputTokens: 0,
    encoding: 'cl100k_base',
    capabilities: textOnly,
    embeddingDimensions: 1536,
    pricing: price(0.02, undefined, 0, '2024-01-25'),
  },
  {
    id: 'text-embedding-3-large',
    kind: 'embedding',
    contextWindow: 8_191,
    maxOutputTokens: 0,
    encoding: 'cl100k_base',
    capabilities: textOnly,
    embeddingDimensions: 3072,
    pricing: price(0.13, undefined, 0, '2024-01-25'),
  },
  {
    id: 'text-embedding-ada-002',
    kind: 'embedding',
    contextWindow: 8_191,
    maxOutputTokens: 0,
    encoding: 'cl100k_base',
    capabilities: textOnly,
    embeddingDimensions: 1536,
    pricing: price(0.1, undefined, 0, '2022-12-15'),
  },
  {
    id: 'dall-e-3',
    kind: 'image',
    contextWindow: 4_000,
    maxOutputTokens: 0,
    encoding: 'cl100k_base',
    capabilities: textOnly,
    imagePricing: {
      standard: { '1024x1024': 0.04, '1024x1792': 0.08, '1792x1024': 0.08 },
      hd: { '1024x1024': 0.08, '1024x1792': 0.12, '1792x1024': 0.12 },
    },
  },
  {
    id: 'gpt-image-1',
    kind: 'image',
    contextWindow: 32_000,
    maxOutputTokens: 0,
    encoding: 'o200k_base',
    capabilities: { ...textOnly, vision: true },
    pricing: price(5, 1.25, 40, '2025-04-23'),
    imagePricing: {
      low: { '1024x1024': 0.011, '1024x1536': 0.016, '1536x1024': 0.016 },
      medium: { '1024x1024': 0.042, '1024x1536': 0.063, '1536x1024': 0.063 },
      high: { '1024x1024': 0.167, '1024x1536': 0.25, '1536x1024': 0.25 },
    },
  },
  {
    id: 'gpt-realtime',
    kind: 'realtime',
    contextWindow: 32_000,
    maxOutputTokens: 4_096,
    encoding: 'o200k_base',
    capabilities: { ...chat, jsonSchema: false },
    pricing: { ...price(4, 0.4, 16, '2025-08-28'), batchDiscount: 0 },
  },
];
