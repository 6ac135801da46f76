import { type ChatMessage, type ChatRequest, type Logger, ModelCatalog } from '@switchboard/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Encoder } from './encoding/encoder.js';
import { createTokenizer, type EncodingTarget, Tokenizer } from './tokenizer.js';

const tokenizer = createTokenizer();
afterAll(() => tokenizer.dispose());

function recordingLogger(): Logger & { warnings: unknown[][] } {
  const warnings: unknown[][] = [];
  const noop = () => {};
  return { debug: noop, info: noop, error: noop, warn: (...args: unknown[]) => warnings.push(args), warnings };
}

describe('Tokenizer.countTokens', () => {
  it('counts with the model’s encoding, a named encoding, or o200k_base by default', () => {
    const text = 'tiktoken is great!';
    expect(tokenizer.countTokens(text, { encoding: 'cl100k_base' })).toBe(6);
    expect(tokenizer.countTokens(text, { model: 'gpt-4' })).toBe(6);
    expect(tokenizer.countTokens(text, { model: 'gpt-4o' })).toBe(tokenizer.countTokens(text));
    expect(tokenizer.countTokens('antidisestablishmentarianism', { encoding: 'r50k_base' })).toBe(5);
    expect(tokenizer.countTokens('antidisestablishmentarianism', { encoding: 'p50k_base' })).toBe(5);
  });

  it('matches the cookbook’s token ids', () => {
    expect([...tokenizer.encode('tiktoken is great!', { encoding: 'cl100k_base' })]).toEqual([
      83, 1609, 5963, 374, 2294, 0,
    ]);
    expect(tokenizer.decode([83, 1609, 5963, 374, 2294, 0], { encoding: 'cl100k_base' })).toBe('tiktoken is great!');
  });

  it('rejects token ids outside the vocabulary with a typed error', () => {
    expect(() => tokenizer.decode([24912, 300_000])).toThrow(expect.objectContaining({ code: 'invalid-request' }));
    expect(() => tokenizer.decode([-1])).toThrow(/-1 is not a token id of o200k_base/);
    expect(() => tokenizer.decode([1.5])).toThrow(/not a token id/);
    expect(() => tokenizer.decode([199_998])).toThrow(/not a token id/);
    expect(tokenizer.decode([199_999])).toBe('<|endoftext|>');
    expect(tokenizer.decode([24912])).toBe('hello');
  });

  it('counts special-token strings as plain text instead of throwing', () => {
    expect(tokenizer.countTokens('<|endoftext|><|endofprompt|>', { model: 'gpt-4o' })).toBeGreaterThan(2);
  });

  it('rejects non-text input and unknown encodings with typed errors', () => {
    expect(() => tokenizer.countTokens(42 as unknown as string)).toThrow(
      expect.objectContaining({ code: 'invalid-request' }),
    );
    expect(() => tokenizer.countTokens('x', { encoding: 'gpt3' } as unknown as EncodingTarget)).toThrow(
      /Unknown encoding "gpt3"/,
    );
    expect(() => tokenizer.countChatTokens({ model: 'gpt-4o' } as ChatRequest)).toThrow(/messages array/);
  });

  it('warns once per unknown model through its logger, and never throws', () => {
    const logger = recordingLogger();
    const quiet = createTokenizer({ logger });
    expect(quiet.countTokens('hello', { model: 'my-custom-deployment' })).toBe(1);
    quiet.countTokens('hello again', { model: 'my-custom-deployment' });
    expect(logger.warnings).toHaveLength(1);
    expect(String(logger.warnings[0]?.[1])).toMatch(/Unknown model "my-custom-deployment".*o200k_base/);
    quiet.dispose();
  });

  it('resolves Azure deployment names through the catalog’s aliases', () => {
    const catalog = new ModelCatalog();
    catalog.alias('contoso-gpt4', 'gpt-4');
    const azure = createTokenizer({ catalog });
    expect(azure.resolveEncoding('contoso-gpt4')).toMatchObject({ encoding: 'cl100k_base', matchedModel: 'gpt-4' });
    azure.dispose();
  });

  it('is usable again after dispose()', () => {
    const local = new Tokenizer();
    expect(local.countTokens('one two')).toBe(2);
    local.dispose();
    expect(local.countTokens('one two three')).toBe(3);
    local.dispose();
  });
});

