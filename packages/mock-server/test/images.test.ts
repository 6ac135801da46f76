import { expectOpenAI } from '@internal/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { openaiClient, rawFetch, startTestServer } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('image generations', () => {
  it('returns real PNG bytes as b64_json at the requested size', async () => {
    const client = openaiClient(server);
    const result = expectOpenAI(
      'ImagesResponse',
      await client.images.generate({
        model: 'dall-e-2',
        prompt: 'a lighthouse',
        n: 2,
        size: '256x256',
        response_format: 'b64_json',
      }),
    );
    expect(result.data).toHaveLength(2);
    const first = Buffer.from(result.data?.[0]?.b64_json ?? '', 'base64');
    expect(pngSize(first)).toEqual([256, 256]);
    expect(result.data?.[0]?.revised_prompt).toBeUndefined();
    expect(result.data?.[0]?.b64_json).not.toBe(result.data?.[1]?.b64_json);
  });

  it('serves url images itself and adds revised_prompt for dall-e-3', async () => {
    const client = openaiClient(server);
    const result = expectOpenAI(
      'ImagesResponse',
      await client.images.generate({ model: 'dall-e-3', prompt: 'an otter', size: '1792x1024' }),
    );
    const url = result.data?.[0]?.url ?? '';
    expect(url.startsWith(server.origin)).toBe(true);
    expect(result.data?.[0]?.revised_prompt).toContain('an otter');
    const image = await fetch(url);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(pngSize(Buffer.from(await image.arrayBuffer()))).toEqual([1792, 1024]);
    const missing = await fetch(`${server.origin}/mock-files/images/nope.png`);
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });

  it('answers gpt-image-1 with b64_json and usage, and rejects response_format for it', async () => {
    const client = openaiClient(server);
    const result = expectOpenAI(
      'ImagesResponse',
      await client.images.generate({ model: 'gpt-image-1', prompt: 'a map' }),
    );
    expect(result.usage?.input_tokens).toBeGreaterThan(0);
    expect(result.data?.[0]?.b64_json).toBeTruthy();
    const response = await rawFetch(server, '/v1/images/generations', {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-image-1', prompt: 'x', response_format: 'url' }),
    });
    expect(response.status).toBe(400);
    expect(expectOpenAI('ErrorResponse', await response.json()).error.message).toBe(
      "Unknown parameter: 'response_format'.",
    );
  });

  it('rejects bad image requests with the real messages', async () => {
    for (const [body, message] of [
      [{ model: 'dall-e-3', prompt: 'x', n: 2 }, 'You must provide n=1 for this model.'],
      [{ model: 'dall-e-2', prompt: 'x', size: '1792x1024' }, "Invalid value: '1792x1024'"],
      [{ model: 'dall-e-2' }, "Missing required parameter: 'prompt'."],
      [{ model: 'dall-e-2', prompt: 'x'.repeat(1001) }, 'string too long'],
    ] as const) {
      const response = await rawFetch(server, '/v1/images/generations', { method: 'POST', body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      expect(expectOpenAI('ErrorResponse', await response.json()).error.message).toContain(message);
    }
  });
});
