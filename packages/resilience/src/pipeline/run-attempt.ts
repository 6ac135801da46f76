import { toSwitchboardError } from '@switchboard/core';
import { raceAbort } from '../shared/abort.js';
import { type AttemptContext, enterGates, type Gate, leaveGates } from './gate.js';

/**
 * Runs one attempt of a promise call through the gates (breaker → limiter → bulkhead) and the provider. The gates
 * learn the outcome when the provider's promise settles; the caller is released at once when `signal` aborts.
 */
export async function runAttempt<T>(
  gates: readonly Gate[],
  context: AttemptContext,
  signal: AbortSignal | undefined,
  send: () => Promise<T>,
  provider: string,
): Promise<T> {
  const passes = await enterGates(gates, context, signal);
  let call: Promise<T>;
  try {
    call = send();
  } catch (error) {
    call = Promise.reject(error);
  }
  const settled = call.then(
    (result) => {
      leaveGates(passes, { ok: true, result });
      return result;
    },
    (thrown: unknown) => {
      const error = toSwitchboardError(thrown, provider);
      leaveGates(passes, { ok: false, error });
      throw error;
    },
  );
  return raceAbort(settled, signal, provider);
}
