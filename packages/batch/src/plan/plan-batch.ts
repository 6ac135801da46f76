import { AbortedError, calculateCost, type ModelCatalog } from '@switchboard/core';
import { utf8Length } from '../bytes/utf8-length.js';
import { BATCH_API_LIMITS } from '../submit/batch-api-limits.js';
import type { BatchInput, BatchRequest } from '../types/batch-request.js';
import { type EstimateTokens, heuristicTokenEstimate } from './estimate-tokens.js';
import { loadTokenizerEstimator } from './load-tokenizer.js';

/** How a batch is run: locally through `runBatch`, or by the provider's Batch API through `submitBatchJob`. */
export type BatchMode = 'local' | 'batch-api';

/** Options of {@link planBatch}. */
export interface PlanBatchOptions {
  /** Price every request as this model (default: each request's own model). */
  model?: string;
  /** When the results are needed: a `Date`, or milliseconds from now. */
  deadline?: Date | number;
  /** The rate limits a local run is held to (your tier's limits for the model, or a shared limiter's settings). */
  rateLimits?: { requestsPerMinute?: number; tokensPerMinute?: number };
  /** Requests in flight at once in a local run. Default 16. */
  concurrency?: number;
  /** Expected latency of one request in a local run, in milliseconds. Default 2000. */
  latencyMs?: number;
  /** Output tokens one chat request is expected to produce (capped by its `maxOutputTokens`). Default 256. */
  expectedOutputTokens?: number;
  /** Counts a request's input tokens. Default: `@switchboard/tokenizer` if installed, else characters / 4. */
  estimateTokens?: EstimateTokens;
  /** The model catalog with prices. Default: core's shared catalog. */
  catalog?: ModelCatalog;
  /** How long a Batch API job is assumed to take, in milliseconds. Default: its 24-hour completion window. */
  batchTurnaroundMs?: number;
  /** Savings below this many USD are not worth waiting for the Batch API (when no deadline forces it). Default 1. */
  minSavingsUsd?: number;
  /** Stops reading the input. */
  signal?: AbortSignal;
}

/** What a batch will take, each way, and which way to run it. */
export interface BatchPlan {
  /** Requests in the input. */
  requests: number;
  /** The models the requests use (or the `model` option). */
  models: string[];
  /** Estimated tokens. */
  tokens: {
    /** Input tokens in all. */
    input: number;
    /** Expected output tokens in all. */
    output: number;
    /** Average tokens a local run reserves per request against a TPM limit (input + max output). */
    perRequestReserved: number;
    /** How input tokens were counted. */
    estimator: 'tokenizer' | 'custom' | 'heuristic';
  };
  /** Estimated cost in USD at catalog list prices. */
  cost: {
    /** Run locally (real-time API prices). */
    realtimeUsd: number;
    /** Run by the Batch API (with its discount). */
    batchUsd: number;
    /** The difference. */
    savingsUsd: number;
    /** False when some model has no known price (its requests count as 0). */
    priced: boolean;
  };
  /** Expected duration in milliseconds. */
  duration: {
    /** Of a local run under the rate limits. */
    realtimeMs: number;
    /** Of a Batch API job (its completion window unless `batchTurnaroundMs` says otherwise). */
    batchMs: number;
    /** What bounds the local run's speed. */
    limitedBy: 'requests-per-minute' | 'tokens-per-minute' | 'concurrency';
  };
  /** Provider jobs the Batch API run needs (50,000 requests or 200 MB each). */
  batchJobs: number;
  /** Milliseconds from now to the deadline, when there is one. */
  deadlineMs: number | undefined;
  /** The mode to use and why. */
  recommendation: { mode: BatchMode; reasons: string[] };
}

const DEFAULTS = {
  concurrency: 16,
  latencyMs: 2_000,
  expectedOutputTokens: 256,
  batchTurnaroundMs: BATCH_API_LIMITS.completionWindowMs,
  minSavingsUsd: 1,
};

/** Bytes a line of a Batch API input file takes beyond the request body: `custom_id`, method, url. */
const LINE_OVERHEAD_BYTES = 96;

/**
 * Estimates tokens, cost (real-time vs the Batch API's discounted prices) and duration (under the rate limits vs
 * the Batch API window) of a batch, and recommends a mode with the reasons. Reads the input once.
 */
export async function planBatch(requests: BatchInput, options: PlanBatchOptions = {}): Promise<BatchPlan> {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const { estimate, estimator } = await resolveEstimator(options.estimateTokens);
  const models = new Set<string>();
  let count = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let reservedTokens = 0;
  let realtimeUsd = 0;
  let batchUsd = 0;
  let priced = true;
  const jobs = new JobCounter();
  for await (const item of requests as AsyncIterable<BatchRequest>) {
    if (options.signal?.aborted) throw new AbortedError({ message: 'Planning the batch was aborted.' });
    const model = options.model ?? item.request.model;
    models.add(model);
    const input = await estimate(item.request);
    const maxOutput = item.kind === 'embedding' ? 0 : item.request.maxOutputTokens;
    const output =
      item.kind === 'embedding' ? 0 : Math.min(settings.expectedOutputTokens, maxOutput ?? Number.POSITIVE_INFINITY);
    count += 1;
    inputTokens += input;
    outputTokens += output;
    reservedTokens += input + (maxOutput ?? output);
    const usage = { inputTokens: input, outputTokens: output };
    const realtime = calculateCost(model, usage, { catalog: options.catalog });
    priced &&= realtime.priced;
    realtimeUsd += realtime.totalUsd;
    batchUsd += calculateCost(model, usage, { catalog: options.catalog, batch: true }).totalUsd;
    jobs.add(utf8Length(JSON.stringify(item.request)) + LINE_OVERHEAD_BYTES);
  }
  const perRequestReserved = count === 0 ? 0 : reservedTokens / count;
  const { realtimeMs, limitedBy } = localDuration(count, perRequestReserved, settings, options.rateLimits);
  const deadlineMs = options.deadline === undefined ? undefined : toDeadlineMs(options.deadline);
  const plan: Omit<BatchPlan, 'recommendation'> = {
    requests: count,
    models: [...models],
    tokens: { input: inputTokens, output: outputTokens, perRequestReserved, estimator },
    cost: { realtimeUsd, batchUsd, savingsUsd: realtimeUsd - batchUsd, priced },
    duration: { realtimeMs, batchMs: settings.batchTurnaroundMs, limitedBy },
    batchJobs: jobs.count,
    deadlineMs,
  };
  return { ...plan, recommendation: recommend(plan, settings.minSavingsUsd) };
}

