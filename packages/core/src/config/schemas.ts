import type { z } from 'zod';
import { lazySchema } from '../lazy/lazy-schema.js';
import type { Zod } from '../lazy/load-zod.js';
import { type ApiKeySource, checkApiKeyFormat } from './api-key.js';

const isFunction = (value: unknown): boolean => typeof value === 'function';

const apiKeySchema = (z: Zod) =>
  z.union([
    z.string().min(1, 'must not be empty'),
    z.custom<() => string | Promise<string>>(isFunction, 'must be a string or a function returning one'),
  ]);

const headersSchema = (z: Zod) => z.record(z.string(), z.string());
const fetchSchema = (z: Zod) => z.custom<typeof fetch>(isFunction, 'must be a fetch function');

const OFFICIAL_OPENAI_HOST = 'api.openai.com';
const AZURE_HOSTS = /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/;

/** Options of the OpenAI provider. */
export const openAIOptionsSchema = lazySchema((z) =>
  z
    .strictObject({
      /** The API key, or a (async) function returning it. */
      apiKey: apiKeySchema(z),
      /** API base URL; defaults to https://api.openai.com/v1. */
      baseURL: z.url({ message: 'must be an absolute http(s) URL' }).optional(),
      /** `OpenAI-Organization` header. */
      organization: z.string().min(1).optional(),
      /** `OpenAI-Project` header. */
      project: z.string().min(1).optional(),
      /** Headers sent with every request. */
      defaultHeaders: headersSchema(z).optional(),
      /** Time allowed for response headers, in milliseconds. */
      timeoutMs: z.number().int().positive().optional(),
      /** A custom fetch implementation. */
      fetch: fetchSchema(z).optional(),
      /** Logical model names mapped to model ids. */
      modelAliases: z.record(z.string(), z.string().min(1)).optional(),
    })
    .superRefine((options, ctx) => {
      const host = options.baseURL ? safeHost(options.baseURL) : OFFICIAL_OPENAI_HOST;
      if (typeof options.apiKey === 'string' && host === OFFICIAL_OPENAI_HOST) {
        const problem = checkApiKeyFormat('openai', options.apiKey);
        if (problem) ctx.addIssue({ code: 'custom', path: ['apiKey'], message: problem });
      }
    }),
);

/** Options of the Azure OpenAI provider. */
export const azureOptionsSchema = lazySchema((z) =>
  z
    .strictObject({
      /** `https://{resource}.openai.azure.com` (any path after the host is ignored). */
      endpoint: z
        .url({ message: 'must be an absolute https URL such as https://my-resource.openai.azure.com' })
        .optional(),
      /** The resource name, instead of `endpoint`. */
      resourceName: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/, 'must be letters, digits and hyphens')
        .optional(),
      /** The `api-key`, or a function returning it. */
      apiKey: apiKeySchema(z).optional(),
      /** An Entra ID token provider, e.g. `getBearerTokenProvider(credential, scope)`. */
      tokenProvider: z.custom<() => Promise<string>>(isFunction, 'must be a function returning a token').optional(),
      /** The Entra ID scope. */
      scope: z.string().min(1).optional(),
      /** `v1` (the GA surface, default) or a dated version such as `2024-10-21`. */
      apiVersion: z
        .string()
        .regex(/^(v1|preview|\d{4}-\d{2}-\d{2}(-preview)?)$/, 'must be v1, preview or a date such as 2024-10-21')
        .optional(),
      /** Logical model names mapped to deployment names. */
      deployments: z.record(z.string(), z.string().min(1)).optional(),
      /** Headers sent with every request. */
      defaultHeaders: headersSchema(z).optional(),
      /** Time allowed for response headers, in milliseconds. */
      timeoutMs: z.number().int().positive().optional(),
      /** A custom fetch implementation. */
      fetch: fetchSchema(z).optional(),
    })
    .superRefine((options, ctx) => {
      if (!options.endpoint === !options.resourceName) {
        ctx.addIssue({
          code: 'custom',
          path: [options.endpoint ? 'resourceName' : 'endpoint'],
          message: options.endpoint
            ? 'give endpoint or resourceName, not both'
            : 'endpoint or resourceName is required',
        });
      }
      if (!options.apiKey === !options.tokenProvider) {
        ctx.addIssue({
          code: 'custom',
          path: [options.apiKey ? 'tokenProvider' : 'apiKey'],
          message: options.apiKey
            ? 'give apiKey or tokenProvider, not both'
            : 'an apiKey or an Entra ID tokenProvider is required',
        });
      }
      const host = options.endpoint ? safeHost(options.endpoint) : 'x.openai.azure.com';
      if (typeof options.apiKey === 'string' && AZURE_HOSTS.test(host)) {
        const problem = checkApiKeyFormat('azure', options.apiKey);
        if (problem) ctx.addIssue({ code: 'custom', path: ['apiKey'], message: problem });
      }
    }),
);