describe('incremental chat counting', () => {
  it('tokenizes only the new message when a conversation grows by one', () => {
    const local = createTokenizer();
    const uncached = createTokenizer({ cache: false });
    const messages: ChatMessage[] = [{ role: 'system', content: 'You are helpful.' }];
    local.countChatTokens({ model: 'gpt-4o', messages });
    const spy = vi.spyOn(Encoder.prototype, 'count');
    for (let turn = 0; turn < 20; turn++) {
      messages.push({ role: turn % 2 ? 'assistant' : 'user', content: `Message number ${turn} with some words.` });
      spy.mockClear();
      const counted = local.countChatTokens({ model: 'gpt-4o', messages });
      // The new text, plus the role string the first time it is seen.
      expect(spy.mock.calls.length).toBeLessThanOrEqual(turn < 2 ? 2 : 1);
      expect(counted.total).toBe(uncached.countChatTokens({ model: 'gpt-4o', messages }).total);
    }
    spy.mockRestore();
    local.dispose();
    uncached.dispose();
  });

  it('recounts every message with the cache disabled', () => {
    const uncached = createTokenizer({ cache: false });
    const spy = vi.spyOn(Encoder.prototype, 'count');
    const request: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
    uncached.countChatTokens(request);
    uncached.countChatTokens(request);
    expect(spy.mock.calls.length).toBe(4);
    spy.mockRestore();
    uncached.dispose();
  });
});

describe('Tokenizer.estimateTokens', () => {
  it('is prompt tokens plus maxOutputTokens for chat', () => {
    const request: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 100 };
    expect(tokenizer.estimateTokens(request)).toBe(tokenizer.countChatTokens(request).total + 100);
    expect(tokenizer.estimateTokens({ ...request, maxOutputTokens: undefined })).toBe(
      tokenizer.countChatTokens(request).total,
    );
  });

  it('counts embedding inputs and image prompts', () => {
    expect(tokenizer.estimateTokens({ model: 'text-embedding-3-small', input: ['one two', 'three'] })).toBe(3);
    expect(tokenizer.estimateTokens({ model: 'text-embedding-3-small', input: 'one two' })).toBe(2);
    expect(tokenizer.estimateTokens({ model: 'gpt-image-1', prompt: 'a red fox' })).toBe(3);
  });

  it('can be passed around unbound, and falls back to characters / 4 instead of throwing', () => {
    const logger = recordingLogger();
    const { estimateTokens } = createTokenizer({ logger });
    const broken = { model: 'gpt-4o', messages: [null] } as unknown as ChatRequest;
    expect(estimateTokens(broken)).toBe(Math.ceil(JSON.stringify(broken).length / 4));
    expect(logger.warnings).toHaveLength(1);
  });
});

describe('Tokenizer.estimateCost', () => {
  const request: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 1000 };

  it('prices a request’s counted prompt tokens and its maxOutputTokens at the catalog’s prices', () => {
    const cost = tokenizer.estimateCost(request);
    const input = tokenizer.countChatTokens(request).total;
    expect(cost).toMatchObject({
      inputTokens: input,
      outputTokens: 1000,
      cachedInputTokens: 0,
      priced: true,
      model: 'gpt-4o',
      batch: false,
      fromUsage: false,
      exactInput: true,
    });
    expect(cost.inputUsd).toBeCloseTo((input * 2.5) / 1e6, 12);
    expect(cost.outputUsd).toBeCloseTo((1000 * 10) / 1e6, 12);
    expect(cost.totalUsd).toBeCloseTo(cost.inputUsd + cost.outputUsd, 12);
  });

  it('applies the batch discount, cached input and an explicit output figure', () => {
    const cost = tokenizer.estimateCost(request, { batch: true, outputTokens: 10, cachedInputTokens: 2 });
    const input = tokenizer.countChatTokens(request).total;
    expect(cost.batch).toBe(true);
    expect(cost.cachedInputTokens).toBe(2);
    expect(cost.cachedInputUsd).toBeCloseTo((2 * 1.25 * 0.5) / 1e6, 12);
    expect(cost.inputUsd).toBeCloseTo(((input - 2) * 2.5 * 0.5) / 1e6, 12);
    expect(cost.outputUsd).toBeCloseTo((10 * 10 * 0.5) / 1e6, 12);
    expect(tokenizer.estimateCost({ ...request, maxOutputTokens: undefined }).outputTokens).toBe(0);
  });

  it('prices a real usage, which needs a model', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000, totalTokens: 2_000_000, cachedInputTokens: 0 };
    const cost = tokenizer.estimateCost(usage, { model: 'gpt-4o-mini' });
    expect(cost).toMatchObject({ fromUsage: true, exactInput: true, inputTokens: 1_000_000, priced: true });
    expect(cost.totalUsd).toBeCloseTo(0.15 + 0.6, 10);
    const noCache = tokenizer.estimateCost({ inputTokens: 10, outputTokens: 0, totalTokens: 10 }, { model: 'gpt-4o' });
    expect(noCache.cachedInputTokens).toBe(0);
    expect(() => tokenizer.estimateCost(usage)).toThrow(expect.objectContaining({ code: 'invalid-request' }));
  });

  it('says so when the model has no price', () => {
    const cost = tokenizer.estimateCost({ ...request, model: 'mystery' });
    expect(cost).toMatchObject({ priced: false, totalUsd: 0 });
  });
});
