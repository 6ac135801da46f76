import { describe, expect, it } from 'vitest';
import { chatChunkSchema } from './chat-chunk-schema.js';
import { ChunkToEvents } from './chunk-to-events.js';

const chunk = (value: unknown) => chatChunkSchema.parse(value);

describe('ChunkToEvents', () => {
  it('starts with the first chunk that has an id, with request id and rate limits', () => {
    const mapper = new ChunkToEvents({ provider: 'openai', requestId: 'req_1', rateLimit: { remainingTokens: 9 } });
    expect(
      mapper.push(
        chunk({ id: 'c1', model: 'gpt', choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] }),
      ),
    ).toEqual([{ type: 'start', id: 'c1', model: 'gpt', requestId: 'req_1', rateLimit: { remainingTokens: 9 } }]);
    expect(mapper.push(chunk({ id: 'c1', choices: [{ index: 0, delta: { content: 'Hi' } }] }))).toEqual([
      { type: 'text-delta', delta: 'Hi' },
    ]);
  });

  it('handles chunks with empty choices, no delta, other choices and a final usage chunk', () => {
    const mapper = new ChunkToEvents({ provider: 'openai' });
    mapper.push(chunk({ id: 'c1', choices: [] }));
    expect(mapper.push(chunk({ id: 'c1', choices: [{ index: 0 }] }))).toEqual([]);
    expect(mapper.push(chunk({ id: 'c1', choices: [{ index: 1, delta: { content: 'other' } }] }))).toEqual([]);
    expect(mapper.push(chunk({ id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'length' }] }))).toEqual([]);
    expect(
      mapper.push(chunk({ id: 'c1', choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } })),
    ).toEqual([]);
    expect(mapper.done()).toEqual([
      {
        type: 'finish',
        finishReason: 'length',
        rawFinishReason: 'length',
        usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
      },
    ]);
  });

  it('emits refusal and tool-call deltas (index defaults to the position)', () => {
    const mapper = new ChunkToEvents({ provider: 'openai' });
    const events = mapper.push(
      chunk({
        id: 'c',
        choices: [
          {
            delta: {
              refusal: 'No',
              tool_calls: [
                { index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } },
                { function: { arguments: '{}' } },
              ],
            },
          },
        ],
      }),
    );
    expect(events).toEqual([
      { type: 'start', id: 'c' },
      { type: 'refusal-delta', delta: 'No' },
      { type: 'tool-call-delta', index: 0, id: 'call_a', name: 'f', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
    ]);
  });

  it('holds metadata that arrives before the start (Azure prompt filter) until right after it', () => {
    const mapper = new ChunkToEvents({
      provider: 'azure',
      readMetadata: (c) => ((c as Record<string, unknown>).prompt_filter_results ? { prompt: true } : undefined),
    });
    const raw = { id: '', choices: [], prompt_filter_results: [{}] };
    expect(mapper.push(chunk(raw), raw)).toEqual([]);
    expect(mapper.push(chunk({ id: 'c9', model: 'm', choices: [{ index: 0, delta: { content: 'x' } }] }))).toEqual([
      { type: 'start', id: 'c9', model: 'm' },
      { type: 'provider-metadata', providerMetadata: { azure: { prompt: true } } },
      { type: 'text-delta', delta: 'x' },
    ]);
  });

  it('still starts, then finishes, when no chunk ever started the stream', () => {
    const mapper = new ChunkToEvents({ provider: 'azure', readMetadata: () => ({ seen: 1 }) });
    mapper.push(chunk({ choices: [] }));
    expect(mapper.done()).toEqual([
      { type: 'start' },
      { type: 'provider-metadata', providerMetadata: { azure: { seen: 1 } } },
      { type: 'finish', finishReason: 'other', rawFinishReason: null },
    ]);
  });
});