/** Retry policy settings. */
export const retryOptionsSchema = lazySchema((z) =>
  z.strictObject({
    /** Attempts in all, the first included. */
    maxAttempts: z.number().int().min(1).max(20).default(4),
    /** First backoff step in milliseconds (full jitter is applied). */
    baseDelayMs: z.number().int().min(0).default(500),
    /** Cap on one wait in milliseconds; a Retry-After beyond it fails at once. */
    maxDelayMs: z.number().int().min(0).default(60_000),
    /** Retries allowed per first attempt, on average, before the budget refuses more (0.2 = 20%). */
    budgetRatio: z.number().min(0).max(10).default(0.2),
    /** Retries always allowed per second regardless of the ratio. */
    budgetMinPerSecond: z.number().min(0).default(1),
    /** Retries the budget can hold (and starts with): the most that may be spent in one burst. */
    budgetBurst: z.number().min(0).default(10),
  }),
);

/** Client-side rate limiter settings. */
export const rateLimitOptionsSchema = lazySchema((z) =>
  z.strictObject({
    /** Requests per minute allowed per key. */
    requestsPerMinute: z.number().positive().optional(),
    /** Tokens per minute allowed per key. */
    tokensPerMinute: z.number().positive().optional(),
    /** Longest a caller may wait for capacity before it fails, in milliseconds. */
    maxWaitMs: z.number().int().min(0).default(120_000),
    /** Spread calls evenly (`smooth`) so windowed limits such as Azure's 10-second ones see no bursts. */
    smoothing: z.enum(['none', 'smooth']).default('none'),
    /** With `smooth`: the provider's enforcement window in milliseconds (Azure: 10 s); no window sees more than its share. */
    smoothingWindowMs: z.number().int().positive().default(10_000),
    /** Let `x-ratelimit-*` headers tighten the buckets (and supply limits that were not configured). */
    adaptive: z.boolean().default(true),
    /**
     * Without smoothing: this much refill time is held back from a full bucket, because calls reach the provider a
     * little after they leave the limiter (and its bucket may have started counting later than ours).
     */
    headroomMs: z.number().min(0).default(1_000),
  }),
);

/** Batch runner settings. */
export const batchOptionsSchema = lazySchema((z) =>
  z.strictObject({
    /** Requests in flight at once. */
    concurrency: z.number().int().min(1).max(10_000).default(16),
    /** Path of the JSONL checkpoint file. */
    checkpoint: z.string().min(1).optional(),
    /** Deliver results in input order or as they complete. */
    order: z.enum(['input', 'completion']).default('completion'),
    /** `fsync`: each group of checkpoint writes is synced to disk (survives a power cut); `write`: survives a crash. */
    checkpointDurability: z.enum(['fsync', 'write']).default('fsync'),
    /** Deliver results saved in the checkpoint by an earlier run again, so the output is complete. */
    replayCheckpoint: z.boolean().default(true),
    /** Which failures saved in the checkpoint a rerun tries again. */
    rerunFailed: z.enum(['retryable', 'all', 'none']).default('retryable'),
    /** Input order: results finished ahead of a slow earlier one held at most (default: 4 × concurrency, ≥ 64). */
    maxHeldResults: z.number().int().min(1).optional(),
    /** Least time between two progress events, in milliseconds. */
    progressIntervalMs: z.number().int().min(0).default(500),
    /** Run locally, through the provider's Batch API, or whichever `planBatch` recommends. */
    mode: z.enum(['local', 'batch-api', 'auto']).default('local'),
    /** Batch API: first wait between two status polls, in milliseconds (it grows by half each poll). */
    pollIntervalMs: z.number().int().min(1).default(5_000),
    /** Batch API: longest wait between two status polls, in milliseconds. */
    maxPollIntervalMs: z.number().int().min(1).default(60_000),
    /** Batch API: requests per input file (the API allows 50,000). */
    maxRequestsPerJob: z.number().int().min(1).max(50_000).default(50_000),
    /** Batch API: bytes per input file (the API allows 200 MB). */
    maxBytesPerJob: z.number().int().min(1).max(200_000_000).default(200_000_000),
  }),
);

/** Options of the OpenAI provider as accepted by `createOpenAIProvider`. */
export type OpenAIOptions = z.input<typeof openAIOptionsSchema>;
/** Options of the Azure provider as accepted by `createAzureProvider`. */
export type AzureOptions = z.input<typeof azureOptionsSchema>;
/** Retry settings as given. */
export type RetryOptions = z.input<typeof retryOptionsSchema>;
/** Rate limiter settings as given. */
export type RateLimitOptions = z.input<typeof rateLimitOptionsSchema>;
/** Batch settings as given. */
export type BatchOptions = z.input<typeof batchOptionsSchema>;
export type { ApiKeySource };

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
