import { createRequire } from 'node:module';
import type { EncodingName } from '@switchboard/core';
import fc from 'fast-check';
import type { Tiktoken } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, longDocument } from './__fixtures__/corpus.js';
import { Encoder } from './encoder.js';
import { ENCODING_NAMES } from './encoding-names.js';

const { get_encoding } = createRequire(import.meta.url)('tiktoken') as typeof import('tiktoken');

/** Small limits so the tests exercise every path (chunking, long stretches, the JS merge) on small inputs. */
const SMALL = { chunkChars: 64, gapChars: 24, longPieceBytes: 40, maxMergeBytes: 1 << 20 };

const reference = new Map<EncodingName, Tiktoken>();
function direct(encoding: EncodingName, text: string): number[] {
  let tiktoken = reference.get(encoding);
  if (!tiktoken) {
    tiktoken = get_encoding(encoding);
    reference.set(encoding, tiktoken);
  }
  return [...tiktoken.encode_ordinary(text)];
}

/**
 * The heavy cases below build rank tables and count tens of thousands of characters; on a loaded 2-core machine that
 * can take many times what it takes on a quiet one, so they get a generous timeout instead of a tight one.
 */
const HEAVY = 120_000;

const encoders: Encoder[] = [];
function encoderFor(encoding: EncodingName, limits?: typeof SMALL): Encoder {
  const encoder = new Encoder(encoding, limits);
  encoders.push(encoder);
  return encoder;
}

afterAll(() => {
  for (const encoder of encoders) encoder.free();
  for (const tiktoken of reference.values()) tiktoken.free();
});

describe.each(ENCODING_NAMES)('Encoder (%s)', (encoding) => {
  const standard = encoderFor(encoding);
  const small = encoderFor(encoding, SMALL);

  it.each(Object.entries(CORPUS))('matches encode_ordinary token for token on %s', (_name, text) => {
    const expected = direct(encoding, text);
    expect([...standard.encode(text)]).toEqual(expected);
    expect([...small.encode(text)]).toEqual(expected);
    expect(small.count(text)).toBe(expected.length);
  });

  it(
    'matches on a long mixed document cut into many chunks',
    () => {
      const text = longDocument(60_000);
      const expected = direct(encoding, text);
      expect([...standard.encode(text)]).toEqual(expected);
      expect([...small.encode(text)]).toEqual(expected);
    },
    HEAVY,
  );

  it('merges long runs exactly as tiktoken does', { timeout: HEAVY }, () => {
    const runs = [
      'a'.repeat(3000),
      ` ${'b'.repeat(2000)}x`,
      '中'.repeat(700),
      '!'.repeat(1500),
      ' '.repeat(1200),
      `${'\n'.repeat(900)}z`,
      '😀'.repeat(400),
      'Ab'.repeat(900),
      'xyzzy'.repeat(400),
    ];
    for (const run of runs) {
      const expected = direct(encoding, run);
      expect([...standard.encode(run)]).toEqual(expected);
      expect([...small.encode(run)]).toEqual(expected);
    }
  });

  it('matches on arbitrary strings (property)', { timeout: HEAVY }, () => {
    const alphabet = fc.constantFrom(
      'a',
      'Z',
      ' ',
      '  ',
      '\n',
      '\r\n',
      '\t',
      '7',
      '42',
      "'",
      "'s",
      '/',
      '.',
      ',',
      '中',
      '。',
      'é',
      'e\u0301',
      '😀',
      '👍🏽',
      '\u00a0',
      'ſ',
      '<|endoftext|>',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 120 }), (parts) => {
        const text = parts.join('');
        expect([...small.encode(text)]).toEqual(direct(encoding, text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Encoder', () => {
  it('counts 30,000-character runs without split points (tiktoken alone takes 3 to 20 s on these)', {
    timeout: HEAVY,
  }, () => {
    const encoder = encoderFor('o200k_base');
    // Figures from tiktoken's own encode_ordinary on the same inputs (the bench times 100,000-character runs).
    expect(encoder.count('a'.repeat(30_000))).toBe(3750);
    expect(encoder.count(' '.repeat(30_000))).toBe(235);
    expect(encoder.count('!'.repeat(30_000))).toBe(1875);
    expect(encoder.count('中'.repeat(30_000))).toBe(30_000);
    expect(encoder.count(`x${'  '.repeat(15_000)}y`)).toBe(encoder.count(`x${' '.repeat(30_000)}y`));
  });

  it('merges matches longer than maxMergeBytes in windows, over-counting by at most two tokens per window', {
    timeout: HEAVY,
  }, () => {
    const windowed = new Encoder('o200k_base', { ...SMALL, maxMergeBytes: 1000 });
    const exact = encoderFor('o200k_base');
    for (const text of [' '.repeat(6_000), '!'.repeat(6_000), 'ab'.repeat(3_000), '中'.repeat(2_500)]) {
      const windows = Math.ceil(new TextEncoder().encode(text).length / 1000);
      const difference = windowed.count(text) - exact.count(text);
      expect(difference).toBeGreaterThanOrEqual(0);
      expect(difference).toBeLessThanOrEqual(2 * (windows - 1));
    }
    windowed.free();
  });

  it('counts special-token strings as plain text', () => {
    const encoder = encoderFor('o200k_base');
    expect(encoder.count('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('decodes tokens and drops a character cut in half at the end', () => {
    const encoder = encoderFor('cl100k_base');
    const tokens = encoder.encode('héllo wörld 😀');
    expect(encoder.decode(tokens)).toBe('héllo wörld 😀');
    const cut = encoder.decode(tokens.subarray(0, tokens.length - 1));
    expect(cut).not.toContain('\ufffd');
    expect('héllo wörld 😀'.startsWith(cut)).toBe(true);
    expect(cut.startsWith('héllo wörld')).toBe(true);
  });

  it('cannot be used after it is freed', () => {
    const encoder = new Encoder('o200k_base');
    encoder.free();
    encoder.free();
    expect(() => encoder.count('x')).toThrow(/disposed/);
  });

  it('handles the empty string', () => {
    const encoder = encoderFor('o200k_base');
    expect(encoder.count('')).toBe(0);
    expect([...encoder.encode('')]).toEqual([]);
  });
});
