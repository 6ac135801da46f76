import {
  AbortedError,
  type CallOptions,
  type ChatRequest,
  type ChatResponse,
  ChatStream,
  type ChatStreamEvent,
  type EmbeddingResponse,
  type ImageResponse,
  isSwitchboardError,
  type Provider,
  type RateLimitInfo,
  type SwitchboardError,
  type Usage,
} from '@switchboard/core';

/** What one scripted call does. */
export type Step =
  | { kind: 'ok'; text?: string; usage?: Usage; rateLimit?: RateLimitInfo; delayMs?: number }
  | { kind: 'error'; error: SwitchboardError; delayMs?: number }
  | { kind: 'hang' }
  | {
      kind: 'stream';
      /** Events to send; a `finish` is not added. */
      events: ChatStreamEvent[];
      /** Milliseconds before each event. */
      gapMs?: number;
      /** Fail with this error after the events. */
      error?: SwitchboardError;
      /** Stop sending after the events and wait forever (until aborted). */
      hangAfter?: boolean;
    };

/** One call the provider received. */
export interface RecordedCall {
  operation: string;
  model: string | undefined;
  options: CallOptions;
  at: number;
}

/** A provider built from core types that follows a script, for unit tests of the policies (the code under test's input). */
export interface ScriptedProvider {
  provider: Provider;
  calls: RecordedCall[];
}

/** A chat response with the given text and usage. */
export function chatResponse(text = 'ok', usage?: Usage, rateLimit?: RateLimitInfo): ChatResponse {
  return {
    id: 'chatcmpl-test',
    model: 'test-model',
    text,
    toolCalls: [],
    refusal: null,
    finishReason: 'stop',
    rawFinishReason: 'stop',
    ...(usage ? { usage } : {}),
    ...(rateLimit ? { rateLimit } : {}),
  };
}

/** The events of a successful stream answering `text`. */
export function streamEvents(text: string, usage?: Usage, rateLimit?: RateLimitInfo): ChatStreamEvent[] {
  return [
    { type: 'start', id: 'chatcmpl-test', model: 'test-model', ...(rateLimit ? { rateLimit } : {}) },
    ...text.split(' ').map((word, i): ChatStreamEvent => ({ type: 'text-delta', delta: i === 0 ? word : ` ${word}` })),
    { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', ...(usage ? { usage } : {}) },
  ];
}

/** Creates a scripted provider; `script` gives the step of the n-th call (from 0), or a list used in order. */
export function scriptedProvider(script: Step[] | ((call: number) => Step), name = 'test'): ScriptedProvider {
  const calls: RecordedCall[] = [];
  const next = (operation: string, model: string | undefined, options: CallOptions = {}): Step => {
    const index = calls.length;
    calls.push({ operation, model, options, at: Date.now() });
    const step = typeof script === 'function' ? script(index) : script[Math.min(index, script.length - 1)];
    if (!step) throw new Error('empty script');
    return step;
  };
  const respond = <T>(step: Step, options: CallOptions, value: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const signal = options.signal;
      let timer: NodeJS.Timeout | undefined;
      if (signal?.aborted) return reject(reasonOf(signal, name));
      const onAbort = () => {
        clearTimeout(timer);
        reject(reasonOf(signal as AbortSignal, name));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (step.kind === 'hang') return;
      const finish = () => {
        signal?.removeEventListener('abort', onAbort);
        if (step.kind === 'error') reject(step.error);
        else resolve(value());
      };
      const delay = 'delayMs' in step ? (step.delayMs ?? 0) : 0;
      if (delay > 0) timer = setTimeout(finish, delay);
      else finish();
    });

  const provider: Provider = {
    name,
    chat(request: ChatRequest, options: CallOptions = {}) {
      const step = next('chat', request.model, options);
      return respond(step, options, () =>
        step.kind === 'ok' ? chatResponse(step.text, step.usage, step.rateLimit) : chatResponse(),
      );
    },
    streamChat(request: ChatRequest, options: CallOptions = {}) {
      return new ChatStream(
        async function* (signal) {
          const step = next('streamChat', request.model, options);
          if (step.kind !== 'stream') {
            const response = await respond(step, { ...options, signal }, () =>
              step.kind === 'ok' ? chatResponse(step.text, step.usage, step.rateLimit) : chatResponse(),
            );
            yield* streamEvents(response.text, response.usage, response.rateLimit);
            return;
          }
          for (const event of step.events) {
            if (step.gapMs) await pause(step.gapMs, signal, name);
            yield event;
          }
          if (step.hangAfter) await pause(Number.POSITIVE_INFINITY, signal, name);
          if (step.error) throw step.error;
        },
        { provider: name, ...(options.signal ? { signal: options.signal } : {}) },
      );
    },
    embed(request, options = {}) {
      const step = next('embed', request.model, options);
      return respond(
        step,
        options,
        (): EmbeddingResponse => ({
          model: request.model,
          embeddings: [new Float32Array([1, 0])],
          usage: { inputTokens: 3, totalTokens: 3 },
        }),
      );
    },
    generateImage(request, options = {}) {
      const step = next('generateImage', request.model, options);
      return respond(step, options, (): ImageResponse => ({ model: request.model, images: [], created: 0 }));
    },
    async checkConnection() {
      calls.push({ operation: 'checkConnection', model: undefined, options: {}, at: Date.now() });
      return { ok: true, provider: name, endpoint: 'test://', latencyMs: 0 };
    },
  };
  return { provider, calls };
}

function reasonOf(signal: AbortSignal, provider: string): SwitchboardError {
  return isSwitchboardError(signal.reason) ? signal.reason : new AbortedError({ provider });
}

function pause(ms: number, signal: AbortSignal, provider: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(reasonOf(signal, provider));
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    function done() {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(reasonOf(signal, provider));
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
