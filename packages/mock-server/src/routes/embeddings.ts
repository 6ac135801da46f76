import { invalidRequest, invalidType, missingParameter } from '../http/api-error.js';
import { asObjectBody, type JsonBody, optionalEnum, optionalNumber, rejectUnknown } from '../http/fields.js';
import type { RequestContext } from '../http/request-context.js';
import type { Surface } from '../http/router.js';
import { latencyFor, type MockState } from '../server/state.js';
import { createRandom, estimateTokens, hashString } from '../text-generator.js';
import { resolveModel } from './resolve-model.js';

const KNOWN = new Set(['input', 'model', 'encoding_format', 'dimensions', 'user']);
const NATIVE_DIMENSIONS: Record<string, number> = { 'text-embedding-3-large': 3072 };
const MAX_INPUTS = 2048;

/** A computed embeddings response and its cost. */
export interface EmbeddingsResult {
  body: Record<string, unknown>;
  bucket: string;
  tokens: number;
}

function readInputs(body: JsonBody): { texts: string[]; tokens: number } {
  const input = body.input;
  if (input === undefined || input === null) throw missingParameter('input');
  const items: unknown[] = Array.isArray(input) && input.length > 0 && typeof input[0] !== 'number' ? input : [input];
  if (items.length > MAX_INPUTS)
    throw invalidRequest(
      `'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.`,
      null,
    );
  let tokens = 0;
  const texts = items.map((item) => {
    if (typeof item === 'string') {
      if (item === '')
        throw invalidRequest(
          `'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.`,
          null,
        );
      tokens += estimateTokens(item);
      return item;
    }
    if (Array.isArray(item) && item.length > 0 && item.every((n) => Number.isInteger(n))) {
      tokens += item.length;
      return item.join(',');
    }
    throw invalidType('input', 'a string or an array of strings or token arrays', item);
  });
  return { texts, tokens };
}

/** A unit-length vector derived from the text: the same text always embeds the same. */
function embed(text: string, dimensions: number, seed: number): Float32Array {
  const random = createRandom(hashString(text, seed));
  const vector = new Float32Array(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    const value = random() * 2 - 1;
    vector[i] = value;
    norm += value * value;
  }
  const scale = 1 / Math.sqrt(norm || 1);
  for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] as number) * scale;
  return vector;
}

/** Computes an embeddings response (shared by the HTTP route and the Batch API). */
export function runEmbeddings(
  state: MockState,
  surface: Surface,
  deployment: string | undefined,
  raw: unknown,
): EmbeddingsResult {
  const body = asObjectBody(raw);
  rejectUnknown(body, KNOWN);
  const model = resolveModel(state, surface, deployment, body);
  const format = optionalEnum(body, 'encoding_format', ['float', 'base64'] as const) ?? 'float';
  const requested = optionalNumber(body, 'dimensions', { min: 1, integer: true });
  const native = NATIVE_DIMENSIONS[model.reported] ?? 1536;
  if (requested !== undefined && !model.reported.startsWith('text-embedding-3') && surface === 'openai') {
    throw invalidRequest('This model does not support specifying dimensions.', null);
  }
  if (requested !== undefined && requested > native) {
    throw invalidRequest(
      `Invalid 'dimensions': integer above maximum value. Expected a value <= ${native}, but got ${requested} instead.`,
      'dimensions',
      'integer_above_max_value',
    );
  }
  const dimensions = requested ?? native;
  const { texts, tokens } = readInputs(body);
  const data = texts.map((text, index) => {
    const vector = embed(text, dimensions, state.seed);
    const embedding =
      format === 'base64'
        ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
        : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  return {
    body: { object: 'list', data, model: model.reported, usage: { prompt_tokens: tokens, total_tokens: tokens } },
    bucket: model.name,
    tokens,
  };
}

/** POST /v1/embeddings (and the Azure equivalents). */
export async function handleEmbeddings(ctx: RequestContext, state: MockState): Promise<void> {
  const result = runEmbeddings(state, ctx.surface, ctx.deployment, ctx.body);
  ctx.extraHeaders = state.limiter.admit(ctx.apiKey, result.bucket, result.tokens, ctx.route, ctx.azure);
  const { timeToFirstTokenMs } = latencyFor(state, result.bucket);
  if (timeToFirstTokenMs > 0) await state.sleeper.sleep(timeToFirstTokenMs);
  ctx.json(200, result.body);
}
