import {
  CircuitOpenError,
  combineHooks,
  createDeferred,
  type Hooks,
  isSwitchboardError,
  type Logger,
  type SwitchboardError,
} from '@switchboard/core';
import { onAbort as subscribeAbort } from '@switchboard/core/utils';
import type * as Cockatiel from 'cockatiel';
import type { CircuitBreakerPolicy, CircuitState as CockatielState } from 'cockatiel';
import { ConfigCollector } from '../config/config-collector.js';
import { KNOWN_OPTIONS } from '../config/known-options.js';
import { abortReason } from '../shared/abort.js';
import { OptionChecks } from '../shared/option-checks.js';
import { isBreakerFailure } from './is-breaker-failure.js';
import { loadCockatiel } from './load-cockatiel.js';

/** Settings of `createCircuitBreaker`. */
export interface CircuitBreakerOptions {
  /** Consecutive 5xx/network/timeout failures that open the circuit. Default 5. Ignored when `failureRatio` is set. */
  consecutiveFailures?: number;
  /** Open instead when this share (0 to 1, exclusive) of the calls in `samplingWindowMs` fail. */
  failureRatio?: number;
  /** The window `failureRatio` is measured over, in milliseconds. Default 30 000. */
  samplingWindowMs?: number;
  /** With `failureRatio`: the call rate (per second) below which the circuit never opens. Default: cockatiel's. */
  minimumRps?: number;
  /** How long the circuit stays open before one trial call is let through, in milliseconds. Default 30 000. */
  halfOpenAfterMs?: number;
  /** Receives `onCircuitStateChange`. */
  hooks?: Hooks | Hooks[];
  /** Receives warnings from hooks that throw. */
  logger?: Logger;
}

/** The state of one circuit. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Permission for one call through a circuit; report how it went exactly once. */
export interface CircuitPass {
  /** The call succeeded (or failed in a way that says nothing about the provider's health). */
  succeed(): void;
  /** The call failed; only 5xx/network/timeout failures count towards opening. */
  fail(error: unknown): void;
  /** The call was never sent (the caller gave up while it waited further in); counts neither way. */
  cancel(): void;
}

