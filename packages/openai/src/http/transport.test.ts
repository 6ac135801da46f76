import { createServer } from 'node:net';
import { failure } from '@internal/provider-suite';
import { type SwitchboardError, TimeoutError } from '@switchboard/core';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../create-openai-provider.js';
import type { ErrorContext } from '../errors/error-context.js';
import { DEFAULT_HEADERS_TIMEOUT_MS, type OpenAITransport, openRequest, requestText } from './transport.js';

const KEY = 'sk-transport-test-key-0123456789';
const chatBody = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_completion_tokens: 8 };
const errors: ErrorContext = { provider: 'openai' };

/** A loopback port nothing listens on (opened, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function noKeyAnywhere(error: SwitchboardError): void {
  expect(error.message).not.toContain(KEY);
  expect(JSON.stringify(error)).not.toContain(KEY);
  expect(String(error.stack)).not.toContain(KEY);
}

describe('openRequest over loopback', () => {
  let server: MockServer;
  let transport: OpenAITransport;
  let authCalls = 0;
  beforeAll(async () => {
    server = await startMockServer({ apiKeys: [KEY] });
    transport = {
      baseURL: server.url,
      auth: () => {
        authCalls++;
        return { Authorization: `Bearer ${KEY}` };
      },
    };
  });
  afterEach(() => {
    server.control.faults.clear();
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends JSON with the auth, default and per-call headers, and calls auth before every request', async () => {
    const seen: { url: string; headers: Headers }[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push({ url: String(input), headers: new Headers(init?.headers) });
      return fetch(input, init);
    };
    const before = authCalls;
    const custom: OpenAITransport = {
      ...transport,
      fetch: recording,
      defaultQuery: { 'x-q': '1' },
      defaultHeaders: { 'X-App': 'a', 'X-Both': 'default' },
    };
    for (let i = 0; i < 2; i++) {
      const { response, text } = await requestText(
        custom,
        { method: 'POST', path: '/chat/completions', body: chatBody, headers: { 'x-both': 'call' } },
        errors,
      );
      expect(response.status).toBe(200);
      expect(JSON.parse(text)).toMatchObject({ object: 'chat.completion' });
    }
    expect(authCalls - before).toBe(2);
    expect(seen[0]?.url).toBe(`${server.url}/chat/completions?x-q=1`);
    const headers = seen[0]?.headers as Headers;
    expect(headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('accept')).toBe('application/json');
    expect(headers.get('x-app')).toBe('a');
    expect(headers.get('x-both')).toBe('call');
  });

  it('uses globalThis.fetch by default, keeps absolute URLs and routes paths', async () => {
    const routed: OpenAITransport = {
      ...transport,
      baseURL: 'http://127.0.0.1:9/nowhere',
      route: (path, body) => ({ path: `${server.url}${path}`, ...(body ? { body } : {}) }),
    };
    const { response } = await requestText(routed, { method: 'GET', path: '/models' }, errors);
    expect(response.status).toBe(200);
    const relative = await requestText(transport, { method: 'GET', path: 'models' }, errors);
    expect(relative.response.url).toBe(`${server.url}/models`);
  });

  it('maps a non-2xx answer with the status, error object, request id and no key', async () => {
    const bad = { ...transport, auth: () => ({ Authorization: 'Bearer sk-wrong-wrong-wrong-wrong-0000' }) };
    const error = await failure(
      requestText(bad, { method: 'POST', path: '/chat/completions', body: chatBody }, errors),
    );
    expect(error).toMatchObject({ code: 'authentication', status: 401, provider: 'openai' });
    expect(error.requestId).toBeTruthy();
    expect(error.message).not.toContain('sk-wrong-wrong-wrong-wrong-0000');
    server.control.faults.add({ kind: 'status', status: 503, retryAfterSeconds: 2, route: 'chat.completions' });
    const unavailable = await failure(
      requestText(transport, { method: 'POST', path: '/chat/completions', body: chatBody }, errors),
    );
    expect(unavailable).toMatchObject({ code: 'server', status: 503, retryAfterMs: 2_000, retryable: true });
    noKeyAnywhere(unavailable);
  });

  it('a body that is not JSON on an error status falls back to a message naming the status', async () => {
    const answering: OpenAITransport = {
      ...transport,
      fetch: async () => new Response('<html>bad gateway</html>', { status: 502 }),
    };
    const error = await failure(requestText(answering, { method: 'GET', path: '/models' }, errors));
    expect(error).toMatchObject({ code: 'server', status: 502, message: 'The openai API answered with HTTP 502.' });
  });

  it('headers timeout: TimeoutError in the headers phase, the per-call timeout winning', async () => {
    server.control.faults.add({ kind: 'slow-headers', delayMs: 3_000, route: 'chat.completions' });
    const error = await failure(
      requestText(
        { ...transport, timeoutMs: 5_000 },
        { method: 'POST', path: '/chat/completions', body: chatBody, timeoutMs: 100 },
        errors,
      ),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'headers', timeoutMs: 100, retryable: true, provider: 'openai' });
    noKeyAnywhere(error);
    expect(DEFAULT_HEADERS_TIMEOUT_MS).toBe(600_000);
  });

  it('abort mid-request: the aborted error (or the signal’s own Switchboard reason), no listener left', async () => {
    server.control.faults.add({ kind: 'hang', route: 'chat.completions' });
    const controller = new AbortController();
    const pending = requestText(
      transport,
      { method: 'POST', path: '/chat/completions', body: chatBody, signal: controller.signal },
      errors,
    );
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error).toMatchObject({ code: 'aborted', retryable: false, provider: 'openai' });
    noKeyAnywhere(error);

    server.control.faults.add({ kind: 'hang', route: 'chat.completions' });
    const reason = new TimeoutError({ phase: 'total', timeoutMs: 40 });
    const withReason = new AbortController();
    setTimeout(() => withReason.abort(reason), 40);
    const signal = withReason.signal;
    expect(
      await failure(
        requestText(transport, { method: 'POST', path: '/chat/completions', body: chatBody, signal }, errors),
      ),
    ).toBe(reason);

    expect(
      await failure(requestText(transport, { method: 'GET', path: '/models', signal: AbortSignal.abort() }, errors)),
    ).toMatchObject({ code: 'aborted' });
  });

  it('aborting while the body is read ends the read with the aborted error', async () => {
    const controller = new AbortController();
    const opened = await openRequest(
      transport,
      {
        method: 'POST',
        path: '/chat/completions',
        body: { ...chatBody, stream: true, max_completion_tokens: 2_000 },
        signal: controller.signal,
      },
      errors,
    );
    controller.abort();
    await expect(opened.response.text()).rejects.toThrow();
    opened.release();
  });

  it('a closed port: NetworkError naming the cause, never the key', async () => {
    const port = await closedPort();
    const error = await failure(
      requestText({ ...transport, baseURL: `http://127.0.0.1:${port}/v1` }, { method: 'GET', path: '/models' }, errors),
    );
    expect(error).toMatchObject({ code: 'network', retryable: true, provider: 'openai' });
    expect(error.message).toMatch(/Could not reach the openai API/);
    noKeyAnywhere(error);
  });

  it('a connection reset after the request: NetworkError', async () => {
    server.control.faults.add({ kind: 'reset', route: 'chat.completions' });
    const error = await failure(
      requestText(transport, { method: 'POST', path: '/chat/completions', body: chatBody }, errors),
    );
    expect(error).toMatchObject({ code: 'network' });
  });

  it('an auth function that throws: AuthenticationError before anything is sent; Switchboard errors pass through', async () => {
    let sent = 0;
    const counting: typeof fetch = (input, init) => {
      sent++;
      return fetch(input, init);
    };
    const broken: OpenAITransport = {
      ...transport,
      fetch: counting,
      auth: () => {
        throw new Error('vault sealed');
      },
    };
    const error = await failure(requestText(broken, { method: 'GET', path: '/models' }, errors));
    expect(error).toMatchObject({ code: 'authentication', source: 'client' });
    expect(error.message).toContain('vault sealed');
    const own = new TimeoutError({ phase: 'total', timeoutMs: 1 });
    const throwing: OpenAITransport = {
      ...broken,
      auth: () => {
        throw own;
      },
    };
    expect(await failure(requestText(throwing, { method: 'GET', path: '/models' }, errors))).toBe(own);
    expect(sent).toBe(0);
  });

  it('a fetch that fails with a Switchboard error passes it through', async () => {
    const own = new TimeoutError({ phase: 'total', timeoutMs: 1 });
    const failing: OpenAITransport = {
      ...transport,
      fetch: async () => {
        throw own;
      },
    };
    expect(await failure(requestText(failing, { method: 'GET', path: '/models' }, errors))).toBe(own);
  });

  it('a body that breaks off while read: NetworkError', async () => {
    const cut: OpenAITransport = {
      ...transport,
      fetch: async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"id":'));
              controller.error(new Error('socket hang up'));
            },
          }),
          { status: 200 },
        ),
    };
    const error = await failure(requestText(cut, { method: 'GET', path: '/models' }, errors));
    expect(error).toMatchObject({ code: 'network' });
    expect(error.message).toContain('socket hang up');
  });
});

describe('provider calls over the transport', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ apiKeys: [KEY] });
  });
  afterEach(() => {
    server.control.faults.clear();
  });
  afterAll(async () => {
    await server.close();
  });

  it('a 200 body that is not JSON: ParseError with an excerpt', async () => {
    server.control.faults.add({ kind: 'malformed-json', route: 'chat.completions' });
    const provider = createOpenAIProvider({ apiKey: KEY, baseURL: server.url });
    const error = await failure(provider.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }));
    expect(error).toMatchObject({ code: 'parse', provider: 'openai' });
    expect((error as SwitchboardError & { excerpt: string }).excerpt.length).toBeGreaterThan(0);
    expect(error.requestId).toBeTruthy();
    noKeyAnywhere(error);
  });

  it('a 200 JSON body of the wrong shape: ParseError naming the path (zod explains what the guard refused)', async () => {
    const provider = createOpenAIProvider({
      apiKey: KEY,
      baseURL: server.url,
      fetch: async () =>
        new Response(JSON.stringify({ id: 'c', model: 'm', choices: [{ message: { content: 42 } }] }), {
          status: 200,
        }),
    });
    const error = await failure(provider.chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }));
    expect(error).toMatchObject({ code: 'parse' });
    expect(error.message).toMatch(/unexpected shape at choices\.0\.message\.content/);
    expect((error as SwitchboardError & { excerpt: string }).excerpt).toContain('"choices"');
  });

  it('calls the key function before every request, streams included', async () => {
    let calls = 0;
    const provider = createOpenAIProvider({
      apiKey: () => {
        calls++;
        return KEY;
      },
      baseURL: server.url,
      organization: 'org-1',
      project: 'proj-1',
    });
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
    await provider.chat(request);
    await provider.streamChat(request).response;
    await provider.embed?.({ model: 'text-embedding-3-small', input: 'x' });
    expect(calls).toBe(3);
  });
});
