import type { ChatRequest, Provider, SwitchboardError } from '@switchboard/core';
import { type FaultSpec, type MockServer, type RouteName, startMockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '@switchboard/openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fallback, type ResiliencePolicy, withResilience } from '../src/index.js';

/**
 * Every fault the mock server can inject, for chat, stream, embeddings and images, over real loopback HTTP through the
 * real OpenAI provider: each ends in success after retries or in the right typed error, and the server's request log
 * shows exactly how many HTTP attempts were made.
 */

type Operation = 'chat' | 'stream' | 'embed' | 'image';

const ROUTES: Record<Operation, RouteName> = {
  chat: 'chat.completions',
  stream: 'chat.completions',
  embed: 'embeddings',
  image: 'images.generations',
};
const ALL: Operation[] = ['chat', 'stream', 'embed', 'image'];
const CHAT: ChatRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Say something about switchboards.' }],
  maxOutputTokens: 24,
};
/** Retries without jitter and with a short base, so the suite is quick and attempt counts are exact. */
const POLICY: ResiliencePolicy = {
  retry: { maxAttempts: 3, baseDelayMs: 10, random: () => 0 },
  circuitBreaker: false,
  // Generous: a cold first request on a loaded 2-core machine must not time out (that would be an extra attempt).
  timeouts: { headersMs: 1_500 },
};

/** The outcome a case expects: success, or a typed error identified by its code (and kind or phase). */
type Expected =
  | { ok: true; attempts: number }
  | { ok: false; attempts: number; error: Partial<Record<'code' | 'kind' | 'phase' | 'status', unknown>> };

interface Case {
  name: string;
  fault: Omit<FaultSpec, 'route'>;
  operations: Operation[];
  expected: Expected;
  policy?: ResiliencePolicy;
}