/** Circuit breakers per key (provider + model or deployment), built on cockatiel. Share one to share circuits. */
export interface CircuitBreaker {
  /**
   * Asks to send a call: resolves with a pass when the circuit is closed (or this call is the half-open trial, or the
   * trial went well), rejects with `CircuitOpenError` while it is open, and with the abort reason when `signal` aborts.
   */
  enter(key: string, signal?: AbortSignal): Promise<CircuitPass>;
  /** Runs `fn` through the circuit of `key`. */
  execute<T>(key: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** The state of the circuit of `key` (`closed` for a key never used). */
  state(key: string): CircuitState;
}

/** Rejects the cockatiel task of a call that was never sent: not a failure the breaker filter handles. */
class NotSent extends Error {}

interface Circuit {
  cockatiel: typeof Cockatiel;
  policy: CircuitBreakerPolicy;
  state: CircuitState;
  openedAt: number;
}

function stateName(cockatiel: typeof Cockatiel, state: CockatielState): CircuitState {
  const { CircuitState: States } = cockatiel;
  if (state === States.HalfOpen) return 'half-open';
  return state === States.Closed ? 'closed' : 'open';
}

/**
 * Creates circuit breakers keyed by provider + model: a circuit opens on `consecutiveFailures` 5xx/network/timeout
 * failures in a row (or a failure ratio over a window), never on 4xx or 429; while open, calls fail fast with
 * `CircuitOpenError`; after `halfOpenAfterMs` one trial call decides whether it closes again. State changes are
 * reported as `onCircuitStateChange` hook events.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const collector = new ConfigCollector().unknownKeys('circuitBreaker', options, KNOWN_OPTIONS.circuitBreaker);
  collector.run(() =>
    new OptionChecks('circuitBreaker')
      .number('consecutiveFailures', options.consecutiveFailures, { min: 1, integer: true })
      .number('samplingWindowMs', options.samplingWindowMs, { min: 1 })
      .number('minimumRps', options.minimumRps, { min: 0 })
      .number('halfOpenAfterMs', options.halfOpenAfterMs, { min: 0 })
      .done(),
  );
  const ratio = options.failureRatio;
  if (ratio !== undefined && !(typeof ratio === 'number' && ratio > 0 && ratio < 1)) {
    collector.issues.push({
      path: 'circuitBreaker.failureRatio',
      message: 'must be a number between 0 and 1 (exclusive)',
    });
  }
  collector.done();
  const halfOpenAfterMs = options.halfOpenAfterMs ?? 30_000;
  const emit = combineHooks(Array.isArray(options.hooks) ? options.hooks : [options.hooks], options.logger);
  const circuits = new Map<string, Circuit>();

  const circuitFor = async (key: string): Promise<Circuit> => {
    const cockatiel = await loadCockatiel();
    // Another call may have created it while cockatiel loaded.
    const existing = circuits.get(key);
    if (existing) return existing;
    const { ConsecutiveBreaker, SamplingBreaker, circuitBreaker, handleWhen } = cockatiel;
    const breaker =
      ratio === undefined
        ? new ConsecutiveBreaker(options.consecutiveFailures ?? 5)
        : new SamplingBreaker({
            threshold: ratio,
            duration: options.samplingWindowMs ?? 30_000,
            ...(options.minimumRps === undefined ? {} : { minimumRps: options.minimumRps }),
          });
    const counts = handleWhen((error) => !(error instanceof NotSent) && isBreakerFailure(error));
    const policy = circuitBreaker(counts, { halfOpenAfter: halfOpenAfterMs, breaker });
    const circuit: Circuit = { cockatiel, policy, state: 'closed', openedAt: 0 };
    policy.onStateChange((next) => {
      const from = circuit.state;
      const to = stateName(cockatiel, next);
      circuit.state = to;
      if (to === 'open') circuit.openedAt = Date.now();
      const cause = to === 'open' ? policy.lastFailure : undefined;
      const error = cause && 'error' in cause && isSwitchboardError(cause.error) ? cause.error : undefined;
      emit.onCircuitStateChange({ key, from, to, ...(error ? { error } : {}) });
    });
    circuits.set(key, circuit);
    return circuit;
  };

  const openError = (key: string, circuit: Circuit): SwitchboardError =>
    new CircuitOpenError({
      key,
      message: `The circuit for ${key} is open after repeated failures; failing fast until it half-opens.`,
      retryAfterMs: Math.max(0, halfOpenAfterMs - (Date.now() - circuit.openedAt)),
    });

  const enter = async (key: string, signal?: AbortSignal): Promise<CircuitPass> => {
    if (signal?.aborted) throw abortReason(signal);
    const circuit = circuits.get(key) ?? (await circuitFor(key));
    if (signal?.aborted) throw abortReason(signal);
    const outcome = createDeferred<void>();
    let admitted = false;
    let gaveUp = false;
    return new Promise<CircuitPass>((resolve, reject) => {
      const onAbort = () => {
        gaveUp = true;
        reject(abortReason(signal as AbortSignal));
      };
      const unsubscribe = signal ? subscribeAbort(signal, onAbort) : () => {};
      const task = circuit.policy.execute(() => {
        admitted = true;
        unsubscribe();
        if (gaveUp) return Promise.reject(new NotSent());
        resolve({
          succeed: () => outcome.resolve(),
          fail: (error) => outcome.reject(error),
          cancel: () => outcome.reject(new NotSent()),
        });
        return outcome.promise;
      });
      task.catch((error: unknown) => {
        if (admitted) return;
        unsubscribe();
        reject(circuit.cockatiel.isBrokenCircuitError(error) ? openError(key, circuit) : error);
      });
    });
  };

  return {
    enter,
    async execute(key, fn, signal) {
      const pass = await enter(key, signal);
      try {
        const value = await fn();
        pass.succeed();
        return value;
      } catch (error) {
        pass.fail(error);
        throw error;
      }
    },
    state: (key) => circuits.get(key)?.state ?? 'closed',
  };
}
