import type { Provider, RealtimeConnectionInfo, SwitchboardError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { failure } from '../support/failure.js';
import { tryUpgrade } from './connection-suite.js';
import type { Harness } from './harness.js';
import type { SuiteTarget } from './suite-target.js';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_canned', ...headers },
  });
}

function sseResponse(text: string): Response {
  return new Response(text, {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_canned' },
  });
}

/**
 * Every failure becomes the matching typed error, for plain calls and streams. The harness's server only accepts
 * `target.goodKey` and knows only its listed models.
 */
export function describeFaults(target: SuiteTarget, harness: Harness): void {
  const chat = (provider: Provider, signal?: AbortSignal) =>
    provider.chat({ model: target.models.chat, messages: [{ role: 'user', content: 'hi' }] }, signal ? { signal } : {});
  const stream = (provider: Provider, options = {}) =>
    provider.streamChat(
      { model: target.models.chat, messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 20 },
      options,
    ).response;

  describe(`${target.name}: failures become typed errors`, () => {
    it('401: authentication, never retryable, the key nowhere in the error', async () => {
      const badKey = 'sk-proj-WRONGwrongWRONGwrongWRONG1234';
      const error = await failure(chat(harness.provider({ apiKey: badKey })));
      expect(error).toMatchObject({ code: 'authentication', status: 401, retryable: false, provider: target.name });
      expect(error.requestId).toBeTruthy();
      expect(JSON.stringify(error)).not.toContain(badKey);
      expect(error.message).not.toContain(badKey);
      const streamed = await failure(stream(harness.provider({ apiKey: badKey })));
      expect(streamed).toMatchObject({ code: 'authentication', status: 401 });
    });

    it('403: permission', async () => {
      harness.server.control.faults.add({ kind: 'status', status: 403, route: 'chat.completions' });
      expect(await failure(chat(harness.provider()))).toMatchObject({
        code: 'permission',
        status: 403,
        retryable: false,
      });
    });

    it('404: not found for an unknown model', async () => {
      const error = await failure(
        harness.provider().chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
      );
      expect(error).toMatchObject({ code: 'not-found', status: 404, retryable: false });
    });

    it('400: invalid request', async () => {
      harness.server.control.faults.add({ kind: 'status', status: 400, route: 'chat.completions' });
      expect(await failure(chat(harness.provider()))).toMatchObject({
        code: 'invalid-request',
        status: 400,
        retryable: false,
      });
    });

    it('400 context_length_exceeded: context-length', async () => {
      const body = {
        error: {
          message:
            "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        },
      };
      const provider = harness.providerAnswering(() => jsonResponse(400, body));
      const error = await failure(chat(provider));
      expect(error).toMatchObject({ code: 'context-length', status: 400, retryable: false, requestId: 'req_canned' });
    });

    it('429 rate limit: retryable, with retryAfterMs and the rate-limit headers', async () => {
      harness.server.control.rateLimits.configure({ rpm: 1, tpm: 1_000_000 });
      const provider = harness.provider();
      await chat(provider);
      const error = await failure(chat(provider));
      expect(error).toMatchObject({ code: 'rate-limit', kind: 'rate', status: 429, retryable: true });
      expect(error.retryAfterMs).toBeGreaterThan(0);
      expect((error as SwitchboardError & { rateLimit?: unknown }).rateLimit).toMatchObject({ remainingRequests: 0 });
      const streamed = await failure(stream(provider));
      expect(streamed).toMatchObject({ code: 'rate-limit', kind: 'rate' });
      harness.server.control.rateLimits.configure({});
    });

    it('429 insufficient_quota: quota, never retryable', async () => {
      harness.server.control.rateLimits.setQuotaExceeded(true);
      const error = await failure(chat(harness.provider()));
      expect(error).toMatchObject({ code: 'rate-limit', kind: 'quota', status: 429, retryable: false });
    });

    it.each([500, 502, 503, 504, 408, 409])('%i: server error, retryable', async (status) => {
      harness.server.control.faults.add({ kind: 'status', status, route: 'chat.completions' });
      expect(await failure(chat(harness.provider()))).toMatchObject({ code: 'server', status, retryable: true });
    });

    it('503 with Retry-After: retryAfterMs from retry-after-ms / retry-after', async () => {
      harness.server.control.faults.add({
        kind: 'status',
        status: 503,
        retryAfterSeconds: 7,
        route: 'chat.completions',
      });
      expect(await failure(chat(harness.provider()))).toMatchObject({ code: 'server', retryAfterMs: 7_000 });
    });

    it('x-should-retry: false makes a server error non-retryable and is kept on the error', async () => {
      const provider = harness.providerAnswering(() =>
        jsonResponse(
          500,
          { error: { message: 'boom', type: 'server_error' } },
          { 'x-should-retry': 'false', 'retry-after': '3' },
        ),
      );
      const error = await failure(chat(provider));
      expect(error).toMatchObject({ code: 'server', retryable: false, shouldRetry: false, retryAfterMs: 3_000 });
    });

    it('connection reset: network, retryable', async () => {
      harness.server.control.faults.add({ kind: 'reset', route: 'chat.completions' });
      expect(await failure(chat(harness.provider()))).toMatchObject({ code: 'network', retryable: true });
      harness.server.control.faults.add({ kind: 'reset', route: 'chat.completions' });
      expect(await failure(stream(harness.provider()))).toMatchObject({ code: 'network' });
    });

    it('slow headers: timeout in the headers phase (the SDK timeout)', async () => {
      harness.server.control.faults.add({ kind: 'slow-headers', delayMs: 3_000, route: 'chat.completions' });
      const error = await failure(chat(harness.provider({ timeoutMs: 100 })));
      expect(error).toMatchObject({ code: 'timeout', phase: 'headers', timeoutMs: 100, retryable: true });
      const perCall = await failure(
        harness
          .provider()
          .chat({ model: target.models.chat, messages: [{ role: 'user', content: 'hi' }] }, { timeoutMs: 120 }),
      );
      expect(perCall).toMatchObject({ code: 'timeout', phase: 'headers', timeoutMs: 120 });
      const streamed = await failure(stream(harness.provider(), { timeoutMs: 100 }));
      expect(streamed).toMatchObject({ code: 'timeout', phase: 'headers', timeoutMs: 100 });
    });

    it('abort: aborted, never retryable, for a hanging request and an already aborted signal', async () => {
      harness.server.control.faults.add({ kind: 'hang', route: 'chat.completions' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      expect(await failure(chat(harness.provider(), controller.signal))).toMatchObject({
        code: 'aborted',
        retryable: false,
      });
      expect(await failure(chat(harness.provider(), AbortSignal.abort()))).toMatchObject({ code: 'aborted' });
      expect(await failure(stream(harness.provider(), { signal: AbortSignal.abort() }))).toMatchObject({
        code: 'aborted',
      });
    });

    it('a body that is not JSON: parse error with an excerpt', async () => {
      harness.server.control.faults.add({ kind: 'malformed-json', route: 'chat.completions' });
      const error = await failure(chat(harness.provider()));
      expect(error.code).toBe('parse');
      expect((error as SwitchboardError & { excerpt: string }).excerpt.length).toBeGreaterThan(0);
    });

    it('a stream cut before [DONE]: network error, never a short answer', async () => {
      harness.server.control.faults.add({ kind: 'truncate-stream', afterEvents: 3, route: 'chat.completions' });
      const error = await failure(stream(harness.provider()));
      expect(error).toMatchObject({ code: 'network', retryable: true });
      expect(error.message).toMatch(/\[DONE\]/);
    });

    it('an error payload in the middle of a stream: the mapped error', async () => {
      harness.server.control.faults.add({ kind: 'stream-error', afterEvents: 3, route: 'chat.completions' });
      const error = await failure(stream(harness.provider()));
      expect(error).toMatchObject({ code: 'server', retryable: true });
    });

    it('a stream chunk that is not JSON: parse error', async () => {
      harness.server.control.faults.add({ kind: 'malformed-json', afterEvents: 2, route: 'chat.completions' });
      expect(await failure(stream(harness.provider()))).toMatchObject({ code: 'parse' });
    });

    it('an error payload with a rate-limit code in a stream: rate-limit', async () => {
      const provider = harness.providerAnswering(() =>
        sseResponse(
          'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n' +
            'data: {"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}\n\n',
        ),
      );
      expect(await failure(stream(provider))).toMatchObject({ code: 'rate-limit', kind: 'rate' });
    });

    it('embeddings and images failures are mapped too', async () => {
      harness.server.control.faults.add({ kind: 'status', status: 500, route: 'embeddings' });
      expect(await failure(harness.provider().embed?.({ model: target.models.embedding, input: 'x' }))).toMatchObject({
        code: 'server',
        status: 500,
      });
      harness.server.control.faults.add({ kind: 'insufficient-quota', route: 'images.generations' });
      expect(
        await failure(harness.provider().generateImage?.({ model: target.models.image, prompt: 'x' })),
      ).toMatchObject({ code: 'rate-limit', kind: 'quota' });
    });

    it('a realtime upgrade with a rejected key is refused', async () => {
      const realtime = harness.provider({ apiKey: 'sk-proj-WRONGwrongWRONGwrongWRONG1234' }).realtime;
      const info = await realtime?.resolve(target.models.realtime);
      expect(await tryUpgrade(info as RealtimeConnectionInfo)).toBe(401);
    });

    it('checkConnection explains a rejected key', async () => {
      const status = await harness.provider({ apiKey: 'sk-proj-WRONGwrongWRONGwrongWRONG1234' }).checkConnection?.();
      expect(status?.ok).toBe(false);
      expect(status?.problem).toMatch(/key was rejected/);
      expect(status?.error).toMatchObject({ code: 'authentication' });
    });
  });
}
