import type { CallContext, RateLimitInfo, RateLimitWaitEvent, SwitchboardError } from '@switchboard/core';
import type { Bulkhead } from '../bulkhead/bulkhead.js';
import type { CircuitBreaker } from '../circuit-breaker/circuit-breaker.js';
import { reservedOutputTokens } from '../rate-limiter/estimate-tokens.js';
import type { RateLimiter } from '../rate-limiter/rate-limiter.js';

/** What a gate knows about the attempt passing through it. */
export interface AttemptContext {
  /** The breaker and limiter key. */
  key: string;
  /** The request, for the token estimate. */
  request: CallContext['request'];
}

/** A gate's permission for one attempt; exactly one of the three is called. */
export interface GatePass {
  /** The attempt succeeded with this result (a response, or what a stream reported). */
  succeed(result: unknown): void;
  /** The attempt was sent and failed. */
  fail(error: SwitchboardError): void;
  /** The attempt was never sent. */
  cancel(): void;
}

/** One layer between the retry loop and the provider: circuit breaker, rate limiter or bulkhead. */
export interface Gate {
  /** Waits for permission (or refuses it) for one attempt. */
  enter(context: AttemptContext, signal: AbortSignal | undefined): Promise<GatePass>;
}

/** The circuit breaker as a gate: an open circuit refuses at once. */
export function breakerGate(breaker: CircuitBreaker): Gate {
  return {
    async enter(context, signal) {
      const pass = await breaker.enter(context.key, signal);
      return { succeed: () => pass.succeed(), fail: (error) => pass.fail(error), cancel: () => pass.cancel() };
    },
  };
}

/** The rate limiter as a gate: reserves the estimate, then settles with the real usage and headers. */
export function limiterGate(limiter: RateLimiter, onWait: (event: RateLimitWaitEvent) => void): Gate {
  return {
    async enter(context, signal) {
      const request = context.request;
      const reservation = await limiter.acquire(context.key, {
        tokens: request ? limiter.estimateTokens(request) : 0,
        reservedOutputTokens: reservedOutputTokens(request),
        onWait,
        ...(signal ? { signal } : {}),
      });
      return {
        succeed: (result) => reservation.settle(describeResult(result)),
        fail: (error) => reservation.fail(error),
        cancel: () => reservation.cancel(),
      };
    },
  };
}

/** The bulkhead as a gate: holds a slot until the attempt ends. */
export function bulkheadGate(bulkhead: Bulkhead): Gate {
  return {
    async enter(_context, signal) {
      const release = await bulkhead.acquire(signal);
      return { succeed: release, fail: release, cancel: release };
    },
  };
}

/** Passes every gate in order; when one refuses, the passes already granted are cancelled (innermost first). */
export async function enterGates(
  gates: readonly Gate[],
  context: AttemptContext,
  signal: AbortSignal | undefined,
): Promise<GatePass[]> {
  const passes: GatePass[] = [];
  try {
    for (const gate of gates) passes.push(await gate.enter(context, signal));
  } catch (error) {
    for (let i = passes.length - 1; i >= 0; i--) passes[i]?.cancel();
    throw error;
  }
  return passes;
}

/** Reports an attempt's outcome to every pass, innermost first. */
export function leaveGates(
  passes: readonly GatePass[],
  outcome: { ok: true; result: unknown } | { ok: false; error: SwitchboardError },
): void {
  for (let i = passes.length - 1; i >= 0; i--) {
    const pass = passes[i] as GatePass;
    if (outcome.ok) pass.succeed(outcome.result);
    else pass.fail(outcome.error);
  }
}

function describeResult(result: unknown): { usage?: Record<string, number>; rateLimit?: RateLimitInfo } {
  const described: { usage?: Record<string, number>; rateLimit?: RateLimitInfo } = {};
  if (typeof result !== 'object' || result === null) return described;
  const { usage, rateLimit } = result as { usage?: unknown; rateLimit?: unknown };
  if (typeof usage === 'object' && usage !== null) described.usage = usage as Record<string, number>;
  if (typeof rateLimit === 'object' && rateLimit !== null) described.rateLimit = rateLimit as RateLimitInfo;
  return described;
}
