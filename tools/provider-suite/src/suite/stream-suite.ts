import type { ChatStreamEvent } from '@switchboard/core';
import { TRIGGERS } from '@switchboard/mock-server';
import { describe, expect, it } from 'vitest';
import { failure } from '../support/failure.js';
import { type Harness, sentBodies, waitFor } from './harness.js';
import type { SuiteTarget } from './suite-target.js';

async function collect(stream: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** `streamChat`: events, assembly, usage, tools, refusal, cancellation that closes the socket, stream timeouts. */
export function describeStream(target: SuiteTarget, harness: Harness): void {
  describe(`${target.name}: streamChat`, () => {
    it('streams text deltas, then finish with usage, and assembles the same response', async () => {
      const stream = harness.provider().streamChat({
        model: target.models.chat,
        messages: [{ role: 'user', content: 'Tell me a story' }],
        maxOutputTokens: 40,
      });
      const events = await collect(stream);
      const response = await stream.response;
      expect(events[0]?.type).toBe('start');
      expect(events.at(-1)?.type).toBe('finish');
      const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.delta] : [])).join('');
      expect(text.length).toBeGreaterThan(0);
      expect(response.text).toBe(text);
      expect(response.usage?.outputTokens).toBeGreaterThan(0);
      expect(response.requestId).toMatch(/^req_/);
      expect(response.id).toMatch(/^chatcmpl-/);
      const [body] = sentBodies(harness.recorder, '/chat/completions');
      expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    });

    it('offers the text alone through textStream', async () => {
      const stream = harness
        .provider()
        .streamChat({ model: target.models.chat, messages: [{ role: 'user', content: 'hi' }] });
      let text = '';
      for await (const delta of stream.textStream) text += delta;
      expect(text).toBe((await stream.response).text);
    });

    it('streams tool-call deltas and completed tool calls', async () => {
      const stream = harness.provider().streamChat({
        model: target.models.chat,
        messages: [{ role: 'user', content: 'Weather in Oslo and Rome?' }],
        tools: [
          { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
          { name: 'get_time', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
        ],
        toolChoice: 'required',
      });
      const events = await collect(stream);
      const response = await stream.response;
      const completed = events.filter((e) => e.type === 'tool-call');
      expect(completed.length).toBeGreaterThanOrEqual(1);
      expect(response.toolCalls.map((c) => c.name)).toEqual(
        completed.map((e) => e.type === 'tool-call' && e.toolCall.name),
      );
      for (const call of response.toolCalls) expect(call.parsedArguments).toBeTypeOf('object');
      expect(response.finishReason).toBe('tool-calls');
    });

    it('streams a refusal', async () => {
      const stream = harness.provider().streamChat({
        model: target.models.chat,
        messages: [{ role: 'user', content: `No ${TRIGGERS.refuse}` }],
      });
      const events = await collect(stream);
      expect(events.some((e) => e.type === 'refusal-delta')).toBe(true);
      expect((await stream.response).refusal).toMatch(/sorry/i);
    });

    it('leaves usage out when the caller turns include_usage off', async () => {
      const stream = harness.provider().streamChat({
        model: target.models.chat,
        messages: [{ role: 'user', content: 'hi' }],
        providerOptions: { [target.name]: { stream_options: { include_usage: false } } },
      });
      const response = await stream.response;
      expect(response.usage).toBeUndefined();
      expect(sentBodies(harness.recorder, '/chat/completions')[0]?.stream_options).toEqual({ include_usage: false });
    });

    it('closes the connection when the consumer breaks out of the loop', async () => {
      harness.server.control.setLatency({ timeToFirstTokenMs: 0, interChunkMs: 25 });
      const stream = harness.provider().streamChat({
        model: target.models.chat,
        messages: [{ role: 'user', content: 'A long story' }],
        maxOutputTokens: 2_000,
      });
      const started = Date.now();
      for await (const event of stream) if (event.type === 'text-delta') break;
      // The whole answer would take ~50 s; the server must see the client go away long before that.
      const closed = await waitFor(
        () => (harness.server.control.requests({ route: 'chat.completions' })[0]?.durationMs ?? 0) > 0,
      );
      expect(closed).toBe(true);
      expect(Date.now() - started).toBeLessThan(20_000);
      await expect(stream.response).rejects.toMatchObject({ code: 'aborted' });
    });

    it('closes the connection and fails with aborted when the caller aborts', async () => {
      harness.server.control.setLatency({ timeToFirstTokenMs: 0, interChunkMs: 25 });
      const controller = new AbortController();
      const stream = harness
        .provider()
        .streamChat(
          { model: target.models.chat, messages: [{ role: 'user', content: 'A long story' }], maxOutputTokens: 2_000 },
          { signal: controller.signal },
        );
      let deltas = 0;
      const error = await failure(
        (async () => {
          for await (const event of stream) {
            if (event.type === 'text-delta' && ++deltas === 2) controller.abort();
          }
        })(),
      );
      expect(error.code).toBe('aborted');
      const closed = await waitFor(
        () => (harness.server.control.requests({ route: 'chat.completions' })[0]?.durationMs ?? 0) > 0,
      );
      expect(closed).toBe(true);
    });

    it('fails with a first-token timeout the caller set', async () => {
      harness.server.control.setLatency({ timeToFirstTokenMs: 5_000, interChunkMs: 0 });
      const stream = harness
        .provider()
        .streamChat(
          { model: target.models.chat, messages: [{ role: 'user', content: 'hi' }] },
          { firstTokenTimeoutMs: 100 },
        );
      const error = await failure(stream.response);
      expect(error).toMatchObject({ code: 'timeout', phase: 'first-token', timeoutMs: 100, retryable: true });
    });

    it('fails with an idle timeout the caller set', async () => {
      harness.server.control.setLatency({ timeToFirstTokenMs: 0, interChunkMs: 5_000 });
      const stream = harness
        .provider()
        .streamChat(
          { model: target.models.chat, messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 20 },
          { idleTimeoutMs: 150 },
        );
      const error = await failure(collect(stream));
      expect(error).toMatchObject({ code: 'timeout', phase: 'idle', timeoutMs: 150 });
    });
  });
}
