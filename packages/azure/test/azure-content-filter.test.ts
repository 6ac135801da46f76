import { type ChatStreamEvent, ContentFilterError, isSwitchboardError } from '@switchboard/core';
import { TRIGGERS } from '@switchboard/mock-server';
import { describe, expect, it } from 'vitest';
import type { AzureProviderMetadata } from '../src/index.js';
import { DATED_VERSION, useAzureHarness } from './support/azure-target.js';

const ask = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content }] });

const SAFE = { filtered: false, severity: 'safe' };
const SAFE_PROMPT = {
  promptIndex: 0,
  contentFilterResults: {
    hate: SAFE,
    jailbreak: { filtered: false, detected: false },
    self_harm: SAFE,
    sexual: SAFE,
    violence: SAFE,
  },
};

async function collect(stream: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

function azureMetadata(metadata: Record<string, Record<string, unknown>> | undefined): AzureProviderMetadata {
  return (metadata?.azure ?? {}) as AzureProviderMetadata;
}

describe.each(['v1', DATED_VERSION])('azure %s: content filter', (apiVersion) => {
  const harness = useAzureHarness();
  const provider = () => harness.azure({ apiVersion });

  it('puts prompt_filter_results and content_filter_results into providerMetadata.azure', async () => {
    const response = await provider().chat(ask('hello'));
    expect(azureMetadata(response.providerMetadata)).toEqual({
      promptFilterResults: [SAFE_PROMPT],
      contentFilterResults: { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE },
    });
  });

  it('reads the first stream chunk (empty choices, only prompt_filter_results) as metadata right after start', async () => {
    const stream = provider().streamChat(ask('tell me something'));
    const events = await collect(stream);
    expect(events[0]).toMatchObject({ type: 'start', id: expect.stringMatching(/^chatcmpl-/) });
    expect(events[1]).toEqual({
      type: 'provider-metadata',
      providerMetadata: { azure: { promptFilterResults: [SAFE_PROMPT] } },
    });
    // Safe chunks after the first content chunk change nothing, so they add no events.
    expect(events.filter((e) => e.type === 'provider-metadata')).toHaveLength(2);
    const response = await stream.response;
    expect(response.text.length).toBeGreaterThan(0);
    expect(azureMetadata(response.providerMetadata)).toEqual({
      promptFilterResults: [SAFE_PROMPT],
      contentFilterResults: { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE },
    });
  });

  it('a blocked prompt: ContentFilterError with categories and severities, never retryable, sent once', async () => {
    const error = await provider()
      .chat(ask(`something bad ${TRIGGERS.blockPrompt}`))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentFilterError);
    expect(isSwitchboardError(error)).toBe(true);
    const filterError = error as ContentFilterError;
    expect(filterError).toMatchObject({ code: 'content-filter', status: 400, retryable: false, provider: 'azure' });
    expect(filterError.requestId).toBeTruthy();
    expect(filterError.categories).toEqual({
      hate: SAFE,
      jailbreak: { filtered: false, detected: false },
      self_harm: SAFE,
      sexual: SAFE,
      violence: { filtered: true, severity: 'high' },
    });
    expect(filterError.filteredCategories).toEqual(['violence']);
    expect(filterError.toJSON()).toMatchObject({
      code: 'content-filter',
      categories: { violence: { filtered: true } },
    });
    expect(harness.server.control.requests({ route: 'chat.completions' })).toHaveLength(1);
  });

  it('a blocked prompt fails a stream the same way', async () => {
    const stream = provider().streamChat(ask(`something bad ${TRIGGERS.blockPrompt}`));
    await expect(stream.response).rejects.toMatchObject({
      code: 'content-filter',
      retryable: false,
      categories: { violence: { filtered: true, severity: 'high' } },
    });
  });

  it('a filtered completion ends with finish reason content-filter and the filtered category', async () => {
    const response = await provider().chat(ask(`write it ${TRIGGERS.filterCompletion}`));
    expect(response).toMatchObject({ finishReason: 'content-filter', rawFinishReason: 'content_filter' });
    expect(azureMetadata(response.providerMetadata).contentFilterResults?.violence).toEqual({
      filtered: true,
      severity: 'medium',
    });
  });

  it('a filtered stream ends with finish reason content-filter and keeps the most severe verdict', async () => {
    const stream = provider().streamChat(ask(`write it ${TRIGGERS.filterCompletion}`));
    const events = await collect(stream);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'content-filter' });
    const response = await stream.response;
    expect(response.finishReason).toBe('content-filter');
    expect(azureMetadata(response.providerMetadata).contentFilterResults).toEqual({
      hate: SAFE,
      self_harm: SAFE,
      sexual: SAFE,
      violence: { filtered: true, severity: 'medium' },
    });
  });
});

describe('azure: content filter errors the mock server does not produce', () => {
  const harness = useAzureHarness();

  it('a blocked image prompt (content_policy_violation, plural content_filter_results)', async () => {
    const body = {
      error: {
        code: 'content_policy_violation',
        message: 'Your request was rejected as a result of our safety system.',
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_results: {
            sexual: { filtered: true, severity: 'medium' },
            violence: { filtered: false, severity: 'safe' },
            jailbreak: { filtered: false, detected: false },
            custom_blocklists: [],
          },
        },
      },
    };
    const provider = harness.providerAnswering(
      () => new Response(JSON.stringify(body), { status: 400, headers: { 'apim-request-id': 'apim-1' } }),
    );
    const error = await provider.generateImage?.({ model: 'dall-e-3', prompt: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'content-filter',
      status: 400,
      requestId: 'apim-1',
      categories: {
        sexual: { filtered: true, severity: 'medium' },
        violence: SAFE,
        jailbreak: { filtered: false, detected: false },
      },
    });
    expect((error as ContentFilterError).filteredCategories).toEqual(['sexual']);
  });

  it('other 400s stay invalid-request errors', async () => {
    const body = { error: { code: 'invalid_value', message: 'bad', innererror: { code: 'SomethingElse' } } };
    const provider = harness.providerAnswering(() => new Response(JSON.stringify(body), { status: 400 }));
    await expect(provider.chat(ask('x'))).rejects.toMatchObject({ code: 'invalid-request', status: 400 });
  });
});

describe('azure v1 Responses API: content filter', () => {
  const harness = useAzureHarness();
  const provider = () => harness.azure({ api: 'responses' });

  it('a blocked prompt is a ContentFilterError with its categories, plain and streamed', async () => {
    const error = await provider()
      .chat(ask(`something bad ${TRIGGERS.blockPrompt}`))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentFilterError);
    expect(error).toMatchObject({ code: 'content-filter', status: 400, retryable: false, provider: 'azure' });
    expect((error as ContentFilterError).filteredCategories.length).toBeGreaterThan(0);
    const streamed = await provider()
      .streamChat(ask(`something bad ${TRIGGERS.blockPrompt}`))
      .response.catch((caught: unknown) => caught);
    expect(streamed).toBeInstanceOf(ContentFilterError);
  });

  it('a filtered answer ends with finish reason content-filter (incomplete_details.reason), plain and streamed', async () => {
    const response = await provider().chat(ask(`tell me ${TRIGGERS.filterCompletion}`));
    expect(response).toMatchObject({ finishReason: 'content-filter', rawFinishReason: 'content_filter' });
    const streamed = await provider().streamChat(ask(`tell me ${TRIGGERS.filterCompletion}`)).response;
    expect(streamed.finishReason).toBe('content-filter');
    expect(streamed.text.length).toBeGreaterThan(0);
  });
});
