import {
  AbortedError,
  type CallOptions,
  type ChatRequest,
  type ChatResponse,
  type ChatStream,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type Provider,
  type SwitchboardError,
} from '@switchboard/core';

/** What the fake provider does for one prompt: answer, or throw this error (on the first `times` calls). */
export interface FakeBehaviour {
  error?: () => SwitchboardError;
  times?: number;
  delayMs?: number;
}

/**
 * An in-process provider for unit tests of the engine (integration tests use the mock server): answers
 * `echo:<last user text>` after `delayMs`, honours the abort signal, and counts calls and concurrency.
 */
export function fakeProvider(
  options: { delayMs?: number; behaviour?: (text: string) => FakeBehaviour | undefined; embed?: boolean } = {},
) {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0, byText: new Map<string, number>() };
  const wait = (ms: number, signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortedError({}));
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new AbortedError({}));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  const provider: Provider = {
    name: 'fake',
    async chat(request: ChatRequest, callOptions?: CallOptions): Promise<ChatResponse> {
      const last = request.messages.at(-1);
      const text = typeof last?.content === 'string' ? last.content : '';
      stats.calls += 1;
      const seen = (stats.byText.get(text) ?? 0) + 1;
      stats.byText.set(text, seen);
      stats.inFlight += 1;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        const behaviour = options.behaviour?.(text);
        await wait(behaviour?.delayMs ?? options.delayMs ?? 1, callOptions?.signal);
        if (behaviour?.error && seen <= (behaviour.times ?? Number.POSITIVE_INFINITY)) throw behaviour.error();
        return {
          id: `r-${stats.calls}`,
          model: request.model,
          text: `echo:${text}`,
          toolCalls: [],
          refusal: null,
          finishReason: 'stop',
          rawFinishReason: 'stop',
          usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
        };
      } finally {
        stats.inFlight -= 1;
      }
    },
    streamChat(): ChatStream {
      throw new Error('not used');
    },
  };
  if (options.embed !== false) {
    provider.embed = async (request: EmbeddingRequest): Promise<EmbeddingResponse> => {
      stats.calls += 1;
      const inputs = Array.isArray(request.input) ? request.input : [request.input];
      return {
        model: request.model,
        embeddings: inputs.map((text) => new Float32Array([text.length, 1])),
        usage: { inputTokens: inputs.length, totalTokens: inputs.length },
      };
    };
  }
  return { provider, stats };
}

/** `n` chat requests `q0..q{n-1}` asking for `p<i>`. */
export function chatRequests(n: number, model = 'gpt-4o-mini') {
  return Array.from({ length: n }, (_, i) => ({
    customId: `q${i}`,
    request: { model, messages: [{ role: 'user' as const, content: `p${i}` }] },
  }));
}
