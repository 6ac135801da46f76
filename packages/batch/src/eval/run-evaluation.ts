import { InvalidRequestError, type Provider } from '@switchboard/core';
import { batchPlatform } from '../platform/batch-platform.js';
import { runBatch } from '../run/run-batch.js';
import type { BatchRequest } from '../types/batch-request.js';
import type { EvaluationItem, EvaluationOptions, EvaluationReport } from './evaluation-types.js';
import { RowAccumulator } from './row-accumulator.js';

interface Cell {
  item: EvaluationItem<Record<string, unknown>>;
  row: RowAccumulator;
}

/**
 * Runs an evaluation: every dataset item, rendered with the template, against every model at every temperature,
 * through `runBatch` (with its concurrency, rate limiter, retries and checkpoint), each answer scored; returns a
 * table per model and temperature (score, tokens, cost, latency) and, with `outputDir`, writes it as JSON and
 * Markdown. A rerun with the same checkpoint scores saved answers and runs only the rest.
 */
export async function runEvaluation<V extends Record<string, unknown>>(
  provider: Provider,
  options: EvaluationOptions<V>,
): Promise<EvaluationReport> {
  const temperatures = options.temperatures ?? [0];
  if (options.models.length === 0 || temperatures.length === 0) {
    throw new InvalidRequestError({
      message: 'An evaluation needs at least one model and one temperature.',
      source: 'client',
    });
  }
  const rows = new Map<string, RowAccumulator>();
  for (const model of options.models) {
    for (const temperature of temperatures)
      rows.set(rowKey(model, temperature), new RowAccumulator(model, temperature));
  }
  const cells = new Map<string, Cell>();
  let items = 0;
  async function* requests(): AsyncGenerator<BatchRequest> {
    for await (const item of options.dataset) {
      const id = item.id ?? String(items);
      items += 1;
      const messages = options.template.render(item.variables);
      for (const model of options.models) {
        for (const temperature of temperatures) {
          const customId = `${id}|${model}|t=${temperature}`;
          cells.set(customId, {
            item: item as EvaluationItem<Record<string, unknown>>,
            row: rows.get(rowKey(model, temperature)) as RowAccumulator,
          });
          yield {
            customId,
            request: {
              model,
              messages,
              temperature,
              ...(options.maxOutputTokens ? { maxOutputTokens: options.maxOutputTokens } : {}),
            },
          };
        }
      }
    }
  }
  const started = performance.now();
  const run = runBatch(provider, requests(), {
    ...options.run,
    // Saved answers must come back to be scored.
    replayCheckpoint: true,
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  for await (const result of run) {
    const cell = cells.get(result.customId) as Cell;
    cells.delete(result.customId);
    const usage = result.ok ? result.chat?.usage : undefined;
    if (!result.ok || !result.chat) {
      cell.row.addFailure();
      continue;
    }
    try {
      const score = await options.scorer(result.chat, cell.item as EvaluationItem<V>);
      cell.row.addScore(score, usage, result.costUsd, result.latencyMs);
    } catch {
      // A scorer that throws on one answer should not lose the whole evaluation: the item counts as failed.
      cell.row.addFailure(usage, result.costUsd);
    }
  }
  const report: EvaluationReport = {
    rows: [...rows.values()].map((row) => row.toRow()),
    items,
    finishedAt: new Date().toISOString(),
    durationMs: performance.now() - started,
  };
  if (options.outputDir)
    report.files = await batchPlatform('outputDir (report files)', 'outputDir').writeEvaluationReport(
      report,
      options.outputDir,
    );
  return report;
}

function rowKey(model: string, temperature: number): string {
  return `${model}\u0000${temperature}`;
}
