import { ConfigError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../run/run-batch.js';
import { runOptionsIssues } from './check-run-options.js';

const provider = {
  name: 'unused',
  chat: async () => {
    throw new Error('not called');
  },
  streamChat: () => {
    throw new Error('not called');
  },
};

describe('runBatch options', () => {
  it('rejects misspelled and unknown keys with a did-you-mean hint, every problem in one ConfigError', async () => {
    const run = runBatch(provider as never, [], {
      concurency: 4,
      checkpoint: '',
      order: 'fifo',
      onProgres: () => {},
      onProgress: 3,
      signal: 'stop',
      plan: { deadLine: 5 },
      job: { pollInterval: 10, local: { concurrencyLimit: 2 } },
      totallyNew: true,
    } as never);
    const error = await run.collect().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((issue) => issue.path)).toEqual([
      'concurency',
      'onProgres',
      'totallyNew',
      'checkpoint',
      'order',
      'onProgress',
      'signal',
      'plan.deadLine',
      'job.pollInterval',
      'job.local.concurrencyLimit',
    ]);
    const message = (error as Error).message;
    expect(message).toContain('concurency: is not a known option (did you mean concurrency?)');
    expect(message).toContain('onProgres: is not a known option (did you mean onProgress?)');
    expect(message).toContain('plan.deadLine: is not a known option (did you mean deadline?)');
    expect(message).toContain('job.pollInterval: is not a known option (did you mean pollIntervalMs?)');
    expect(message).toMatch(/totallyNew: is not a known option \(known: concurrency, order/);
  });

  it('accepts every documented option, and rejects options that are not objects', () => {
    expect(
      runOptionsIssues({
        concurrency: 2,
        order: 'input',
        checkpointDurability: 'write',
        replayCheckpoint: false,
        rerunFailed: 'all',
        maxHeldResults: 10,
        progressIntervalMs: 0,
        mode: 'local',
        onProgress: () => {},
        signal: new AbortController().signal,
        callOptions: {},
        rateLimiter: false,
        retry: false,
        resilience: false,
        plan: { model: 'gpt-4o', deadline: 1000 },
        job: { workDir: 'x', local: { concurrency: 1 } },
      }),
    ).toEqual([]);
    expect(runOptionsIssues(null)).toEqual([{ path: '(root)', message: 'expected an options object' }]);
    expect(runOptionsIssues({ plan: 3, job: [] })).toEqual([
      { path: 'plan', message: 'expected an options object' },
      { path: 'job', message: 'expected an options object' },
    ]);
  });
});
