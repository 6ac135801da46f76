import {
  AbortedError,
  type BatchResultLine,
  errorFromHttpStatus,
  InvalidRequestError,
  SwitchboardError,
} from '@switchboard/core';
import type { BatchLineOutcome } from '../types/batch-result.js';

/** The outcome of a failed line, from its error code. */
export function lineOutcome(line: BatchResultLine): Exclude<BatchLineOutcome, 'batch-failed' | 'missing'> {
  if (line.error?.code === 'batch_expired') return 'expired';
  if (line.error?.code === 'batch_cancelled') return 'cancelled';
  return 'failed';
}

/**
 * The typed error of a failed Batch API line, chosen by its HTTP status and error code as for a direct call.
 * Expired and missing lines are retryable (they never ran); a cancelled one is not (someone cancelled it).
 */
export function mapLineError(line: BatchResultLine, provider: string): SwitchboardError {
  const code = line.error?.code ?? 'unknown';
  const base = {
    message: `Batch request ${line.customId} failed: ${line.error?.message || code} (${code}).`,
    provider,
    status: line.status,
    requestId: line.requestId,
  };
  const outcome = lineOutcome(line);
  if (outcome === 'expired') return new SwitchboardError('timeout', { ...base, retryable: true, severity: 'warning' });
  if (outcome === 'cancelled') return new AbortedError({ ...base, source: 'provider' });
  // The same mapping as a direct call; without a status, the code decides (an unknown one counts as a server failure).
  return errorFromHttpStatus({ status: line.status, code }, base);
}

/** The error of a request that no result file mentions, from its batch's final state. */
export function partError(
  outcome: Exclude<BatchLineOutcome, 'failed'>,
  customId: string,
  provider: string,
  why: string,
): SwitchboardError {
  if (outcome === 'batch-failed') {
    return new InvalidRequestError({
      message: `Batch request ${customId} did not run: its batch failed (${why}).`,
      provider,
    });
  }
  if (outcome === 'expired' || outcome === 'cancelled') {
    return mapLineError(
      { customId, error: { code: `batch_${outcome}`, message: `The batch was ${outcome} before it ran.` } },
      provider,
    );
  }
  return new SwitchboardError('server', {
    message: `Batch request ${customId} has no result in the output or error file.`,
    provider,
    retryable: true,
  });
}
