import { ServerError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { mapResponsesFinish } from './map-responses-finish.js';
import { mapResponsesResponse } from './map-responses-response.js';
import { mapResponsesUsage } from './map-responses-usage.js';
import { ResponseEventsToChat } from './response-events-to-chat.js';
import { responsesEventsFromSse } from './responses-events-from-sse.js';

const mapErrorPayload = (error: unknown) => new ServerError({ message: JSON.stringify(error), provider: 'openai' });

function sse(events: unknown[], tail = ''): ReadableStream<Uint8Array> {
  const text = events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('') + tail;
  return new Response(text).body as ReadableStream<Uint8Array>;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('ResponseEventsToChat', () => {
  it('starts on the first delta when response.created is missing and separates summary parts', () => {
    const mapper = new ResponseEventsToChat({ provider: 'openai', requestId: 'req_1', mapErrorPayload });
    expect(
      mapper.push({ type: 'response.reasoning_summary_text.delta', item_id: 'rs', summary_index: 0, delta: 'a' }),
    ).toEqual([
      { type: 'start', requestId: 'req_1' },
      { type: 'reasoning-delta', delta: 'a' },
    ]);
    expect(
      mapper.push({ type: 'response.reasoning_summary_text.delta', item_id: 'rs', summary_index: 1, delta: 'b' }),
    ).toEqual([{ type: 'reasoning-delta', delta: '\n\nb' }]);
    expect(mapper.push({ type: 'response.function_call_arguments.delta', item_id: 'fc_x', delta: '{' })).toEqual([]);
    expect(mapper.push({ type: 'response.output_item.added', output_index: 1, item: { type: 'message' } })).toEqual([]);
    expect(mapper.push({ type: 'response.output_item.done', output_index: 1, item: { type: 'message' } })).toEqual([]);
    // A function call whose `added` event never came still completes, by output index.
    expect(
      mapper.push({
        type: 'response.output_item.done',
        output_index: 2,
        item: { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}' },
      }),
    ).toEqual([{ type: 'tool-call', index: 0, toolCall: { id: 'call_1', name: 'f', arguments: '{}' } }]);
    expect(mapper.done).toBe(false);
  });

  it('throws the mapped error of response.failed (a default one without error) and of an error event', () => {
    const mapper = new ResponseEventsToChat({ provider: 'openai', mapErrorPayload });
    expect(() => mapper.push({ type: 'response.failed', response: { id: 'resp_1' } })).toThrow(/server_error/);
    expect(() => mapper.push({ type: 'error', code: 'rate_limit_exceeded', message: 'slow down' })).toThrow(
      /rate_limit_exceeded/,
    );
  });
});

describe('responsesEventsFromSse', () => {
  it('skips events it does not map, rejects a mapped event of the wrong shape, and refuses a cut stream', async () => {
    const created = { type: 'response.created', response: { id: 'resp_1', model: 'm' } };
    const ok = responsesEventsFromSse(
      sse([
        created,
        { type: 'response.in_progress' },
        { type: 'response.completed', response: { id: 'resp_1', status: 'completed' } },
      ]),
      { provider: 'openai', mapErrorPayload },
    );
    expect((await collect(ok)).map((e) => e.type)).toEqual(['start', 'finish']);
    const bad = responsesEventsFromSse(sse([created, { type: 'response.output_text.delta', delta: 5 }]), {
      provider: 'openai',
      requestId: 'req_2',
      mapErrorPayload,
    });
    await expect(collect(bad)).rejects.toMatchObject({ code: 'parse', requestId: 'req_2' });
    const cut = responsesEventsFromSse(sse([created], 'data: [DONE]\n\n'), { provider: 'openai', mapErrorPayload });
    await expect(collect(cut)).rejects.toMatchObject({ code: 'network' });
  });
});

describe('Responses response mapping', () => {
  it('maps finish reasons and usage', () => {
    expect(mapResponsesFinish({ status: 'incomplete', incomplete_details: { reason: 'other' } }, false)).toEqual({
      finishReason: 'other',
      rawFinishReason: 'other',
    });
    expect(mapResponsesFinish({ status: 'incomplete' }, false)).toEqual({
      finishReason: 'other',
      rawFinishReason: 'incomplete',
    });
    expect(mapResponsesFinish({ status: 'cancelled' }, false)).toEqual({
      finishReason: 'other',
      rawFinishReason: 'cancelled',
    });
    expect(mapResponsesFinish({}, true)).toEqual({ finishReason: 'tool-calls', rawFinishReason: null });
    expect(mapResponsesUsage(null)).toBeUndefined();
    expect(mapResponsesUsage({ input_tokens: 3 })).toEqual({ inputTokens: 3, outputTokens: 0, totalTokens: 3 });
  });

  it('reads text, refusals, calls, reasoning (status dropped) and other items; metadata from the hook', () => {
    const response = mapResponsesResponse(
      {
        id: 'resp_1',
        status: 'completed',
        output: [
          {
            type: 'reasoning',
            id: 'rs_1',
            status: 'completed',
            summary: [
              { type: 'summary_text', text: 'x' },
              { type: 'summary_text', text: 'y' },
            ],
          },
          {
            type: 'message',
            content: [{ type: 'output_text', text: 'Hi' }, { type: 'refusal', refusal: 'No' }, { type: 'output_text' }],
          },
          { type: 'function_call', call_id: 'call_1', name: 'f', arguments: 'not json' },
          { type: 'web_search_call' },
        ],
      },
      { provider: 'azure', readMetadata: () => ({ filtered: false }) },
    );
    expect(response).toMatchObject({
      model: '',
      text: 'Hi',
      refusal: 'No',
      reasoningSummary: 'x\n\ny',
      finishReason: 'tool-calls',
      toolCalls: [{ id: 'call_1', name: 'f', arguments: 'not json', parsedArguments: undefined }],
      providerMetadata: {
        azure: {
          filtered: false,
          reasoningItems: [
            {
              type: 'reasoning',
              id: 'rs_1',
              summary: [
                { type: 'summary_text', text: 'x' },
                { type: 'summary_text', text: 'y' },
              ],
            },
          ],
        },
      },
    });
  });
});
