import {
  batchOptionsSchema,
  ConfigError,
  type ConfigIssue,
  toConfigIssues,
  unknownOptionIssues,
} from '@switchboard/core';

/** The options of a local run (`LocalRunOptions`). */
const LOCAL_KEYS = [
  'concurrency',
  'order',
  'checkpoint',
  'checkpointDurability',
  'replayCheckpoint',
  'rerunFailed',
  'maxHeldResults',
  'progressIntervalMs',
  'mode',
  'onProgress',
  'signal',
  'callOptions',
  'catalog',
  'rateLimiter',
  'retry',
  'resilience',
] as const;

/** `RunBatchOptions`: a local run's, plus the plan and the Batch API job. */
const RUN_KEYS = [...LOCAL_KEYS, 'plan', 'job'] as const;

/** `PlanBatchOptions`. */
const PLAN_KEYS = [
  'model',
  'deadline',
  'rateLimits',
  'concurrency',
  'latencyMs',
  'expectedOutputTokens',
  'estimateTokens',
  'catalog',
  'batchTurnaroundMs',
  'minSavingsUsd',
  'signal',
] as const;

/** `SubmitBatchJobOptions`. */
const JOB_KEYS = [
  'jobId',
  'workDir',
  'keepFiles',
  'metadata',
  'pollIntervalMs',
  'maxPollIntervalMs',
  'maxRequestsPerJob',
  'maxBytesPerJob',
  'retry',
  'onFailed',
  'maxResubmits',
  'local',
  'onProgress',
  'signal',
  'catalog',
] as const;

/** The options the shared batch schema checks (values, ranges). */
const SCHEMA_KEYS = [
  'concurrency',
  'order',
  'checkpoint',
  'checkpointDurability',
  'replayCheckpoint',
  'rerunFailed',
  'maxHeldResults',
  'progressIntervalMs',
  'mode',
] as const;

/**
 * Every problem with `runBatch`'s options, for one ConfigError: misspelled or unknown keys (with a did-you-mean
 * hint) at the top level and in `plan`, `job` and `job.local`, bad values, and callbacks that are not functions.
 */
export function runOptionsIssues(options: unknown): ConfigIssue[] {
  if (!isObject(options)) return [{ path: '(root)', message: 'expected an options object' }];
  const issues = unknownOptionIssues(options, RUN_KEYS);
  const checked: Record<string, unknown> = {};
  for (const key of SCHEMA_KEYS) if (options[key] !== undefined) checked[key] = options[key];
  const parsed = batchOptionsSchema.safeParse(checked);
  if (!parsed.success) issues.push(...toConfigIssues(parsed.error.issues));
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    issues.push({ path: 'onProgress', message: 'expected a function' });
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    issues.push({ path: 'signal', message: 'expected an AbortSignal' });
  }
  issues.push(...nestedIssues(options.plan, PLAN_KEYS, 'plan'));
  issues.push(...nestedIssues(options.job, JOB_KEYS, 'job'));
  if (isObject(options.job)) issues.push(...nestedIssues(options.job.local, LOCAL_KEYS, 'job.local'));
  return issues;
}

/** The ConfigError for `issues`, or undefined when there are none. */
export function runOptionsError(options: unknown): ConfigError | undefined {
  const issues = runOptionsIssues(options);
  return issues.length > 0 ? new ConfigError({ issues }) : undefined;
}

function nestedIssues(value: unknown, known: readonly string[], path: string): ConfigIssue[] {
  if (value === undefined) return [];
  if (!isObject(value)) return [{ path, message: 'expected an options object' }];
  return unknownOptionIssues(value, known, path);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
