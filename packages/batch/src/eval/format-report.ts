import type { EvaluationReport } from './evaluation-types.js';

/** The report as a Markdown table: one row per model and temperature. */
export function formatEvaluationMarkdown(report: EvaluationReport): string {
  const header =
    '| model | temperature | items | mean score | failed | input tokens | output tokens | cost (USD) | latency p50 (ms) | latency p95 (ms) |';
  const rule = '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
  const rows = report.rows.map((row) =>
    [
      `\`${row.model.replaceAll('|', '\\|')}\``,
      row.temperature,
      row.items,
      row.meanScore.toFixed(3),
      row.failed,
      row.inputTokens,
      row.outputTokens,
      row.costUsd.toFixed(4),
      Math.round(row.p50LatencyMs),
      Math.round(row.p95LatencyMs),
    ].join(' | '),
  );
  return [
    `# Evaluation: ${report.items} items`,
    '',
    header,
    rule,
    ...rows.map((row) => `| ${row} |`),
    '',
    `Finished ${report.finishedAt} in ${(report.durationMs / 1000).toFixed(1)} s.`,
    '',
  ].join('\n');
}
