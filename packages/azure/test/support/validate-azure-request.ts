import { validateAzure, validateOpenAI } from '@internal/conformance';
import { type CapturedRequest, validateOpenAIRequest } from '@internal/provider-suite';

const STRICT = { noExtraProperties: true };

/** Azure's batch input lines name the operation without `/v1`; their bodies are OpenAI-shaped (the deployment as `model`). */
export const AZURE_LINE_SCHEMAS: Record<string, string> = {
  '/chat/completions': 'CreateChatCompletionRequest',
  '/embeddings': 'CreateEmbeddingRequest',
};

/** The dated deployment routes: the Azure spec's request schema and the OpenAI one for the same operation. */
const DATED_ROUTES: { pattern: RegExp; azure: string; openai: string }[] = [
  {
    pattern: /^\/openai\/deployments\/([^/]+)\/chat\/completions$/,
    azure: 'createChatCompletionRequest',
    openai: 'CreateChatCompletionRequest',
  },
  {
    pattern: /^\/openai\/deployments\/([^/]+)\/embeddings$/,
    azure: '#/paths/~1deployments~1{deployment-id}~1embeddings/post/requestBody/content/application~1json/schema',
    openai: 'CreateEmbeddingRequest',
  },
  {
    pattern: /^\/openai\/deployments\/([^/]+)\/images\/generations$/,
    azure: 'imageGenerationsRequest',
    openai: 'CreateImageRequest',
  },
];

/**
 * Fields of later API versions than the 2024-10-21 spec in ../shared/reference (reasoning models, stored completions,
 * gpt-image-1). A dated body that uses one is checked against the OpenAI spec instead, with the deployment put back
 * as `model`, so it is still validated field by field.
 */
const LATER_FIELDS = ['reasoning_effort', 'store', 'background', 'output_format', 'output_compression', 'moderation'];

/**
 * A defect of the 2024-10-21 spec (not in the reference README's allow-list): `response_format.json_schema` lists
 * `type` as required, a field neither the service nor the OpenAI spec defines. The phantom field is filled in on a
 * copy so that everything else in `response_format` is still checked against the Azure schema.
 */
function withPhantomJsonSchemaType(body: Record<string, unknown>): Record<string, unknown> {
  const format = body.response_format as { type?: unknown; json_schema?: Record<string, unknown> } | undefined;
  if (format?.type !== 'json_schema' || !format.json_schema || 'type' in format.json_schema) return body;
  return { ...body, response_format: { ...format, json_schema: { type: 'json_schema', ...format.json_schema } } };
}

/** A v1 GA request body: the OpenAI spec, unknown fields rejected; batch lines with Azure's line URLs. */
export function validateAzureV1Request(request: CapturedRequest): string[] {
  return validateOpenAIRequest(request, { lineSchemas: AZURE_LINE_SCHEMAS });
}

/**
 * A dated request: `api-version` on every URL; deployment routes against the Azure inference spec (unknown fields
 * rejected, the documented real-vs-spec differences allowed, `model` must not be in the body); resource-level files
 * and batches, which that spec does not describe, against the OpenAI spec.
 */
export function validateAzureDatedRequest(request: CapturedRequest, apiVersion: string): string[] {
  const path = request.url.pathname;
  const where = `${request.method} ${path}`;
  const problems: string[] = [];
  if (request.url.searchParams.get('api-version') !== apiVersion)
    problems.push(`${where}: no api-version=${apiVersion}`);
  if (request.method !== 'POST' || request.body === undefined) return problems;
  const route = DATED_ROUTES.map((candidate) => ({ ...candidate, match: candidate.pattern.exec(path) })).find(
    (candidate) => candidate.match,
  );
  if (!route?.match) return [...problems, ...validateAzureV1Request(request)];
  const body = JSON.parse(request.body) as Record<string, unknown>;
  if ('model' in body) problems.push(`${where}: a dated body must not repeat the deployment as model`);
  const result = LATER_FIELDS.some((field) => field in body)
    ? validateOpenAI(route.openai, { ...body, model: decodeURIComponent(route.match[1] as string) }, STRICT)
    : validateAzure(route.azure, withPhantomJsonSchemaType(body), { ...STRICT, allowKnownDifferences: true });
  return [...problems, ...result.errors.map((error) => `${where}: ${error}`)];
}
