import { type ChatMessage, type ChatRequest, isSwitchboardError } from '@switchboard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenizer } from '../tokenizer.js';
import { messageUnits } from './message-units.js';
import { truncateText } from './truncate-text.js';

const tokenizer = createTokenizer();
afterAll(() => tokenizer.dispose());

const sentence = (topic: string) => `This is a fairly ordinary sentence about ${topic}, repeated to take up room. `;
const long = (topic: string, times: number) => sentence(topic).repeat(times).trim();

function conversation(): ChatMessage[] {
  return [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: long('apples', 20) },
    { role: 'assistant', content: long('bananas', 20) },
    { role: 'user', content: 'Look it up.' },
    { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'search', arguments: '{"q":"cherries"}' }] },
    { role: 'tool', toolCallId: 'c1', content: long('cherries', 10) },
    { role: 'user', content: 'And now?' },
  ];
}

describe('fitToContext', () => {
  it('returns the same request when it already fits', () => {
    const request: ChatRequest = { model: 'gpt-4o', messages: conversation() };
    const result = tokenizer.fitToContext(request);
    expect(result.request).toBe(request);
    expect(result.removed).toEqual([]);
    expect(result.contextWindow).toBe(128_000);
    expect(result.tokens).toBe(result.tokensBefore);
  });

  it('drops the oldest non-system messages first and reports them', () => {
    const request: ChatRequest = { model: 'gpt-4o', messages: conversation() };
    const total = tokenizer.countChatTokens(request).total;
    const perMessage = tokenizer.countChatTokens(request).perMessage;
    // Room for everything but the first user message, with nothing to spare for a truncated remainder.
    const contextWindow = total - (perMessage[1] as number) + 10;
    const result = tokenizer.fitToContext(request, { contextWindow, minTruncatedTokens: 1_000 });
    expect(result.removed.map(({ index, action }) => [index, action])).toEqual([[1, 'dropped']]);
    expect(result.request.messages).toHaveLength(6);
    expect(result.request.messages[0]?.role).toBe('system');
    expect(result.tokens).toBeLessThanOrEqual(result.budget);
    expect(result.tokens).toBe(tokenizer.countChatTokens(result.request).total);
    expect(request.messages).toHaveLength(7);
  });

  it('truncates the message that crosses the line when enough of it remains', () => {
    const request: ChatRequest = { model: 'gpt-4o', messages: conversation() };
    const total = tokenizer.countChatTokens(request).total;
    const result = tokenizer.fitToContext(request, { contextWindow: total - 100 });
    expect(result.removed).toHaveLength(1);
    expect(result.removed[0]).toMatchObject({ index: 1, action: 'truncated', role: 'user' });
    expect(result.removed[0]?.tokens).toBeGreaterThanOrEqual(100);
    const shortened = result.request.messages[1]?.content as string;
    expect(long('apples', 20).startsWith(shortened)).toBe(true);
    expect(result.tokens).toBeLessThanOrEqual(total - 100);
  });

  it('keeps a tool call together with its result', () => {
    const messages = conversation();
    const request: ChatRequest = { model: 'gpt-4o', messages };
    const perMessage = tokenizer.countChatTokens(request).perMessage;
    const keep = (perMessage[0] as number) + (perMessage[6] as number) + 3;
    const result = tokenizer.fitToContext(request, { contextWindow: keep + 5, truncate: false });
    const dropped = result.removed.map((entry) => entry.index);
    expect(dropped).toEqual([1, 2, 3, 4, 5]);
    expect(result.request.messages.map((message) => message.role)).toEqual(['system', 'user']);
  });

  it('reserves output tokens (maxOutputTokens by default)', () => {
    const request: ChatRequest = { model: 'gpt-4o', messages: conversation(), maxOutputTokens: 127_900 };
    const result = tokenizer.fitToContext(request, { minTruncatedTokens: 10_000 });
    expect(result.budget).toBe(100);
    expect(result.tokens).toBeLessThanOrEqual(100);
    const explicit = tokenizer.fitToContext(request, { reserveOutputTokens: 0 });
    expect(explicit.removed).toEqual([]);
  });

  it('truncates the newest message as a last resort', () => {
    const request: ChatRequest = {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: long('dates', 30) },
      ],
    };
    const result = tokenizer.fitToContext(request, { contextWindow: 60 });
    expect(result.removed).toMatchObject([{ index: 1, action: 'truncated' }]);
    expect(result.tokens).toBeLessThanOrEqual(60);
  });

  it('throws ContextLengthError when the system messages and the newest message cannot fit', () => {
    const request: ChatRequest = {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: long('figs', 20) },
        { role: 'user', content: [{ type: 'text', text: long('grapes', 5) }] },
      ],
    };
    let caught: unknown;
    try {
      tokenizer.fitToContext(request, { contextWindow: 100 });
    } catch (error) {
      caught = error;
    }
    expect(isSwitchboardError(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'context-length', retryable: false });
    expect(() =>
      tokenizer.fitToContext(
        { ...request, messages: [request.messages[1] as ChatMessage] },
        {
          contextWindow: 100,
          reserveOutputTokens: 100,
        },
      ),
    ).toThrow(/budget is 0/);
  });

  it('uses the catalog context window of the given model', () => {
    const request: ChatRequest = { model: 'whatever', messages: conversation() };
    const result = tokenizer.fitToContext(request, { model: 'gpt-4', minTruncatedTokens: 1 });
    expect(result.contextWindow).toBe(8192);
    expect(result.removed).toEqual([]);
  });
});

describe('messageUnits', () => {
  it('groups tool calls with their results and leaves orphans alone', () => {
    const units = messageUnits([
      { role: 'system', content: 's' },
      { role: 'tool', toolCallId: 'orphan', content: 'x' },
      {
        role: 'assistant',
        toolCalls: [
          { id: 'a', name: 'f', arguments: '{}' },
          { id: 'b', name: 'g', arguments: '{}' },
        ],
      },
      { role: 'tool', toolCallId: 'a', content: '1' },
      { role: 'tool', toolCallId: 'b', content: '2' },
      { role: 'user', content: 'u' },
    ]);
    expect(units).toEqual([
      { indexes: [0], system: true },
      { indexes: [1], system: false },
      { indexes: [2, 3, 4], system: false },
      { indexes: [5], system: false },
    ]);
  });
});

describe('truncateText', () => {
  const codec = {
    encode: (text: string) => tokenizer.encode(text),
    decode: (tokens: Uint32Array) => tokenizer.decode(tokens),
    count: (text: string) => tokenizer.countTokens(text),
  };

  it('keeps the longest start within the token budget', () => {
    const text = long('kiwis', 5);
    const cut = truncateText(text, 10, codec);
    expect(codec.count(cut)).toBeLessThanOrEqual(10);
    expect(text.startsWith(cut)).toBe(true);
    expect(truncateText(text, 10_000, codec)).toBe(text);
    expect(truncateText(text, 0, codec)).toBe('');
  });

  it('re-counts when the cut text tokenizes longer, and gives up with an empty string', () => {
    const stubborn = { ...codec, count: () => 1_000 };
    expect(truncateText(long('limes', 3), 5, stubborn)).toBe('');
  });
});
