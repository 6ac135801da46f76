import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { executeBatch } from '../batch/execute-batch.js';
import { createProgressDisplay } from '../batch/progress-display.js';
import { scanBatchInput } from '../batch/scan-batch-input.js';
import { assetPath } from '../setup/assets.js';
import type { Scene } from './scene.js';

/** Requests the first run finishes before it is stopped, as if someone pressed Ctrl-C. */
const STOP_AFTER = 5;

/**
 * A small batch from the bundled sample with a progress bar and a checkpoint: the first run is stopped part-way
 * (as Ctrl-C would), the second run with the same checkpoint sends only what is left, and the output file ends up
 * with every request exactly once.
 */
export const batchScene: Scene = {
  title: 'Batch with a progress bar and a checkpoint',
  async run({ demo, output, outDir, signal, io }) {
    const input = assetPath('batch-sample.jsonl');
    const out = join(outDir, 'tour-batch.results.jsonl');
    const checkpoint = join(outDir, 'tour-batch.checkpoint.jsonl');
    await rm(checkpoint, { force: true });
    const { total } = await scanBatchInput(input, signal);
    const display = () =>
      output.json ? undefined : createProgressDisplay(io.stderr, { total, label: 'batch', statusIntervalMs: 500 });
    output.detail('input', `assets/batch-sample.jsonl: ${total} requests (chat on two models, and embeddings)`);

    const stop = new AbortController();
    let finished = 0;
    const first = await executeBatch({
      demo,
      input,
      out,
      checkpoint,
      mode: 'local',
      concurrency: 3,
      display: display(),
      signal: AbortSignal.any([signal, stop.signal]),
      onResult: (result) => {
        if (result.source === 'run' && ++finished >= STOP_AFTER) stop.abort();
      },
    });
    output.detail(
      'first run',
      `stopped after ${first.summary?.done ?? 0} of ${total} (as Ctrl-C would); the checkpoint keeps them`,
    );

    const second = await executeBatch({
      demo,
      input,
      out,
      checkpoint,
      mode: 'local',
      concurrency: 3,
      display: display(),
      signal,
    });
    const summary = second.summary;
    output.detail(
      'second run',
      `${summary?.fromCheckpoint ?? 0} from the checkpoint, ${summary?.succeeded ?? 0} sent, ${summary?.failed ?? 0} failed`,
    );
    const ids = (await readFile(out, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { customId: string }).customId);
    output.detail('output', `${ids.length} lines, ${new Set(ids).size} distinct ids in ${out}`);
    return {
      total,
      firstRun: first.summary?.done ?? 0,
      fromCheckpoint: summary?.fromCheckpoint ?? 0,
      sent: summary?.succeeded ?? 0,
      lines: ids.length,
      distinctIds: new Set(ids).size,
    };
  },
};
