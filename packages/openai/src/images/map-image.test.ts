import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectOpenAI, referenceDir } from '@internal/conformance';
import { describe, expect, it } from 'vitest';
import { imageResponseSchema } from './image-schema.js';
import { isGptImageModel } from './is-gpt-image-model.js';
import { mapImageRequest } from './map-image-request.js';
import { mapImageResponse } from './map-image-response.js';

const recorded = JSON.parse(
  readFileSync(join(referenceDir, 'fixtures/vercel-ai/openai_image_openai-image.json'), 'utf8'),
);
const options = { providerOptionsKey: 'openai', provider: 'openai' };

describe('mapImageRequest', () => {
  it('maps dall-e-3 options into a body the spec accepts', () => {
    const body = mapImageRequest(
      {
        model: 'd3',
        prompt: 'cat',
        n: 1,
        size: '1024x1024',
        quality: 'hd',
        style: 'vivid',
        responseFormat: 'b64_json',
        user: 'u',
      },
      { ...options, model: 'dall-e-3' },
    );
    expect(expectOpenAI('CreateImageRequest', body, { noExtraProperties: true })).toEqual({
      model: 'dall-e-3',
      prompt: 'cat',
      n: 1,
      size: '1024x1024',
      quality: 'hd',
      style: 'vivid',
      response_format: 'b64_json',
      user: 'u',
    });
  });

  it('leaves response_format out for gpt-image models and refuses a URL from them', () => {
    const body = mapImageRequest(
      {
        model: 'gpt-image-1',
        prompt: 'cat',
        background: 'transparent',
        outputFormat: 'webp',
        responseFormat: 'b64_json',
      },
      { ...options, model: 'my-deployment' },
    );
    expect(body).toEqual({ model: 'my-deployment', prompt: 'cat', background: 'transparent', output_format: 'webp' });
    expect(() =>
      mapImageRequest({ model: 'x', prompt: 'p', responseFormat: 'url' }, { ...options, model: 'gpt-image-1' }),
    ).toThrow(/bytes only/);
  });

  it('knows the gpt-image models', () => {
    expect(isGptImageModel('gpt-image-1')).toBe(true);
    expect(isGptImageModel('gpt-image-1-mini')).toBe(true);
    expect(isGptImageModel('dall-e-3')).toBe(false);
  });
});

describe('mapImageResponse', () => {
  it('maps a recorded real response', () => {
    const response = mapImageResponse(imageResponseSchema.parse(recorded), { model: 'gpt-image-1' });
    expect(response.created).toBe(recorded.created);
    expect(response.images).toHaveLength(recorded.data.length);
    expect(response.images[0]?.bytes?.length).toBeGreaterThan(0);
    if (recorded.usage) expect(response.usage?.totalTokens).toBe(recorded.usage.total_tokens);
  });

  it('uses the output format for the MIME type and keeps URLs and revised prompts', () => {
    const response = mapImageResponse(
      imageResponseSchema.parse({
        created: 1,
        output_format: 'webp',
        data: [{ url: 'https://x/i.webp', revised_prompt: 'a cat' }],
        usage: { input_tokens: 5, output_tokens: 6 },
      }),
      { model: 'm' },
    );
    expect(response.images).toEqual([{ mimeType: 'image/webp', url: 'https://x/i.webp', revisedPrompt: 'a cat' }]);
    expect(response.usage).toEqual({ inputTokens: 5, outputTokens: 6, totalTokens: 11 });
    const jpeg = mapImageResponse(imageResponseSchema.parse({ created: 1, data: null }), {
      model: 'm',
      outputFormat: 'jpeg',
    });
    expect(jpeg.images).toEqual([]);
    const unknown = mapImageResponse(
      imageResponseSchema.parse({ created: 1, output_format: 'tiff', data: [{}], usage: {} }),
      {
        model: 'm',
      },
    );
    expect(unknown.images[0]?.mimeType).toBe('image/png');
    expect(unknown.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });
});
