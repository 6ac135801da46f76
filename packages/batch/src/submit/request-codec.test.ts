import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest } from './request-codec.js';

describe('request codec', () => {
  it('round-trips requests, image bytes included', () => {
    const bytes = new Uint8Array([137, 80, 78, 71]);
    const request = {
      customId: 'img',
      request: {
        model: 'gpt-4o',
        messages: [
          {
            role: 'user' as const,
            content: [
              { type: 'image' as const, image: bytes },
              { type: 'text' as const, text: 'what?' },
            ],
          },
        ],
      },
    };
    const decoded = decodeRequest(encodeRequest(request));
    expect(decoded).toEqual(request);
    const buffer = decodeRequest(
      encodeRequest({
        customId: 'b',
        request: { model: 'm', messages: [{ role: 'user', content: [{ type: 'image', image: bytes.buffer }] }] },
      }),
    );
    expect(JSON.stringify(buffer)).toContain('"0":137');
  });
});