const CASES: Case[] = [
  // Transient failures: retried until they pass.
  {
    name: '500 twice',
    fault: { kind: 'status', status: 500, times: 2 },
    operations: ALL,
    expected: { ok: true, attempts: 3 },
  },
  {
    name: '502 once',
    fault: { kind: 'status', status: 502, times: 1 },
    operations: ALL,
    expected: { ok: true, attempts: 2 },
  },
  {
    name: '503 once',
    fault: { kind: 'status', status: 503, times: 1 },
    operations: ALL,
    expected: { ok: true, attempts: 2 },
  },
  {
    name: '408 once',
    fault: { kind: 'status', status: 408, times: 1 },
    operations: ALL,
    expected: { ok: true, attempts: 2 },
  },
  {
    name: '409 once',
    fault: { kind: 'status', status: 409, times: 1 },
    operations: ALL,
    expected: { ok: true, attempts: 2 },
  },
  {
    name: 'connection reset once',
    fault: { kind: 'reset', times: 1 },
    operations: ALL,
    expected: { ok: true, attempts: 2 },
  },
  {
    name: 'hang once (headers timeout)',
    fault: { kind: 'hang', times: 1 },
    operations: ALL,
    expected: { ok: true, attempts: 2 },
  },
  {
    name: 'slow headers beyond the headers timeout, once',
    fault: { kind: 'slow-headers', delayMs: 3_000, times: 1 },
    operations: ALL,
    expected: { ok: true, attempts: 2 },
  },
  {
    name: 'slow headers within the headers timeout',
    fault: { kind: 'slow-headers', delayMs: 50, times: 1 },
    operations: ALL,
    expected: { ok: true, attempts: 1 },
  },
  // Failures that outlast the retries, or that no retry can fix.
  {
    name: '500 every time',
    fault: { kind: 'status', status: 500 },
    operations: ALL,
    expected: { ok: false, attempts: 3, error: { code: 'server', status: 500 } },
  },
  {
    name: 'hang every time',
    fault: { kind: 'hang' },
    operations: ALL,
    expected: { ok: false, attempts: 3, error: { code: 'timeout', phase: 'headers' } },
  },
  {
    name: 'hang under a total timeout',
    fault: { kind: 'hang' },
    operations: ALL,
    policy: { ...POLICY, timeouts: { totalMs: 400 } },
    expected: { ok: false, attempts: 1, error: { code: 'timeout', phase: 'total' } },
  },
  {
    name: '400',
    fault: { kind: 'status', status: 400 },
    operations: ALL,
    expected: { ok: false, attempts: 1, error: { code: 'invalid-request', status: 400 } },
  },
  {
    name: '401',
    fault: { kind: 'status', status: 401 },
    operations: ALL,
    expected: { ok: false, attempts: 1, error: { code: 'authentication', status: 401 } },
  },
  {
    name: '403',
    fault: { kind: 'status', status: 403 },
    operations: ALL,
    expected: { ok: false, attempts: 1, error: { code: 'permission', status: 403 } },
  },
  {
    name: '404',
    fault: { kind: 'status', status: 404 },
    operations: ALL,
    expected: { ok: false, attempts: 1, error: { code: 'not-found', status: 404 } },
  },
  {
    name: '422',
    fault: { kind: 'status', status: 422 },
    operations: ALL,
    expected: { ok: false, attempts: 1, error: { code: 'invalid-request', status: 422 } },
  },
  {
    name: 'insufficient_quota',
    fault: { kind: 'insufficient-quota' },
    operations: ALL,
    expected: { ok: false, attempts: 1, error: { code: 'rate-limit', kind: 'quota' } },
  },
  {
    name: '429 with a Retry-After beyond the cap',
    fault: { kind: 'status', status: 429, retryAfterSeconds: 3_600 },
    operations: ALL,
    expected: { ok: false, attempts: 1, error: { code: 'rate-limit', kind: 'rate' } },
  },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformed-json' },
    operations: ALL,
    expected: { ok: false, attempts: 1, error: { code: 'parse' } },
  },
  // Stream faults: retried only before the first output event.
  {
    name: 'stream cut before any output, once',
    fault: { kind: 'truncate-stream', afterEvents: 1, times: 1 },
    operations: ['stream'],
    expected: { ok: true, attempts: 2 },
  },
  {
    name: 'stream cut after output',
    fault: { kind: 'truncate-stream', afterEvents: 3, times: 1 },
    operations: ['stream'],
    expected: { ok: false, attempts: 1, error: { code: 'network' } },
  },
  {
    name: 'error event before any output, once',
    fault: { kind: 'stream-error', afterEvents: 1, times: 1 },
    operations: ['stream'],
    expected: { ok: true, attempts: 2 },
  },
  {
    name: 'error event after output',
    fault: { kind: 'stream-error', afterEvents: 3, times: 1 },
    operations: ['stream'],
    expected: { ok: false, attempts: 1, error: { code: 'server' } },
  },
  {
    name: 'malformed chunk before any output',
    fault: { kind: 'malformed-json', afterEvents: 1 },
    operations: ['stream'],
    expected: { ok: false, attempts: 1, error: { code: 'parse' } },
  },
];

let server: MockServer;
let bare: Provider;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const baseline = new Map<string, number>();

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  for (const resource of process.getActiveResourcesInfo()) baseline.set(resource, (baseline.get(resource) ?? 0) + 1);
  server = await startMockServer({ requestLogLimit: 10_000 });
  bare = createOpenAIProvider({ apiKey: 'sk-test-fault-matrix', baseURL: server.url });
  // Warm up: the first call loads the SDK and compiles schemas, which on a loaded machine can outlast the 300 ms
  // headers timeout and cost the first case an attempt it did not send.
  for (const operation of ALL) await run(bare, operation);
});

beforeEach(() => {
  server.control.reset();
  server.control.setLatency({ timeToFirstTokenMs: 0, interChunkMs: 0 });
});

