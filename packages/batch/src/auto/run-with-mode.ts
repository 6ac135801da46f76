import { InvalidRequestError, type Provider } from '@switchboard/core';
import type { RateLimiterOptions } from '@switchboard/resilience';
import { type BatchPlan, planBatch } from '../plan/plan-batch.js';
import { GeneratorBatchRun } from '../run/batch-run.js';
import type { BatchRun, BatchSummary } from '../run/batch-run-types.js';
import { ProgressTracker } from '../run/progress.js';
import { runLocalBatch } from '../run/run-local-batch.js';
import type { RunBatchOptions } from '../run/run-options.js';
import { submitBatchJob } from '../submit/submit-batch-job.js';
import type { BatchInput } from '../types/batch-request.js';
import type { BatchResult } from '../types/batch-result.js';
import { isOneShot } from './is-one-shot.js';

/**
 * Runs a batch through the provider's Batch API (`mode: 'batch-api'`), or through whichever of that and a local run
 * `planBatch` recommends (`mode: 'auto'`); the plan and the chosen mode are in the summary.
 */
export function runWithMode(
  provider: Provider,
  requests: BatchInput,
  options: RunBatchOptions & { mode: 'batch-api' | 'auto' },
): BatchRun {
  let inner: BatchRun | undefined;
  const idle = new ProgressTracker();
  const generate = async function* (report: (summary: BatchSummary) => void): AsyncGenerator<BatchResult> {
    let plan: BatchPlan | undefined;
    let mode: 'local' | 'batch-api' = 'batch-api';
    if (options.mode === 'auto') {
      if (isOneShot(requests)) {
        throw new InvalidRequestError({
          message:
            "mode 'auto' reads the input twice (to plan, then to run): pass an array or readBatchRequests(path), not a generator.",
          source: 'client',
        });
      }
      plan = await planBatch(requests, {
        concurrency: options.concurrency,
        rateLimits: limitsOf(options.rateLimiter),
        signal: options.signal,
        ...options.plan,
      });
      mode = plan.recommendation.mode;
    }
    if (mode === 'local') inner = runLocalBatch(provider, requests, { ...options, mode: 'local' });
    else {
      const job = await submitBatchJob(provider, requests, {
        signal: options.signal,
        onProgress: options.onProgress,
        catalog: options.catalog,
        ...options.job,
      });
      inner = job.results();
    }
    try {
      yield* inner;
    } finally {
      if (inner.summary) report({ ...inner.summary, mode, ...(plan ? { plan } : {}) });
    }
  };
  return new GeneratorBatchRun(generate, () => inner?.progress() ?? idle.snapshot());
}

function limitsOf(
  limiter: RunBatchOptions['rateLimiter'],
): { requestsPerMinute?: number; tokensPerMinute?: number } | undefined {
  if (!limiter || 'acquire' in limiter) return undefined;
  const { requestsPerMinute, tokensPerMinute } = limiter as RateLimiterOptions;
  return { ...(requestsPerMinute ? { requestsPerMinute } : {}), ...(tokensPerMinute ? { tokensPerMinute } : {}) };
}
