/** Headers every OpenAI JSON response carries (flat name/value list, built once). */
export const OPENAI_JSON_HEADERS: readonly string[] = Object.freeze([
  'content-type',
  'application/json',
  'openai-version',
  '2020-10-01',
  'openai-organization',
  'org-mock',
  'openai-project',
  'proj_mock',
  'access-control-expose-headers',
  'X-Request-ID',
]);

/** Headers every Azure JSON response carries. */
export const AZURE_JSON_HEADERS: readonly string[] = Object.freeze([
  'content-type',
  'application/json',
  'x-ms-region',
  'East US',
  'azureml-model-session',
  'mock-session',
  'x-content-type-options',
  'nosniff',
]);

/** Headers of an SSE stream on OpenAI. */
export const OPENAI_SSE_HEADERS: readonly string[] = Object.freeze([
  'content-type',
  'text/event-stream; charset=utf-8',
  'cache-control',
  'no-cache',
  'openai-version',
  '2020-10-01',
  'openai-organization',
  'org-mock',
  'openai-project',
  'proj_mock',
  'access-control-expose-headers',
  'X-Request-ID',
]);

/** Headers of an SSE stream on Azure. */
export const AZURE_SSE_HEADERS: readonly string[] = Object.freeze([
  'content-type',
  'text/event-stream; charset=utf-8',
  'cache-control',
  'no-cache',
  'x-ms-region',
  'East US',
  'azureml-model-session',
  'mock-session',
  'x-content-type-options',
  'nosniff',
]);
