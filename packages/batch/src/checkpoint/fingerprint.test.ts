import { describe, expect, it } from 'vitest';
import { FINGERPRINT_PREFIX, hashRequest, InputFingerprint } from './fingerprint.js';
import { stableStringify } from './stable-stringify.js';

const chat = (customId: string, text: string) => ({
  customId,
  request: { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: text }] },
});

describe('stableStringify', () => {
  it('sorts keys, drops undefined, and encodes bytes and URLs', () => {
    expect(stableStringify({ b: 1, a: { d: undefined, c: [2, { z: 1, y: 2 }] } })).toBe(
      '{"a":{"c":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(
      stableStringify({
        img: new Uint8Array([1, 2]),
        buf: new Uint8Array([3]).buffer,
        url: new URL('https://x.test/a'),
      }),
    ).toBe('{"buf":{"$bytes":"Aw=="},"img":{"$bytes":"AQI="},"url":"https://x.test/a"}');
    expect(stableStringify(undefined)).toBe('null');
  });
});

describe('hashRequest', () => {
  it('ignores key order and the customId but not the content or the kind', () => {
    const a = chat('1', 'hi');
    const b = {
      customId: '2',
      request: { messages: [{ content: 'hi', role: 'user' as const }], model: 'gpt-4o-mini' },
    };
    expect(hashRequest(a)).toBe(hashRequest(b));
    expect(hashRequest(a)).not.toBe(hashRequest(chat('1', 'ho')));
    expect(hashRequest({ customId: 'e', kind: 'embedding', request: { model: 'm', input: 'x' } })).not.toBe(
      hashRequest({ customId: 'e', request: { model: 'm', input: 'x' } as never }),
    );
  });
});

describe('InputFingerprint', () => {
  it('depends on ids, content and count, and covers only the prefix', () => {
    const digest = (items: ReturnType<typeof chat>[]) => {
      const fp = new InputFingerprint();
      for (const item of items) fp.add(item);
      return fp.digest();
    };
    const base = [chat('a', '1'), chat('b', '2')];
    expect(digest(base)).toBe(digest([chat('a', '1'), chat('b', '2')]));
    expect(digest(base)).not.toBe(digest([chat('a', '1'), chat('c', '2')]));
    expect(digest(base)).not.toBe(digest([chat('a', '1')]));
    const many = Array.from({ length: FINGERPRINT_PREFIX }, (_, i) => chat(String(i), 'x'));
    const fp = new InputFingerprint();
    for (const item of many) fp.add(item);
    expect(fp.complete).toBe(true);
    expect(fp.add(chat('extra', 'y'))).toBe(hashRequest(chat('extra', 'y')));
    expect(fp.digest()).toBe(digest(many));
  });
});
