import { inspect } from 'node:util';
import { validateOpenAIRequest } from '@internal/provider-suite';
import { ConfigError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { createOpenAIProvider } from './create-openai-provider.js';

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';

/** A fetch that records requests and answers a fixed chat completion. */
function answeringFetch() {
  const seen: { url: string; headers: Headers; body: Record<string, unknown> }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const text = String(init?.body ?? '{}');
    // Every body sent here must validate against the OpenAPI spec too.
    expect(validateOpenAIRequest({ method: 'POST', url: new URL(String(input)), headers, body: text })).toEqual([]);
    seen.push({ url: String(input), headers, body: JSON.parse(text) });
    return Response.json(
      {
        id: 'c',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o',
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
      },
      { headers: { 'x-request-id': 'req_1' } },
    );
  };
  return { fetch, seen };
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('createOpenAIProvider', () => {
  it('reports every option problem at once, without the key', () => {
    const error = configError(() =>
      createOpenAIProvider({ apiKey: 'not-a-key', timeoutMs: -1, baseURL: 'nope', extra: 1 } as never),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues.map((i) => i.path).sort()).toEqual(['openai.baseURL', 'openai.extra', 'openai.timeoutMs']);
    expect(configError(() => createOpenAIProvider({ apiKey: 'sk-short' })).issues[0]).toMatchObject({
      path: 'openai.apiKey',
    });
    expect(configError(() => createOpenAIProvider({} as never)).message).toContain('openai.apiKey');
  });

  it('sends organization, project and default headers, and resolves model aliases', async () => {
    const { fetch, seen } = answeringFetch();
    const provider = createOpenAIProvider({
      apiKey: KEY,
      organization: 'org-1',
      project: 'proj-1',
      defaultHeaders: { 'x-team': 'search' },
      modelAliases: { smart: 'gpt-4o' },
      fetch,
    });
    const response = await provider.chat({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] });
    expect(response).toMatchObject({ text: 'ok', requestId: 'req_1' });
    expect(seen[0]?.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(seen[0]?.body.model).toBe('gpt-4o');
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(seen[0]?.headers.get('openai-organization')).toBe('org-1');
    expect(seen[0]?.headers.get('openai-project')).toBe('proj-1');
    expect(seen[0]?.headers.get('x-team')).toBe('search');
    const realtime = await provider.realtime?.resolve('smart');
    expect(realtime).toEqual({
      url: 'wss://api.openai.com/v1/realtime?model=gpt-4o',
      model: 'gpt-4o',
      headers: {
        'x-team': 'search',
        Authorization: `Bearer ${KEY}`,
        'OpenAI-Organization': 'org-1',
        'OpenAI-Project': 'proj-1',
      },
    });
  });

  it('never shows the key in inspect, JSON or the SDK client it hides', () => {
    const provider = createOpenAIProvider({ apiKey: KEY, baseURL: 'http://127.0.0.1:9/v1/' });
    expect(provider.name).toBe('openai');
    for (const shown of [
      inspect(provider, { depth: 10, showHidden: true }),
      JSON.stringify(provider),
      inspect(provider.batches, { depth: 10 }),
    ]) {
      expect(shown).not.toContain(KEY);
      expect(shown).not.toContain('abcdefghijklmnop');
    }
    expect(inspect(provider)).toContain("endpoint: 'http://127.0.0.1:9/v1'");
  });

  it('maps a failing key function to a typed error', async () => {
    const provider = createOpenAIProvider({
      apiKey: () => {
        throw new Error('vault unavailable');
      },
      fetch: answeringFetch().fetch,
    });
    await expect(provider.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      code: 'authentication',
      message: expect.stringContaining('vault unavailable'),
    });
    await expect(provider.realtime?.resolve('gpt-realtime')).rejects.toMatchObject({
      code: 'authentication',
      message: expect.stringContaining('vault unavailable'),
    });
  });

  it('accepts a synchronous key function', async () => {
    const { fetch, seen } = answeringFetch();
    await createOpenAIProvider({ apiKey: () => KEY, fetch }).chat({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });
});

describe('createOpenAIProvider.fromEnv', () => {
  it('reads OPENAI_* variables, with overrides on top', async () => {
    const { fetch, seen } = answeringFetch();
    const provider = createOpenAIProvider.fromEnv(
      { fetch },
      { OPENAI_API_KEY: 'sk-env-key', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_PROJECT_ID: 'proj-env' },
    );
    await provider.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
    expect(seen[0]?.url).toBe('http://127.0.0.1:9/v1/chat/completions');
    expect(seen[0]?.headers.get('openai-project')).toBe('proj-env');
  });

  it('names the missing variable', () => {
    const error = configError(() => createOpenAIProvider.fromEnv({}, {}));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'openai.apiKey', variable: 'OPENAI_API_KEY' })]);
  });
});
