import { type CrossFieldProblem, parseConfig } from '@switchboard/core';
import {
  apiKeySchema,
  browserProblem,
  fetchSchema,
  headersSchema,
  hostOf,
  timeoutMsSchema,
  webUrlSchema,
  wireApiSchema,
} from '@switchboard/openai/internal';
import { z } from 'zod';
import { azureSurface, responsesUnsupported } from './azure-surface.js';
import { checkAzureKeyFormat } from './check-azure-key-format.js';

const AZURE_HOSTS = /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/;

/** Options of the Azure OpenAI provider, field by field (the checks across fields are in `checkAzureOptions`). */
export const azureOptionsSchema = z.strictObject({
  /** `https://{resource}.openai.azure.com` (any path after the host is ignored); http only for localhost. */
  endpoint: webUrlSchema({ httpAnywhere: false, example: 'https://my-resource.openai.azure.com' }).optional(),
  /** The resource name, instead of `endpoint`. */
  resourceName: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/, 'must be letters, digits and hyphens')
    .optional(),
  /** The `api-key`, or a function returning it. */
  apiKey: apiKeySchema.optional(),
  /** An Entra ID token provider, e.g. `getBearerTokenProvider(credential, scope)`. */
  tokenProvider: z
    .custom<(scope: string) => string | Promise<string>>(
      (value) => typeof value === 'function',
      'must be a function returning a token',
    )
    .optional(),
  /** The Entra ID scope. */
  scope: z.string().min(1).optional(),
  /** `v1` (the GA surface, default) or a dated version such as `2024-10-21`. */
  apiVersion: z
    .string()
    .regex(/^(v1|preview|\d{4}-\d{2}-\d{2}(-preview)?)$/, 'must be v1, preview or a date such as 2024-10-21')
    .optional(),
  /**
   * The wire API of `chat` and `streamChat`: `chat-completions` (default: every deployment and api-version has it) or
   * `responses` (`/openai/v1/responses`; with a dated api-version, previews from 2025-03-01-preview on). A call picks
   * another with `providerOptions.azure.api`.
   */
  api: wireApiSchema.optional(),
  /** Logical model names mapped to deployment names. */
  deployments: z.record(z.string(), z.string().min(1)).optional(),
  /** Headers sent with every request. */
  defaultHeaders: headersSchema.optional(),
  /** Time allowed for response headers, in milliseconds. */
  timeoutMs: timeoutMsSchema.optional(),
  /** A custom fetch implementation. */
  fetch: fetchSchema.optional(),
  /** Allow running in a browser (the SDK's option): only with a short-lived token or behind your own proxy. */
  dangerouslyAllowBrowser: z.boolean().optional(),
});

/** Options of `createAzureProvider`, validated. */
export type ParsedAzureOptions = z.output<typeof azureOptionsSchema>;

const isSet = (value: unknown): boolean => value !== undefined && value !== '';

/**
 * The checks across fields, run on the raw input so that a type error in one field hides none of them: exactly one of
 * `endpoint` and `resourceName`, exactly one of `apiKey` and `tokenProvider`, the key shape on real Azure hosts, and
 * browser use.
 */
export function checkAzureOptions(input: Record<string, unknown>): CrossFieldProblem[] {
  const problems = browserProblem(input);
  const hasEndpoint = isSet(input.endpoint);
  if (hasEndpoint === isSet(input.resourceName)) {
    problems.push(
      hasEndpoint
        ? { path: ['resourceName'], message: 'give endpoint or resourceName, not both' }
        : { path: ['endpoint'], message: 'endpoint or resourceName is required' },
    );
  }
  const hasKey = isSet(input.apiKey);
  if (hasKey === isSet(input.tokenProvider)) {
    problems.push(
      hasKey
        ? { path: ['tokenProvider'], message: 'give apiKey or tokenProvider, not both' }
        : { path: ['apiKey'], message: 'an apiKey or an Entra ID tokenProvider is required' },
    );
  }
  if (input.api === 'responses' && typeof input.apiVersion === 'string') {
    const problem = responsesUnsupported(azureSurface(input.apiVersion));
    if (problem) problems.push({ path: ['api'], message: problem });
  }
  const host = hasEndpoint ? hostOf(input.endpoint) : 'resource.openai.azure.com';
  if (typeof input.apiKey === 'string' && input.apiKey !== '' && host !== undefined && AZURE_HOSTS.test(host)) {
    const problem = checkAzureKeyFormat(input.apiKey);
    if (problem) problems.push({ path: ['apiKey'], message: problem });
  }
  return problems;
}

/** Validates Azure options, throwing one `ConfigError` that names every problem (unknown keys included). */
export function parseAzureOptions(
  input: unknown,
  sources?: Record<string, string>,
  extraProblems: CrossFieldProblem[] = [],
): ParsedAzureOptions {
  return parseConfig(azureOptionsSchema, input, {
    prefix: 'azure',
    crossCheck: (raw) => [...extraProblems, ...checkAzureOptions(raw)],
    ...(sources ? { sources } : {}),
  });
}
