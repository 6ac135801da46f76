import { parseSseData } from '@internal/conformance';
import { loadChatStreamFixtures } from '@internal/provider-suite';
import { describe, expect, it } from 'vitest';
import type { AzureProviderMetadata } from '../src/index.js';
import { useAzureHarness } from './support/azure-target.js';

const recorded = loadChatStreamFixtures().filter((fixture) => fixture.name.includes('azure'));

describe('azure: a recorded real Azure stream, replayed', () => {
  const harness = useAzureHarness();

  it('has at least one recording to replay', () => {
    expect(recorded.length).toBeGreaterThan(0);
  });

  it.each(recorded.map((fixture) => [fixture.name, fixture.sse]))('%s', async (_name, sse) => {
    const provider = harness.providerAnswering(
      () =>
        new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream', 'apim-request-id': 'r1' } }),
    );
    const response = await provider.streamChat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })
      .response;
    const chunks = parseSseData(sse).events as { choices?: { delta?: { content?: string } }[] }[];
    const text = chunks.map((chunk) => chunk.choices?.[0]?.delta?.content ?? '').join('');
    expect(response.text).toBe(text);
    expect(response.requestId).toBe('r1');
    const azure = response.providerMetadata?.azure as AzureProviderMetadata;
    expect(azure.promptFilterResults?.[0]?.contentFilterResults.jailbreak).toEqual({
      filtered: false,
      detected: false,
    });
    expect(azure.contentFilterResults?.violence).toEqual({ filtered: false, severity: 'safe' });
  });
});
