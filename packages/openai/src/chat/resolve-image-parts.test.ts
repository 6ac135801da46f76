import type { ChatRequest } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { resolveImageParts } from './resolve-image-parts.js';

describe('resolveImageParts', () => {
  it('returns a request without images as it is', async () => {
    const request: ChatRequest = { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };
    expect(await resolveImageParts(request)).toBe(request);
  });

  it('replaces bytes with data URLs and keeps other messages and parts', async () => {
    const request: ChatRequest = {
      model: 'm',
      messages: [
        { role: 'system', content: 's' },
        { role: 'user', content: 'plain' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image', image: new Uint8Array([1]), mimeType: 'image/png', detail: 'low' },
          ],
        },
      ],
    };
    const resolved = await resolveImageParts(request);
    expect(resolved.messages.slice(0, 2)).toEqual(request.messages.slice(0, 2));
    expect(resolved.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'look' },
        { type: 'image', image: 'data:image/png;base64,AQ==', mimeType: 'image/png', detail: 'low' },
      ],
    });
  });
});
