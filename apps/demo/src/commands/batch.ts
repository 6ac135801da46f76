import { basename } from 'node:path';
import { CheckpointError } from '@switchboard/batch/node';
import { type BatchOutcome, executeBatch } from '../batch/execute-batch.js';
import { FailedRequestsError } from '../batch/failed-requests-error.js';
import { createProgressDisplay } from '../batch/progress-display.js';
import { scanBatchInput } from '../batch/scan-batch-input.js';
import { DemoError } from '../cli/demo-error.js';
import type { Output } from '../cli/output.js';
import { connect } from '../setup/connect.js';
import { formatCount, formatUsd } from '../tokens/token-report.js';
import { type Command, stringValue } from './command.js';
import { choiceOption, integerOption } from './option-values.js';

/** `batch <input.jsonl>`: many requests at once, checkpointed, locally or through the Batch API. */
export const batchCommand: Command = {
  name: 'batch',
  summary: 'Run a JSONL file of requests with a progress bar and a checkpoint (resumable after Ctrl-C or a crash)',
  usage:
    'switchboard-demo batch <input.jsonl> [--mode auto|local|api] [--checkpoint <file>] [--out <file>] [--concurrency 8] [--provider openai|azure] [--json]\n' +
    '  Input lines: {"customId":"q1","request":{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"Hi"}]}}\n' +
    '  (or "kind":"embedding" with request.input). Defaults: --out <input>.results.jsonl, --checkpoint <out>.checkpoint.jsonl.\n' +
    '  Run the same command again after Ctrl-C or a crash: finished requests come from the checkpoint.',
  options: {
    mode: { type: 'string', default: 'auto' },
    checkpoint: { type: 'string' },
    out: { type: 'string', short: 'o' },
    concurrency: { type: 'string' },
  },
  async run({ values, positionals, output, signal, io }) {
    const [input, ...extra] = positionals;
    if (!input || extra.length > 0) {
      throw new DemoError(
        input ? 'Give one input file.' : 'No input file given.',
        'Usage: switchboard-demo batch requests.jsonl [--out results.jsonl]',
      );
    }
    const mode = choiceOption(values, 'mode', ['auto', 'local', 'api'], 'auto');
    const concurrency = integerOption(values, 'concurrency', 8);
    const out = stringValue(values, 'out') ?? `${basename(input).replace(/\.jsonl$/i, '')}.results.jsonl`;
    const checkpoint = stringValue(values, 'checkpoint') ?? out.replace(/(\.jsonl)?$/i, '.checkpoint.jsonl');
    const scan = await scanBatchInput(input, signal);
    const demo = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    try {
      const models = Object.entries(scan.models)
        .map(([model, count]) => `${count} × ${model}`)
        .join(', ');
      output.line(`${input}: ${scan.total} requests (${models})`);
      const outcome = await executeBatch({
        demo,
        input,
        out,
        checkpoint,
        mode,
        concurrency,
        signal,
        display: output.json ? undefined : createProgressDisplay(io.stderr, { total: scan.total, label: 'batch' }),
        onPlan: (plan) =>
          output.detail('plan', `${plan.recommendation.mode}: ${plan.recommendation.reasons.join('; ')}`),
      });
      report(output, outcome, { out, checkpoint, total: scan.total });
      output.result('batch', { input, out, checkpoint, total: scan.total, ...outcome });
      const failed = outcome.failedLines;
      if (failed > 0 && !outcome.stopped && !signal.aborted) {
        output.flush();
        throw new FailedRequestsError(
          `${failed} of ${scan.total} requests failed (their lines in ${out} have "ok": false and the error).`,
          failed,
        );
      }
    } catch (error) {
      if (error instanceof CheckpointError) {
        throw new DemoError(error.message, 'Delete the checkpoint file to start over, or give another --checkpoint.');
      }
      throw error;
    } finally {
      await demo.close();
    }
  },
};

function report(
  output: Output,
  outcome: BatchOutcome,
  files: { out: string; checkpoint: string; total: number },
): void {
  const summary = outcome.summary;
  if (summary) {
    output.detail(
      outcome.mode === 'local' ? 'ran locally' : 'ran through the Batch API',
      `${summary.done}/${files.total} done: ${summary.succeeded} succeeded, ${summary.failed} failed, ${summary.fromCheckpoint} from the checkpoint · ${formatCount(summary.inputTokens)} in / ${formatCount(summary.outputTokens)} out tokens · ${formatUsd(summary.costUsd)} · ${(summary.elapsedMs / 1000).toFixed(1)} s`,
    );
  }
  output.detail('results', `${outcome.written} lines in ${files.out}`);
  if (outcome.stopped) {
    output.line(
      output.style(
        'yellow',
        `Stopped before the end; ${files.checkpoint} keeps what finished. Run the same command again to resume.`,
      ),
    );
  }
}
