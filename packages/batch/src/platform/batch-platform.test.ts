import { ConfigError, createPromptTemplate, type Provider } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvaluation } from '../eval/run-evaluation.js';
import { readJsonl } from '../jsonl/read-jsonl.js';
import { nodeBatchPlatform } from '../node/node-batch-platform.js';
import { runBatch } from '../run/run-batch.js';
import { setBatchPlatform } from './batch-platform.js';

// As in a browser or worker bundle: the main entry without the Node entry's file-based platform.
beforeAll(() => setBatchPlatform(undefined));
afterAll(() => setBatchPlatform(nodeBatchPlatform));

const provider: Provider = {
  name: 'echo',
  chat: async (request) => ({
    id: 'r',
    model: request.model,
    text: 'ok',
    toolCalls: [],
    refusal: null,
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  }),
  streamChat: () => {
    throw new Error('not used');
  },
};
const requests = [
  { customId: 'a', request: { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] } },
];

describe('the main entry without a file system', () => {
  it('runs a local batch with no node: module', async () => {
    const { results, summary } = await runBatch(provider, requests, { concurrency: 2 }).collect();
    expect(results.map((result) => result.ok)).toEqual([true]);
    expect(summary.failedIds).toEqual([]);
  });

  it('fails checkpoints, Batch API modes, file paths and report files with a ConfigError that says where they live', async () => {
    for (const options of [
      { checkpoint: 'run.ckpt.jsonl' },
      { mode: 'batch-api' as const },
      { mode: 'auto' as const },
    ]) {
      const error = await runBatch(provider, requests, options)
        .collect()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain("'@switchboard/batch/node'");
    }
    await expect(readJsonl('input.jsonl').next()).rejects.toThrow(/Reading JSONL from a file path needs a file system/);
    await expect(
      runEvaluation(provider, {
        dataset: [{ id: 'a', variables: { word: 'hi' }, expected: 'ok' }],
        template: createPromptTemplate([{ role: 'user', content: 'Say {{word}}' }]),
        models: ['gpt-4o-mini'],
        scorer: (response, item) => (response.text === item.expected ? 1 : 0),
        outputDir: 'out',
      }),
    ).rejects.toThrow(/outputDir/);
  });
});
