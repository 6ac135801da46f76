import { sniffImageType } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { type Harness, sentBodies } from './harness.js';
import type { SuiteTarget } from './suite-target.js';

/** `generateImage`: dall-e-3 URLs and revised prompts, gpt-image-1 bytes and usage. */
export function describeImages(target: SuiteTarget, harness: Harness): void {
  describe(`${target.name}: generateImage`, () => {
    it('returns a dall-e-3 URL with the revised prompt', async () => {
      const response = await harness.provider().generateImage?.({
        model: target.models.image,
        prompt: 'A lighthouse',
        size: '1024x1024',
        quality: 'hd',
        style: 'natural',
        n: 1,
        responseFormat: 'url',
      });
      expect(response?.images).toHaveLength(1);
      expect(response?.images[0]?.url).toMatch(/^https?:\/\//);
      expect(response?.images[0]?.revisedPrompt).toBeTruthy();
      expect(response?.created).toBeGreaterThan(0);
      expect(sentBodies(harness.recorder, '/images/generations')[0]).toMatchObject({ quality: 'hd', style: 'natural' });
    });

    it('returns dall-e-3 bytes when asked for b64_json', async () => {
      const response = await harness.provider().generateImage?.({
        model: target.models.image,
        prompt: 'A lighthouse',
        responseFormat: 'b64_json',
      });
      const bytes = response?.images[0]?.bytes;
      expect(bytes && sniffImageType(bytes)).toBe('image/png');
    });

    it('returns gpt-image-1 bytes with usage and sends no response_format', async () => {
      const response = await harness.provider().generateImage?.({
        model: target.models.gptImage,
        prompt: 'A lighthouse',
        size: '1024x1024',
        quality: 'low',
        background: 'opaque',
        outputFormat: 'png',
        n: 2,
        responseFormat: 'b64_json',
      });
      expect(response?.images).toHaveLength(2);
      for (const image of response?.images ?? []) {
        expect(image.mimeType).toBe('image/png');
        expect(image.bytes && sniffImageType(image.bytes)).toBe('image/png');
      }
      expect(response?.usage?.totalTokens).toBeGreaterThan(0);
      const [body] = sentBodies(harness.recorder, '/images/generations');
      expect(body).not.toHaveProperty('response_format');
      expect(body).toMatchObject({ background: 'opaque', output_format: 'png', n: 2 });
    });

    it('refuses a URL from gpt-image-1 before sending', async () => {
      await expect(
        harness.provider().generateImage?.({ model: target.models.gptImage, prompt: 'x', responseFormat: 'url' }),
      ).rejects.toMatchObject({ code: 'invalid-request', param: 'responseFormat' });
      expect(harness.recorder.requests).toHaveLength(0);
    });
  });
}
