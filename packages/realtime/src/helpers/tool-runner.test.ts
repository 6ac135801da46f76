import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { RealtimeClientEvent } from '../events/client-events.js';
import type { ToolResultEvent } from '../events/local-events.js';
import type { RealtimeResponse } from '../events/server/shared-schemas.js';
import { ReplySink } from './realtime-reply.js';
import type { RealtimeTool } from './realtime-tool.js';
import { type ToolHost, ToolRunner } from './tool-runner.js';

function host(overrides: Partial<ToolHost> = {}) {
  const sent: RealtimeClientEvent[] = [];
  const results: ToolResultEvent[] = [];
  const continued: unknown[] = [];
  const value: ToolHost = {
    respond: (outputs, sink) => {
      sent.push(...outputs);
      continued.push(sink);
    },
    emit: (event) => results.push(event),
    signal: new AbortController().signal,
    ...overrides,
  };
  return { host: value, sent, results, continued };
}

function done(calls: { name: string; arguments?: string }[], status = 'completed'): RealtimeResponse {
  return {
    id: 'resp',
    status,
    output: calls.map((call, index) => ({ type: 'function_call', call_id: `call_${index}`, ...call })),
  };
}

const outputs = (sent: RealtimeClientEvent[]) =>
  sent.flatMap((event) =>
    event.type === 'conversation.item.create' && event.item.type === 'function_call_output' ? [event.item.output] : [],
  );

describe('ToolRunner', () => {
  it('ignores responses it has nothing to do with', () => {
    const { host: h } = host();
    expect(new ToolRunner({}, h).handle(done([{ name: 'a' }]), undefined)).toBe(false);
    const runner = new ToolRunner({ a: { execute: () => 1 } }, h);
    expect(runner.handle(done([{ name: 'a' }], 'cancelled'), undefined)).toBe(false);
    expect(runner.handle(done([{ name: 'b' }]), undefined)).toBe(false);
    expect(runner.handle({ id: 'r', status: 'completed' }, undefined)).toBe(false);
  });

  it('validates zod arguments, stringifies results and reports every call', async () => {
    const tools: Record<string, RealtimeTool> = {
      add: {
        parameters: z.object({ a: z.number(), b: z.number() }),
        execute: (args) => {
          const { a, b } = args as { a: number; b: number };
          return a + b;
        },
      },
      nothing: { execute: () => undefined },
      text: { execute: () => 'plain' },
      boom: { execute: () => Promise.reject('not an Error') },
    };
    const { host: h, sent, results, continued } = host();
    const runner = new ToolRunner(tools, h);
    const sink = new ReplySink(() => {});
    const calls = [
      { name: 'add', arguments: '{"a":1,"b":2}' },
      { name: 'add', arguments: '{"a":"x"}' },
      { name: 'nothing', arguments: '' },
      { name: 'text' },
      { name: 'boom', arguments: '{}' },
    ];
    expect(runner.handle(done(calls), sink)).toBe(true);
    await vi.waitFor(() => expect(continued).toEqual([sink]));
    expect(outputs(sent)).toEqual([
      '3',
      expect.stringMatching(/^\{"error":"Invalid arguments: a: .*; b: .*"\}$/),
      'null',
      'plain',
      '{"error":"not an Error"}',
    ]);
    const failed = results.filter((result) => result.error !== undefined).map((result) => result.callId);
    expect(failed.sort()).toEqual(['call_1', 'call_4']);
  });

  it('sends nothing once the session closed, and fails the reply when sending fails', async () => {
    const controller = new AbortController();
    const closed = host({ signal: controller.signal });
    const runner = new ToolRunner({ a: { execute: () => 1 } }, closed.host);
    controller.abort();
    runner.handle(done([{ name: 'a' }]), undefined);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(closed.sent).toEqual([]);

    const failing = host({
      respond: () => {
        throw new Error('queue full');
      },
    });
    const sink = new ReplySink(() => {});
    new ToolRunner({ a: { execute: () => 1 } }, failing.host).handle(done([{ name: 'a' }]), sink);
    await expect(sink.result).rejects.toThrow('queue full');
  });

  it('declares tools with JSON or zod schemas', () => {
    const runner = new ToolRunner(
      {
        json: { description: 'd', parameters: { type: 'object' }, execute: () => 1 },
        zod: { parameters: z.object({ q: z.string() }), execute: () => 1 },
      },
      host().host,
    );
    expect(runner.definitions()).toEqual([
      { type: 'function', name: 'json', description: 'd', parameters: { type: 'object' } },
      {
        type: 'function',
        name: 'zod',
        parameters: {
          type: 'object',
          properties: { q: { type: 'string' } },
          required: ['q'],
          additionalProperties: false,
        },
      },
    ]);
  });
});