afterAll(async () => {
  await server.close();
  // Sockets close on the next turns of the loop once the server has ended them.
  await new Promise((resolve) => setTimeout(resolve, 100));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
  const left = new Map<string, number>();
  for (const resource of process.getActiveResourcesInfo()) left.set(resource, (left.get(resource) ?? 0) + 1);
  for (const kind of ['Timeout', 'TCPSocketWrap', 'TCPServerWrap']) {
    expect(left.get(kind) ?? 0, `${kind} handles left open`).toBeLessThanOrEqual(baseline.get(kind) ?? 0);
  }
});

/** Runs one operation to its end: a resolved value, or the typed error it failed with. */
async function run(
  provider: Provider,
  operation: Operation,
): Promise<{ ok: true } | { ok: false; error: SwitchboardError }> {
  try {
    switch (operation) {
      case 'chat':
        await provider.chat(CHAT);
        break;
      case 'stream': {
        const stream = provider.streamChat(CHAT);
        let text = '';
        for await (const part of stream.textStream) text += part;
        expect(text.length).toBeGreaterThan(0);
        break;
      }
      case 'embed':
        await provider.embed?.({ model: 'text-embedding-3-small', input: ['one', 'two'] });
        break;
      case 'image':
        await provider.generateImage?.({ model: 'dall-e-2', prompt: 'a switchboard', responseFormat: 'url' });
        break;
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error as SwitchboardError };
  }
}

describe.each(CASES)('$name', ({ fault, operations, expected, policy }) => {
  it.each(operations)('%s', async (operation) => {
    server.control.faults.add({ ...fault, route: ROUTES[operation] });
    const provider = withResilience(bare, policy ?? POLICY);
    const outcome = await run(provider, operation);
    const attempts = server.control.requests({ route: ROUTES[operation] });
    if (expected.ok) {
      expect(outcome).toEqual({ ok: true });
    } else {
      expect(outcome.ok).toBe(false);
      expect((outcome as { error: SwitchboardError }).error).toMatchObject(expected.error);
    }
    expect(attempts).toHaveLength(expected.attempts);
  });
});

describe('Retry-After over HTTP', () => {
  it.each(ALL)('%s waits the 429’s Retry-After before the next attempt', async (operation) => {
    server.control.faults.add({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
      route: ROUTES[operation],
    });
    const outcome = await run(withResilience(bare, POLICY), operation);
    expect(outcome).toEqual({ ok: true });
    const [first, second, ...rest] = server.control.requests({ route: ROUTES[operation] });
    expect(rest).toEqual([]);
    expect(first?.status).toBe(429);
    expect(second?.status).toBe(200);
    expect((second?.time ?? 0) - (first?.time ?? 0)).toBeGreaterThanOrEqual(1_000);
  });
});

describe('probabilistic faults', () => {
  it.each(ALL)('%s: succeeds after exactly one attempt more than the faults it met', async (operation) => {
    server.control.faults.add({ kind: 'status', status: 503, probability: 0.5, route: ROUTES[operation] });
    const provider = withResilience(bare, {
      ...POLICY,
      retry: { maxAttempts: 20, baseDelayMs: 1, random: () => 0, budgetBurst: 20 },
    });
    for (let call = 0; call < 4; call++) {
      server.control.clearRequests();
      expect(await run(provider, operation)).toEqual({ ok: true });
      const attempts = server.control.requests({ route: ROUTES[operation] });
      const faulted = attempts.filter((a) => a.fault !== undefined);
      expect(attempts).toHaveLength(faulted.length + 1);
      expect(attempts.at(-1)?.status).toBe(200);
    }
  });

  it('a global fault rate is retried the same way', async () => {
    server.control.faults.setFaultRate(0.3);
    const provider = withResilience(bare, {
      ...POLICY,
      retry: { maxAttempts: 20, baseDelayMs: 1, random: () => 0, budgetBurst: 50 },
    });
    for (const operation of ALL) expect(await run(provider, operation)).toEqual({ ok: true });
    const attempts = server.control.requests();
    expect(attempts.filter((a) => a.status === 200)).toHaveLength(4);
    expect(attempts.filter((a) => a.status !== 200).every((a) => a.status === 500)).toBe(true);
  });
});

