import { validateLegacyOpenAI, validateOpenAI } from '@internal/conformance';
import type { CapturedRequest } from './recording-fetch.js';

const STRICT = { noExtraProperties: true };

const JSON_ROUTES: [RegExp, string][] = [
  [/\/chat\/completions$/, 'CreateChatCompletionRequest'],
  [/\/responses$/, 'CreateResponse'],
  [/\/embeddings$/, 'CreateEmbeddingRequest'],
  [/\/images\/generations$/, 'CreateImageRequest'],
  [/\/batches$/, 'CreateBatchRequest'],
];

const LINE_SCHEMAS: Record<string, string> = {
  '/v1/chat/completions': 'CreateChatCompletionRequest',
  '/v1/embeddings': 'CreateEmbeddingRequest',
};

/** Fields and file parts of a multipart body (test-sized bodies only). */
export function parseMultipart(
  body: string,
  contentType: string,
): { fields: Record<string, string>; files: Record<string, string> } {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  const fields: Record<string, string> = {};
  const files: Record<string, string> = {};
  if (!boundary) return { fields, files };
  for (const part of body.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) continue;
    const head = part.slice(0, headerEnd);
    const value = part.slice(headerEnd + 4).replace(/\r\n$/, '');
    const name = /name="([^"]+)"/.exec(head)?.[1];
    if (!name) continue;
    if (/filename="/.test(head)) files[name] = value;
    else fields[name] = value;
  }
  return { fields, files };
}

/** Checks a JSONL batch input file: every line's envelope and its body against the endpoint's request schema. */
export function validateBatchLines(jsonl: string, lineSchemas: Record<string, string> = LINE_SCHEMAS): string[] {
  const problems: string[] = [];
  for (const [index, line] of jsonl.split('\n').entries()) {
    if (!line.trim()) continue;
    const { body, ...envelope } = JSON.parse(line) as { body: unknown; url: string };
    const result = validateLegacyOpenAI('BatchRequestInput', envelope, STRICT);
    problems.push(...result.errors.map((e) => `line ${index + 1}: ${e}`));
    const schema = lineSchemas[envelope.url];
    if (!schema) problems.push(`line ${index + 1}: unknown url ${envelope.url}`);
    else problems.push(...validateOpenAI(schema, body, STRICT).errors.map((e) => `line ${index + 1} body: ${e}`));
  }
  return problems;
}

/**
 * Validates one captured request body against the OpenAI spec with `unevaluatedProperties: false` (a misspelled
 * field fails): JSON bodies by route, multipart file uploads by their fields and, for batch files, every JSONL line
 * (`lineSchemas` maps each line `url` to its body schema; Azure's lines use `/chat/completions` without `/v1`).
 * Returns the problems found (empty when the body conforms or the request has no body).
 */
export function validateOpenAIRequest(
  request: CapturedRequest,
  options: { lineSchemas?: Record<string, string> } = {},
): string[] {
  if (request.method !== 'POST' || request.body === undefined) return [];
  const path = request.url.pathname;
  const where = `${request.method} ${path}`;
  if (/\/files$/.test(path)) {
    const { fields, files } = parseMultipart(request.body, request.headers.get('content-type') ?? '');
    const problems = validateOpenAI('CreateFileRequest', { ...fields, file: 'binary' }, STRICT).errors;
    if (fields.purpose === 'batch' && files.file !== undefined)
      problems.push(...validateBatchLines(files.file, options.lineSchemas));
    return problems.map((p) => `${where}: ${p}`);
  }
  const route = JSON_ROUTES.find(([pattern]) => pattern.test(path));
  if (!route) return [`${where}: no schema known for this route`];
  return validateOpenAI(route[1], JSON.parse(request.body), STRICT).errors.map((p) => `${where}: ${p}`);
}
