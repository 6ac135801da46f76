import type { SwitchboardError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { DATED_VERSION, useAzureHarness } from './support/azure-target.js';

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

/** A fetch that passes requests on and edits the response headers (Azure variants the mock does not send). */
function editingHeaders(inner: typeof fetch, edit: (headers: Headers) => void, seen?: Headers[]): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const headers = new Headers(response.headers);
    edit(headers);
    seen?.push(headers);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

function dropAllBut(kept: string[]) {
  return (headers: Headers) => {
    for (const name of [...headers.keys()]) {
      if (name.startsWith('x-ratelimit-') && !kept.includes(name)) headers.delete(name);
    }
  };
}

describe.each(['v1', DATED_VERSION])('azure %s: rate-limit headers', (apiVersion) => {
  const harness = useAzureHarness({ rateLimits: { rpm: 100, tpm: 100_000, mode: 'azure' } });
  const provider = (edit: (headers: Headers) => void) =>
    harness.azure({ apiVersion, fetch: editingHeaders(harness.recorder.fetch, edit) });

  it('reads the full set when the service sends it', async () => {
    const response = await harness.azure({ apiVersion }).chat(chat);
    expect(response.rateLimit).toMatchObject({ limitRequests: 100, limitTokens: 100_000 });
    expect(response.rateLimit?.remainingRequests).toBeGreaterThanOrEqual(0);
  });

  it('only remaining-* present: limits and resets stay unknown, never zero', async () => {
    const only = dropAllBut(['x-ratelimit-remaining-requests', 'x-ratelimit-remaining-tokens']);
    const response = await provider(only).chat(chat);
    expect(Object.keys(response.rateLimit ?? {}).sort()).toEqual(['remainingRequests', 'remainingTokens']);
    const streamed = await provider(only).streamChat(chat).response;
    expect(Object.keys(streamed.rateLimit ?? {}).sort()).toEqual(['remainingRequests', 'remainingTokens']);
  });

  it('-1 means unknown: the field is left out, and with nothing usable there is no rateLimit', async () => {
    const someUnknown = await provider((headers) => {
      headers.set('x-ratelimit-remaining-tokens', '-1');
      headers.set('x-ratelimit-reset-requests', '-1');
    }).chat(chat);
    expect(someUnknown.rateLimit).not.toHaveProperty('remainingTokens');
    expect(someUnknown.rateLimit).not.toHaveProperty('resetRequestsMs');
    expect(someUnknown.rateLimit?.remainingRequests).toBeGreaterThanOrEqual(0);
    const allUnknown = await provider((headers) => {
      dropAllBut(['x-ratelimit-remaining-requests', 'x-ratelimit-remaining-tokens'])(headers);
      headers.set('x-ratelimit-remaining-requests', '-1');
      headers.set('x-ratelimit-remaining-tokens', '-1');
    }).chat(chat);
    expect(allUnknown.rateLimit).toBeUndefined();
  });
});

describe('azure: Retry-After', () => {
  const harness = useAzureHarness();

  it('a 429 from the Azure limiter: retryAfterMs is retry-after-ms exactly, not the rounded retry-after', async () => {
    harness.server.control.rateLimits.configure({ rpm: 1, tpm: 1_000_000, mode: 'azure' });
    const seen: Headers[] = [];
    const provider = harness.azure({ fetch: editingHeaders(harness.recorder.fetch, () => {}, seen) });
    await provider.chat(chat);
    const error = (await provider.chat(chat).catch((e: unknown) => e)) as SwitchboardError;
    expect(error).toMatchObject({ code: 'rate-limit', kind: 'rate', status: 429, retryable: true });
    const headers = seen.at(-1) as Headers;
    expect(headers.get('retry-after-ms')).toBeTruthy();
    expect(error.retryAfterMs).toBe(Number(headers.get('retry-after-ms')));
    harness.server.control.rateLimits.configure({});
  });

  it('retry-after-ms wins over retry-after; either alone is used', async () => {
    const answer = (headers: Record<string, string>) => () =>
      new Response(JSON.stringify({ error: { code: '429', message: 'Requests have exceeded the call rate limit.' } }), {
        status: 429,
        headers,
      });
    const both = harness.providerAnswering(answer({ 'retry-after-ms': '1500', 'retry-after': '30' }));
    await expect(both.chat(chat)).rejects.toMatchObject({ code: 'rate-limit', retryAfterMs: 1_500 });
    const msOnly = harness.providerAnswering(answer({ 'retry-after-ms': '250' }));
    await expect(msOnly.streamChat(chat).response).rejects.toMatchObject({ retryAfterMs: 250 });
    const secondsOnly = harness.providerAnswering(answer({ 'retry-after': '2' }));
    await expect(secondsOnly.chat(chat)).rejects.toMatchObject({ retryAfterMs: 2_000 });
  });

  it('reads the request id from apim-request-id when x-request-id is missing', async () => {
    const provider = harness.providerAnswering(
      () =>
        new Response(JSON.stringify({ error: { code: 'InternalServerError', message: 'boom' } }), {
          status: 500,
          headers: { 'apim-request-id': 'apim-42' },
        }),
    );
    await expect(provider.chat(chat)).rejects.toMatchObject({ code: 'server', requestId: 'apim-42', retryable: true });
  });
});
