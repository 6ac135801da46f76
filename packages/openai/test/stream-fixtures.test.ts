import {
  assembleOracle,
  chunkedStream,
  loadChatStreamFixtures,
  type StreamFixture,
  validateOpenAIRequest,
} from '@internal/provider-suite';
import { type ChatResponse, ChatStream, type ChatStreamEvent, ServerError } from '@switchboard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatEventsFromSse } from '../src/chat/chat-events-from-sse.js';
import { createOpenAIProvider } from '../src/index.js';

const fixtures = loadChatStreamFixtures();
const encoder = new TextEncoder();

async function replay(
  bytes: Uint8Array,
  cuts: readonly number[],
): Promise<{ events: ChatStreamEvent[]; response: ChatResponse }> {
  const stream = new ChatStream(
    () =>
      chatEventsFromSse(chunkedStream(bytes, cuts), {
        provider: 'openai',
        requestId: 'req_fixture',
        mapErrorPayload: () => new ServerError({ message: 'stream error', provider: 'openai' }),
      }),
    { provider: 'openai' },
  );
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return { events, response: await stream.response };
}

/** The three line endings the SSE specification allows. */
const LINE_ENDINGS = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;
type LineEnding = keyof typeof LINE_ENDINGS;

/** Rewrites the SSE text: the given line endings and `: comment` lines inserted before the given line numbers. */
function reshape(sse: string, ending: LineEnding, commentBefore: readonly number[]): string {
  const lines = sse.split(/\r\n|\r|\n/);
  const marked = new Set(commentBefore.map((n) => n % lines.length));
  const out: string[] = [];
  for (const [index, line] of lines.entries()) {
    // A comment may sit anywhere a line starts, except after the final newline (that would add a line).
    if (marked.has(index) && index < lines.length - 1) out.push(': keep-alive ☕');
    out.push(line);
  }
  return out.join(LINE_ENDINGS[ending]);
}

function expectMatchesOracle(fixture: StreamFixture, response: ChatResponse): void {
  const oracle = assembleOracle(fixture.sse);
  expect(response.text).toBe(oracle.text);
  expect(response.refusal).toBe(oracle.refusal);
  expect(response.toolCalls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args }))).toEqual(
    oracle.toolCalls,
  );
  expect(response.rawFinishReason).toBe(oracle.finishReason);
  if (oracle.usage) {
    expect(response.usage).toMatchObject({
      inputTokens: oracle.usage.prompt_tokens,
      outputTokens: oracle.usage.completion_tokens,
      totalTokens: oracle.usage.total_tokens,
    });
  } else expect(response.usage).toBeUndefined();
}

describe('recorded real streams', () => {
  it('finds the recorded chat streams', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const bytes = encoder.encode(fixture.sse);

    it('replays in one piece to the oracle', async () => {
      const { events, response } = await replay(bytes, []);
      expect(events[0]?.type).toBe('start');
      expect(events.at(-1)?.type).toBe('finish');
      expectMatchesOracle(fixture, response);
    });

    it('gives the same events and answer for any chunking, LF / CRLF / CR endings and comments (property)', async () => {
      const baseline = await replay(bytes, []);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<LineEnding>('lf', 'crlf', 'cr'),
          fc.array(fc.nat({ max: 10_000 }), { maxLength: 12 }),
          fc.array(fc.nat({ max: bytes.length * 2 }), { minLength: 1, maxLength: 40 }),
          async (ending, comments, cutSeeds) => {
            const shaped = encoder.encode(reshape(fixture.sse, ending, comments));
            const cuts = cutSeeds.map((seed) => seed % shaped.length);
            const { events, response } = await replay(shaped, cuts);
            expect(events).toEqual(baseline.events);
            expectMatchesOracle(fixture, response);
          },
        ),
        { numRuns: 30, seed: 20261204 },
      );
    });

    it.each(['lf', 'crlf', 'cr'] as const)(
      'reaches [DONE] with %s line endings, cut after every line end',
      async (ending) => {
        const shaped = encoder.encode(reshape(fixture.sse, ending, []));
        const cuts = [...shaped.keys()].filter((i) => shaped[i] === 13 || shaped[i] === 10).map((i) => i + 1);
        const { events, response } = await replay(shaped, cuts);
        expect(events).toEqual((await replay(bytes, [])).events);
        expectMatchesOracle(fixture, response);
      },
    );

    it('survives one byte per chunk', async () => {
      const { events } = await replay(
        bytes,
        Array.from({ length: bytes.length }, (_, i) => i),
      );
      expect(events).toEqual((await replay(bytes, [])).events);
    });
  });

  it('keeps UTF-8 characters whole when a chunk ends in the middle of one', async () => {
    const fixture = fixtures.find((f) => f.name.includes('openai_chat_openai-text')) as StreamFixture;
    const bytes = encoder.encode(fixture.sse);
    // Cut right before every continuation byte (10xxxxxx): inside every multi-byte character.
    const cuts = [...bytes.keys()].filter((i) => ((bytes[i] as number) & 0xc0) === 0x80);
    expect(cuts.length).toBeGreaterThan(0);
    const { response } = await replay(bytes, cuts);
    expect(response.text).toBe(assembleOracle(fixture.sse).text);
    expect([...response.text].some((char) => (char.codePointAt(0) as number) > 0x7f)).toBe(true);
  });

  it('replays through the whole provider (custom fetch) to the same answer', async () => {
    for (const fixture of fixtures) {
      const provider = createOpenAIProvider({
        apiKey: 'sk-test',
        baseURL: 'http://127.0.0.1:9/v1',
        fetch: async (input, init) => {
          const sent = {
            method: 'POST',
            url: new URL(String(input)),
            headers: new Headers(init?.headers),
            body: String(init?.body),
          };
          expect(validateOpenAIRequest(sent)).toEqual([]);
          return new Response(chunkedStream(encoder.encode(fixture.sse), [7, 100, 1_000]), {
            headers: {
              'content-type': 'text/event-stream',
              'x-request-id': 'req_1',
              'x-ratelimit-remaining-requests': '9',
            },
          });
        },
      });
      const response = await provider.streamChat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
        .response;
      expectMatchesOracle(fixture, response);
      expect(response.requestId).toBe('req_1');
      expect(response.rateLimit).toEqual({ remainingRequests: 9 });
    }
  });

  it('keeps Azure prompt-filter and content-filter data through a metadata hook', async () => {
    const fixture = fixtures.find((f) => f.name.includes('azure')) as StreamFixture;
    const stream = new ChatStream(() =>
      chatEventsFromSse(chunkedStream(encoder.encode(fixture.sse), [50]), {
        provider: 'azure',
        mapErrorPayload: () => new ServerError({ message: 'x' }),
        readMetadata: (chunk) => {
          const prompt = (chunk as { prompt_filter_results?: unknown }).prompt_filter_results;
          return prompt ? { promptFilterResults: prompt } : undefined;
        },
      }),
    );
    const events: ChatStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.type).slice(0, 2)).toEqual(['start', 'provider-metadata']);
    expect(events[0]).toMatchObject({ id: expect.stringMatching(/^chatcmpl-/) });
    const response = await stream.response;
    expect(response.providerMetadata?.azure?.promptFilterResults).toBeInstanceOf(Array);
  });
});
