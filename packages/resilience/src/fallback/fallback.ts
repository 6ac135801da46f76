import {
  type CallOptions,
  type ChatRequest,
  type ChatStreamPart,
  type EmbeddingRequest,
  type ImageRequest,
  isSwitchboardError,
  openChatParts,
  type Provider,
  partsStreamChat,
  type StreamCallOptions,
  type SwitchboardError,
  toSwitchboardError,
  UnsupportedError,
} from '@switchboard/core';
import { abortReason, throwIfAborted } from '../shared/abort.js';
import { OutputGate } from '../shared/output-gate.js';
import { shouldFallBack } from './should-fall-back.js';

/** One step of a fallback list: a provider, optionally with the model to ask it for. */
export interface FallbackTarget {
  /** The provider (usually wrapped by `withResilience`). */
  provider: Provider;
  /** The model to use with it instead of the request's (e.g. a larger context window). */
  model?: string;
}

/** What `onAttempt` hears about each provider tried. */
export interface FallbackAttemptEvent {
  /** Position in the list (0 = first). */
  index: number;
  /** The provider's name. */
  provider: string;
  /** The model asked for. */
  model: string | undefined;
  /** The operation. */
  operation: 'chat' | 'streamChat' | 'embed' | 'generateImage' | 'checkConnection';
  /** Whether it answered. */
  ok: boolean;
  /** Why it failed, when it did. */
  error?: SwitchboardError;
  /** Whether the next provider gets the call. */
  fallingBack: boolean;
  /** Wall time of this provider's part, in milliseconds. */
  latencyMs: number;
}

/** Options of `fallback`. */
export interface FallbackOptions {
  /** The name of the combined provider. Default: `fallback(a,b,...)`. */
  name?: string;
  /** Decides whether an error moves the call on. Default: `shouldFallBack`. */
  shouldFallBack?: (error: SwitchboardError) => boolean;
  /** Told about every provider tried. */
  onAttempt?: (event: FallbackAttemptEvent) => void;
}

type Operation = FallbackAttemptEvent['operation'];

/**
 * Returns a provider that tries each of `targets` in turn, moving on only for retryable failures, an open circuit and
 * context-length errors (never for 400/401/content filter); the last error is thrown when every one fails. Streams
 * move on only before their first output event. Providers without an operation are skipped for it.
 */
export function fallback(targets: readonly (Provider | FallbackTarget)[], options: FallbackOptions = {}): Provider {
  const steps = targets.map((t): FallbackTarget => ('provider' in t ? t : { provider: t }));
  if (steps.length === 0) throw new UnsupportedError({ message: 'fallback() needs at least one provider.' });
  const decide = options.shouldFallBack ?? shouldFallBack;
  const name = options.name ?? `fallback(${steps.map((s) => s.provider.name).join(',')})`;
  const report = (event: FallbackAttemptEvent) => {
    try {
      options.onAttempt?.(event);
    } catch {
      // An observer must not change the outcome of the call.
    }
  };

  async function run<T>(
    operation: Operation,
    model: string | undefined,
    signal: AbortSignal | undefined,
    call: (step: FallbackTarget) => Promise<T> | undefined,
  ): Promise<T> {
    let lastError: SwitchboardError | undefined;
    for (const [index, step] of steps.entries()) {
      throwIfAborted(signal, name);
      const startedAt = performance.now();
      const stepModel = step.model ?? model;
      const pending = call(step);
      if (!pending) continue;
      try {
        const value = await pending;
        report({
          index,
          provider: step.provider.name,
          model: stepModel,
          operation,
          ok: true,
          fallingBack: false,
          latencyMs: performance.now() - startedAt,
        });
        return value;
      } catch (thrown) {
        const error = toSwitchboardError(thrown, step.provider.name);
        const fallingBack = !signal?.aborted && decide(error) && index < steps.length - 1;
        report({
          index,
          provider: step.provider.name,
          model: stepModel,
          operation,
          ok: false,
          error,
          fallingBack,
          latencyMs: performance.now() - startedAt,
        });
        lastError = error;
        if (!fallingBack) throw error;
      }
    }
    throw lastError ?? new UnsupportedError({ message: `No provider in ${name} supports ${operation}.` });
  }

  const provider: Provider = {
    name,
    chat: (request: ChatRequest, callOptions?: CallOptions) =>
      run('chat', request.model, callOptions?.signal, (step) =>
        step.provider.chat(withModel(request, step), callOptions),
      ),
    ...partsStreamChat(name, (request, callOptions) =>
      fallbackParts(steps, request, callOptions, name, decide, report),
    ),
  };
  if (steps.some((s) => s.provider.embed)) {
    provider.embed = (request: EmbeddingRequest, callOptions?: CallOptions) =>
      run('embed', request.model, callOptions?.signal, (step) =>
        step.provider.embed?.(withModel(request, step), callOptions),
      );
  }
  if (steps.some((s) => s.provider.generateImage)) {
    provider.generateImage = (request: ImageRequest, callOptions?: CallOptions) =>
      run('generateImage', request.model, callOptions?.signal, (step) =>
        step.provider.generateImage?.(withModel(request, step), callOptions),
      );
  }
  if (steps.some((s) => s.provider.checkConnection)) {
    provider.checkConnection = (callOptions?: CallOptions) =>
      run('checkConnection', undefined, callOptions?.signal, (step) => step.provider.checkConnection?.(callOptions));
  }
  return Object.freeze(provider);
}

function withModel<R extends { model: string }>(request: R, step: FallbackTarget): R {
  return step.model === undefined ? request : { ...request, model: step.model };
}

/**
 * The parts of a fallback stream: each step's parts, read through `openChatParts` on the one stream's signal (no
 * nested `ChatStream`, no second link to the caller's signal), moving on only before the first output part.
 */
async function* fallbackParts(
  steps: readonly FallbackTarget[],
  request: ChatRequest,
  options: StreamCallOptions,
  name: string,
  decide: (error: SwitchboardError) => boolean,
  report: (event: FallbackAttemptEvent) => void,
): AsyncGenerator<ChatStreamPart> {
  const { signal } = options;
  for (const [index, step] of steps.entries()) {
    const startedAt = performance.now();
    const model = step.model ?? request.model;
    const gate = new OutputGate();
    try {
      for await (const part of openChatParts(step.provider, withModel(request, step), options)) yield* gate.pass(part);
      report({
        index,
        provider: step.provider.name,
        model,
        operation: 'streamChat',
        ok: true,
        fallingBack: false,
        latencyMs: performance.now() - startedAt,
      });
      return;
    } catch (thrown) {
      const error = signal.aborted ? abortReason(signal, name) : toSwitchboardError(thrown, step.provider.name);
      const fallingBack = !gate.started && !signal.aborted && decide(error) && index < steps.length - 1;
      report({
        index,
        provider: step.provider.name,
        model,
        operation: 'streamChat',
        ok: false,
        error,
        fallingBack,
        latencyMs: performance.now() - startedAt,
      });
      if (!fallingBack) throw isSwitchboardError(error) ? error : toSwitchboardError(error, name);
    }
  }
}
