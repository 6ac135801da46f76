import {
  AbortedError,
  type CallContext,
  type ChatStreamPart,
  type RetryEvent,
  type StreamCallOptions,
  TimeoutError,
  toSwitchboardError,
} from '@switchboard/core';
import { linkSignals } from '@switchboard/core/utils';
import type { RetryBudgetExhaustedEvent, RetryPolicy } from '../retry/retry-policy.js';
import { abortReason } from '../shared/abort.js';
import { OutputGate } from '../shared/output-gate.js';
import { sleep } from '../shared/sleep.js';
import { openTimedParts, type StreamTimeouts } from '../timeouts/stream-timeouts.js';
import { type AttemptContext, enterGates, type Gate, type GatePass, leaveGates } from './gate.js';

/** What a resilient stream needs from its wrapper. */
export interface StreamPlan {
  gates: readonly Gate[];
  retry: RetryPolicy | undefined;
  totalMs: number | undefined;
  timeouts: StreamTimeouts;
  attempt: AttemptContext;
  context: CallContext;
  onRetry: (event: Omit<RetryEvent, 'provider' | 'model' | 'operation'>) => void;
  onBudgetExhausted: (event: RetryBudgetExhaustedEvent) => void;
}

/**
 * The parts of a stream that retries until its first output event: each attempt passes the gates and opens the
 * provider's parts under the first-token and idle timeouts; `start` and metadata parts are held back until output
 * begins, so a failed attempt leaves no trace; once output has flowed, an error ends the stream (re-sending would
 * repeat text). The total timeout covers every attempt and wait, from the first read to the end. `options.signal` is
 * the caller's one `ChatStream`'s; the total timeout runs on a signal derived from it, never on the caller's own.
 */
export async function* runStream(
  plan: StreamPlan,
  options: StreamCallOptions,
  open: (options: StreamCallOptions) => AsyncIterable<ChatStreamPart>,
): AsyncGenerator<ChatStreamPart> {
  const provider = plan.context.provider.name;
  const { totalMs } = plan;
  const deadline = linkSignals(options.signal);
  const signal = deadline.signal;
  const timer =
    totalMs === undefined
      ? undefined
      : setTimeout(() => deadline.abort(new TimeoutError({ phase: 'total', timeoutMs: totalMs, provider })), totalMs);
  const session = plan.retry?.session({ onBudgetExhausted: plan.onBudgetExhausted });
  try {
    for (;;) {
      let passes: GatePass[] | undefined;
      let left = false;
      const gate = new OutputGate();
      const result: { usage?: unknown; rateLimit?: unknown } = {};
      try {
        passes = await enterGates(plan.gates, plan.attempt, signal);
        const attempt = openTimedParts((s) => open({ ...options, signal: s }), plan.timeouts, signal, provider);
        for await (const part of attempt) {
          if (part.type === 'start' && part.rateLimit) result.rateLimit = part.rateLimit;
          if (part.type === 'finish' && part.usage) result.usage = part.usage;
          yield* gate.pass(part);
        }
        left = true;
        leaveGates(passes, { ok: true, result });
        return;
      } catch (thrown) {
        const error = signal.aborted ? abortReason(signal, provider) : toSwitchboardError(thrown, provider);
        if (passes && !left) {
          left = true;
          leaveGates(passes, { ok: false, error });
        }
        if (gate.started || signal.aborted || !session) throw error;
        const failedAttempt = session.attempt;
        const decision = session.decide(error);
        if (!decision.retry) throw error;
        plan.onRetry({ attempt: failedAttempt, delayMs: decision.delayMs, reason: decision.reason, error });
        await sleep(decision.delayMs, signal, provider);
      } finally {
        // The consumer stopped reading mid-stream: the attempt was sent and did not finish.
        if (passes && !left) {
          leaveGates(passes, {
            ok: false,
            error: new AbortedError({ provider, message: 'The stream was closed before it finished.' }),
          });
        }
      }
    }
  } finally {
    clearTimeout(timer);
    deadline.dispose();
  }
}
