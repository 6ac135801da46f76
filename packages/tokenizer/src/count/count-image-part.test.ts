import type { ChatRequest, ImagePart } from '@switchboard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { dataUrl, jpegHeader, pngHeader } from '../images/__fixtures__/image-headers.js';
import { createTokenizer } from '../tokenizer.js';

const tokenizer = createTokenizer();
afterAll(() => tokenizer.dispose());

function withImages(model: string, ...images: ImagePart[]): ChatRequest {
  return { model, messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, ...images] }] };
}

describe('image parts in countChatTokens', () => {
  it('counts a high-detail 1024 × 1024 PNG given as bytes at 765 on gpt-4o, exactly', () => {
    const counted = tokenizer.countChatTokens(
      withImages('gpt-4o', { type: 'image', image: pngHeader(1024, 1024), detail: 'high' }),
    );
    expect(counted.images).toEqual({ tokens: 765, exact: true, count: 1 });
    expect(counted.total).toBe(counted.messages.tokens + 765);
    expect(counted.perMessage[0]).toBe(counted.messages.tokens - 3 + 765);
  });

  it('counts a low-detail image at 85 whatever its size or source', () => {
    const counted = tokenizer.countChatTokens(
      withImages('gpt-4o', { type: 'image', image: 'https://example.com/huge.jpg', detail: 'low' }),
    );
    expect(counted.images).toEqual({ tokens: 85, exact: true, count: 1 });
  });

  it('reads data URLs, and marks a URL of unknown size as an estimate at the most it can cost', () => {
    const counted = tokenizer.countChatTokens(
      withImages(
        'gpt-4o',
        { type: 'image', image: dataUrl('image/jpeg', jpegHeader(2048, 4096)), detail: 'high' },
        { type: 'image', image: 'https://example.com/cat.png', detail: 'high' },
      ),
    );
    expect(counted.images).toEqual({ tokens: 1105 + 1445, exact: false, count: 2 });
    expect(counted.exact).toBe(false);
  });

  it('takes sizes from the imageSize option', () => {
    const url = 'https://example.com/cat.png';
    const counted = tokenizer.countChatTokens(withImages('gpt-4o', { type: 'image', image: url, detail: 'high' }), {
      imageSize: (part) => (part.image === url ? { width: 1024, height: 1024 } : undefined),
    });
    expect(counted.images).toEqual({ tokens: 765, exact: true, count: 1 });
  });

  it('treats auto detail as high but as an estimate, and survives a throwing size resolver', () => {
    const counted = tokenizer.countChatTokens(withImages('gpt-4o', { type: 'image', image: pngHeader(1024, 1024) }), {
      imageSize: () => {
        throw new Error('no');
      },
    });
    expect(counted.images).toEqual({ tokens: 765, exact: false, count: 1 });
  });

  it('uses the patch formula on gpt-4.1-mini, and counts low like high there (as an estimate)', () => {
    const high = tokenizer.countChatTokens(
      withImages('gpt-4.1-mini', { type: 'image', image: pngHeader(1024, 1024), detail: 'high' }),
    );
    expect(high.images).toEqual({ tokens: 1659, exact: true, count: 1 });
    const low = tokenizer.countChatTokens(
      withImages('gpt-4.1-mini-2025-04-14', { type: 'image', image: pngHeader(1024, 1024), detail: 'low' }),
    );
    expect(low.images).toEqual({ tokens: 1659, exact: false, count: 1 });
  });

  it('falls back to gpt-4o’s rule as an estimate for a model without a rule', () => {
    const counted = tokenizer.countChatTokens(
      withImages('mystery-model', { type: 'image', image: pngHeader(1024, 1024), detail: 'high' }),
    );
    expect(counted.images).toEqual({ tokens: 765, exact: false, count: 1 });
  });
});
