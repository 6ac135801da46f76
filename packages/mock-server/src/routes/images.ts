import { SAFE_CHOICE_RESULTS, SAFE_PROMPT_RESULTS } from '../azure/content-filter.js';
import { invalidRequest, missingParameter, unknownParameter } from '../http/api-error.js';
import { asObjectBody, optionalEnum, optionalNumber, optionalString, rejectUnknown } from '../http/fields.js';
import type { RequestContext } from '../http/request-context.js';
import { renderPng } from '../png.js';
import { latencyFor, type MockState } from '../server/state.js';
import { estimateTokens, hashString } from '../text-generator.js';
import { resolveModel } from './resolve-model.js';

const KNOWN = new Set([
  'prompt',
  'model',
  'n',
  'quality',
  'response_format',
  'output_format',
  'output_compression',
  'stream',
  'partial_images',
  'size',
  'moderation',
  'background',
  'style',
  'user',
]);

interface ImageModelRules {
  sizes: readonly string[];
  maxPrompt: number;
  maxN: number;
  responseFormat: boolean;
}

const RULES: Record<string, ImageModelRules> = {
  'dall-e-2': { sizes: ['256x256', '512x512', '1024x1024'], maxPrompt: 1000, maxN: 10, responseFormat: true },
  'dall-e-3': { sizes: ['1024x1024', '1792x1024', '1024x1792'], maxPrompt: 4000, maxN: 1, responseFormat: true },
  'gpt-image-1': {
    sizes: ['1024x1024', '1536x1024', '1024x1536', 'auto'],
    maxPrompt: 32000,
    maxN: 10,
    responseFormat: false,
  },
};

/** Rendering a 1024×1024 PNG takes ~15 ms, and tests ask for the same prompt again and again: keep a few. */
const pngCache = new Map<string, Buffer>();
const PNG_CACHE_LIMIT = 16;

function cachedPng(width: number, height: number, seed: number): Buffer {
  const key = `${width}x${height}:${seed}`;
  let png = pngCache.get(key);
  if (!png) {
    png = renderPng(width, height, seed);
    if (pngCache.size >= PNG_CACHE_LIMIT) pngCache.delete(pngCache.keys().next().value as string);
    pngCache.set(key, png);
  }
  return png;
}

/** POST /v1/images/generations (and the Azure deployment URL). */
export async function handleImages(ctx: RequestContext, state: MockState): Promise<void> {
  const body = asObjectBody(ctx.body);
  rejectUnknown(body, KNOWN);
  if (body.model === undefined && !ctx.azure) body.model = 'dall-e-2';
  const model = resolveModel(state, ctx.surface, ctx.deployment, body);
  const family = model.reported.startsWith('gpt-image')
    ? 'gpt-image-1'
    : model.reported.startsWith('dall-e-3')
      ? 'dall-e-3'
      : 'dall-e-2';
  const rules = RULES[family] as ImageModelRules;
  const prompt = optionalString(body, 'prompt');
  if (prompt === undefined) throw missingParameter('prompt');
  if (prompt.length > rules.maxPrompt) {
    throw invalidRequest(
      `Invalid 'prompt': string too long. Expected a string with maximum length ${rules.maxPrompt}, but got a string with length ${prompt.length} instead.`,
      'prompt',
      'string_above_max_length',
    );
  }
  const n = optionalNumber(body, 'n', { min: 1, max: 10, integer: true }) ?? 1;
  if (n > rules.maxN) throw invalidRequest('You must provide n=1 for this model.', 'n');
  if (body.response_format !== undefined && !rules.responseFormat) {
    throw unknownParameter('response_format');
  }
  const size = optionalEnum(body, 'size', rules.sizes) ?? '1024x1024';
  const format = rules.responseFormat
    ? (optionalEnum(body, 'response_format', ['url', 'b64_json'] as const) ?? 'url')
    : 'b64_json';
  ctx.extraHeaders = state.limiter.admit(ctx.apiKey, model.name, estimateTokens(prompt), ctx.route, ctx.azure);
  const [width, height] = (size === 'auto' ? '1024x1024' : size).split('x').map(Number) as [number, number];
  const data = [];
  for (let index = 0; index < n; index++) {
    const seed = hashString(prompt, state.seed + index);
    const png = cachedPng(width, height, seed);
    const item: Record<string, unknown> = {};
    if (format === 'b64_json') item.b64_json = png.toString('base64');
    else {
      const name = state.ids.next('img-');
      state.images.set(name, png);
      item.url = `${state.origin}/mock-files/images/${name}.png`;
    }
    if (family === 'dall-e-3') item.revised_prompt = `A detailed, vivid rendering of: ${prompt}`;
    if (ctx.azure) {
      item.content_filter_results = SAFE_CHOICE_RESULTS;
      item.prompt_filter_results = SAFE_PROMPT_RESULTS;
    }
    data.push(item);
  }
  const { timeToFirstTokenMs } = latencyFor(state, model.name);
  if (timeToFirstTokenMs > 0) await state.sleeper.sleep(timeToFirstTokenMs);
  const response: Record<string, unknown> = { created: Math.floor(Date.now() / 1000), data };
  if (family === 'gpt-image-1') {
    const inputTokens = estimateTokens(prompt);
    Object.assign(response, {
      background: 'opaque',
      output_format: 'png',
      quality: 'high',
      size: size === 'auto' ? '1024x1024' : size,
      usage: {
        total_tokens: inputTokens + 4160 * n,
        input_tokens: inputTokens,
        output_tokens: 4160 * n,
        input_tokens_details: { text_tokens: inputTokens, image_tokens: 0 },
      },
    });
  }
  ctx.json(200, response);
}