describe('stream timeouts over HTTP', () => {
  it('retries a first-token timeout until the attempts run out', async () => {
    server.control.setLatency({ timeToFirstTokenMs: 600 });
    const provider = withResilience(bare, { ...POLICY, timeouts: { headersMs: 2_000, firstTokenMs: 150 } });
    const outcome = await run(provider, 'stream');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'timeout', phase: 'first-token', timeoutMs: 150 } });
    expect(server.control.requests({ route: 'chat.completions' })).toHaveLength(3);
  });

  it('an idle gap after the first output is final: the stream is not re-sent', async () => {
    // The mock sends the role chunk at once and every content chunk `interChunkMs` apart. Before the first text only
    // the first-token timeout governs (none here); the gap that times out is the one after the first text.
    server.control.setLatency({ timeToFirstTokenMs: 0, interChunkMs: 400 });
    const provider = withResilience(bare, { ...POLICY, timeouts: { headersMs: 2_000, idleMs: 150 } });
    const outcome = await run(provider, 'stream');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'timeout', phase: 'idle', timeoutMs: 150 } });
    expect(server.control.requests({ route: 'chat.completions' })).toHaveLength(1);
  });

  it('a first-token timeout longer than the idle timeout governs until the first output (issue 15.1)', async () => {
    // First token at 600 ms: inside first-token 2 000 ms, far beyond idle 300 ms, which must not run before output.
    server.control.setLatency({ timeToFirstTokenMs: 600, interChunkMs: 0 });
    const provider = withResilience(bare, {
      ...POLICY,
      timeouts: { headersMs: 5_000, firstTokenMs: 2_000, idleMs: 300 },
    });
    expect(await run(provider, 'stream')).toEqual({ ok: true });
    expect(server.control.requests({ route: 'chat.completions' })).toHaveLength(1);
  });
});

describe('circuit breaker over HTTP', () => {
  it('opens after consecutive 503s, stops sending, half-opens and closes again', async () => {
    const provider = withResilience(bare, {
      retry: false,
      circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: 300 },
    });
    server.control.faults.add({ kind: 'status', status: 503, times: 3, route: 'chat.completions' });
    for (let i = 0; i < 3; i++)
      expect(await run(provider, 'chat')).toMatchObject({ ok: false, error: { code: 'server' } });
    for (let i = 0; i < 5; i++) {
      expect(await run(provider, 'chat')).toMatchObject({ ok: false, error: { code: 'circuit-open' } });
    }
    expect(server.control.requests({ route: 'chat.completions' })).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await run(provider, 'chat')).toEqual({ ok: true });
    expect(await run(provider, 'chat')).toEqual({ ok: true });
    expect(server.control.requests({ route: 'chat.completions' })).toHaveLength(5);
  });
});

describe('fallback over HTTP', () => {
  it('moves to the next provider once the first has used its retries, and never after a 400', async () => {
    const attempts: string[] = [];
    const primary = withResilience(bare, POLICY);
    const provider = fallback([primary, { provider: primary, model: 'gpt-4o' }], {
      onAttempt: (event) => attempts.push(`${event.model}:${event.ok ? 'ok' : event.error?.code}`),
    });
    server.control.faults.add({ kind: 'status', status: 503, model: 'gpt-4o-mini', route: 'chat.completions' });
    expect(await run(provider, 'chat')).toEqual({ ok: true });
    expect(attempts).toEqual(['gpt-4o-mini:server', 'gpt-4o:ok']);
    expect(server.control.requests({ route: 'chat.completions' }).map((r) => r.status)).toEqual([503, 503, 503, 200]);

    server.control.reset();
    attempts.length = 0;
    server.control.faults.add({ kind: 'status', status: 400, model: 'gpt-4o-mini', route: 'chat.completions' });
    expect(await run(provider, 'stream')).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(attempts).toEqual(['gpt-4o-mini:invalid-request']);
    expect(server.control.requests({ route: 'chat.completions' })).toHaveLength(1);
  });
});