async function resolveEstimator(
  custom: EstimateTokens | undefined,
): Promise<{ estimate: EstimateTokens; estimator: BatchPlan['tokens']['estimator'] }> {
  if (custom) return { estimate: custom, estimator: 'custom' };
  const exact = await loadTokenizerEstimator();
  if (!exact) return { estimate: heuristicTokenEstimate, estimator: 'heuristic' };
  // Should the tokenizer fail on a request (an unreadable image file, say), that one request is estimated instead.
  const estimate: EstimateTokens = async (request) => {
    try {
      return await exact(request);
    } catch {
      return heuristicTokenEstimate(request);
    }
  };
  return { estimate, estimator: 'tokenizer' };
}

function localDuration(
  count: number,
  tokensPerRequest: number,
  settings: { concurrency: number; latencyMs: number },
  limits: PlanBatchOptions['rateLimits'],
): Pick<BatchPlan['duration'], 'realtimeMs' | 'limitedBy'> {
  const perMinute: [BatchPlan['duration']['limitedBy'], number][] = [
    ['concurrency', (settings.concurrency * 60_000) / settings.latencyMs],
  ];
  if (limits?.requestsPerMinute) perMinute.push(['requests-per-minute', limits.requestsPerMinute]);
  if (limits?.tokensPerMinute && tokensPerRequest > 0) {
    perMinute.push(['tokens-per-minute', limits.tokensPerMinute / tokensPerRequest]);
  }
  const [limitedBy, rate] = perMinute.reduce((slowest, entry) => (entry[1] < slowest[1] ? entry : slowest));
  return { realtimeMs: count === 0 ? 0 : (count / rate) * 60_000, limitedBy };
}

function recommend(plan: Omit<BatchPlan, 'recommendation'>, minSavingsUsd: number): BatchPlan['recommendation'] {
  const { realtimeMs, batchMs } = plan.duration;
  const { savingsUsd, realtimeUsd, priced } = plan.cost;
  const local = `a local run takes about ${formatDuration(realtimeMs)} (bounded by ${plan.duration.limitedBy.replaceAll('-', ' ')})`;
  const saving = priced
    ? `the Batch API costs ${formatUsd(plan.cost.batchUsd)} instead of ${formatUsd(realtimeUsd)} (saves ${formatUsd(savingsUsd)})`
    : `some models have no known price (${plan.models.join(', ')}), so the saving cannot be estimated`;
  if (plan.requests === 0) return { mode: 'local', reasons: ['the input is empty'] };
  if (plan.deadlineMs !== undefined && plan.deadlineMs < batchMs) {
    const reasons = [
      `the deadline is in ${formatDuration(plan.deadlineMs)}, sooner than the Batch API's ${formatDuration(batchMs)} window`,
      local,
    ];
    if (realtimeMs > plan.deadlineMs)
      reasons.push('even a local run is expected to miss the deadline; it is the closer of the two');
    return { mode: 'local', reasons };
  }
  if (realtimeMs > batchMs) {
    return {
      mode: 'batch-api',
      reasons: [`${local}, longer than the Batch API's ${formatDuration(batchMs)} window`, saving],
    };
  }
  if (!priced)
    return { mode: 'local', reasons: [saving, `${local}, within the Batch API's window, and gives results sooner`] };
  if (savingsUsd < minSavingsUsd) {
    return {
      mode: 'local',
      reasons: [
        `${saving}, less than the ${formatUsd(minSavingsUsd)} worth waiting up to ${formatDuration(batchMs)} for`,
        local,
      ],
    };
  }
  const deadlineNote =
    plan.deadlineMs === undefined
      ? 'no deadline was given'
      : `the deadline (${formatDuration(plan.deadlineMs)}) leaves room for the Batch API window`;
  return { mode: 'batch-api', reasons: [saving, deadlineNote, `${local} if results are needed sooner`] };
}

class JobCounter {
  count = 0;
  private requests = 0;
  private bytes = 0;

  add(lineBytes: number): void {
    if (
      this.count === 0 ||
      this.requests >= BATCH_API_LIMITS.maxRequestsPerJob ||
      this.bytes + lineBytes > BATCH_API_LIMITS.maxBytesPerJob
    ) {
      this.count += 1;
      this.requests = 0;
      this.bytes = 0;
    }
    this.requests += 1;
    this.bytes += lineBytes;
  }
}

function toDeadlineMs(deadline: Date | number): number {
  return deadline instanceof Date ? deadline.getTime() - Date.now() : deadline;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `90_000` → `1.5 min`, `5_400_000` → `1.5 h`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${round(ms / 1_000)} s`;
  if (ms < 3_600_000) return `${round(ms / 60_000)} min`;
  return `${round(ms / 3_600_000)} h`;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function formatUsd(value: number): string {
  return value >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(4)}`;
}
