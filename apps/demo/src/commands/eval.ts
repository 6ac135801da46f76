import { type EvaluationReport, runEvaluation } from '@switchboard/batch/node';
import { createPromptTemplate, type TemplateMessage } from '@switchboard/core';
import { FailedRequestsError } from '../batch/failed-requests-error.js';
import { createProgressDisplay } from '../batch/progress-display.js';
import { DemoError } from '../cli/demo-error.js';
import type { Output } from '../cli/output.js';
import { readDataset } from '../eval/read-dataset.js';
import { createScorer, SCORER_NAMES } from '../eval/scorers.js';
import { connect } from '../setup/connect.js';
import { formatCount, formatUsd } from '../tokens/token-report.js';
import { type Command, stringValue } from './command.js';
import { choiceOption, integerOption, listOption } from './option-values.js';

const DEFAULT_MODELS = ['gpt-4.1-mini', 'gpt-4.1-nano'];
const DEFAULT_SYSTEM = 'Answer in as few words as possible.';

/** `eval <dataset.jsonl>`: every item against every model at every temperature, scored, as a table. */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'Compare models and temperatures on a JSONL dataset and print the results table',
  usage:
    'switchboard-demo eval <dataset.jsonl> [--models gpt-4.1-mini,gpt-4.1-nano] [--temperatures 0,0.7] [--template "{{question}}"] [--system "..."] [--scorer words|contains|exact] [--max-output-tokens 64] [--checkpoint <file>] [--out-dir <dir>] [--concurrency 8] [--json]\n' +
    '  Dataset lines: {"id":"q1","question":"Capital of France?","expected":"Paris"}; the other fields fill the template.',
  options: {
    models: { type: 'string' },
    temperatures: { type: 'string' },
    template: { type: 'string', default: '{{question}}' },
    system: { type: 'string', default: DEFAULT_SYSTEM },
    scorer: { type: 'string' },
    'max-output-tokens': { type: 'string' },
    checkpoint: { type: 'string' },
    'out-dir': { type: 'string' },
    concurrency: { type: 'string' },
  },
  async run({ values, positionals, output, signal, io }) {
    const [path, ...extra] = positionals;
    if (!path || extra.length > 0)
      throw new DemoError(
        'Give one dataset file.',
        'Usage: switchboard-demo eval dataset.jsonl --models gpt-4.1-mini,gpt-4.1-nano',
      );
    const models = listOption(values, 'models', DEFAULT_MODELS);
    const temperatures = listOption(values, 'temperatures', ['0', '0.7']).map(parseTemperature);
    const scorer = choiceOption(values, 'scorer', SCORER_NAMES, 'words');
    const maxOutputTokens = integerOption(values, 'max-output-tokens', 64);
    const concurrency = integerOption(values, 'concurrency', 8);
    const messages: TemplateMessage[] = [];
    const system = stringValue(values, 'system');
    if (system) messages.push({ role: 'system', content: system });
    messages.push({ role: 'user', content: stringValue(values, 'template') as string });
    const template = createPromptTemplate(messages);
    const dataset = await readDataset(path, signal);
    for (const item of dataset) {
      try {
        template.render(item.variables as Record<string, string>);
      } catch (error) {
        throw new DemoError(
          `Item "${item.id}" does not fit the template: ${(error as Error).message}`,
          'Fix the dataset or pass a matching --template.',
        );
      }
    }
    const demo = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    try {
      const total = dataset.length * models.length * temperatures.length;
      output.line(
        `${path}: ${dataset.length} items × ${models.length} models × ${temperatures.length} temperatures = ${total} requests, scored by "${scorer}"`,
      );
      const display = output.json ? undefined : createProgressDisplay(io.stderr, { total, label: 'eval' });
      const checkpoint = stringValue(values, 'checkpoint');
      const outDir = stringValue(values, 'out-dir');
      let report: EvaluationReport;
      try {
        report = await runEvaluation(demo.provider, {
          dataset,
          template,
          models,
          temperatures,
          scorer: createScorer(scorer),
          maxOutputTokens,
          run: { concurrency },
          signal,
          ...(display ? { onProgress: (progress) => display.update(progress) } : {}),
          ...(checkpoint ? { checkpoint } : {}),
          ...(outDir ? { outputDir: outDir } : {}),
        });
      } finally {
        display?.stop();
      }
      printTable(output, report);
      if (demo.offline)
        output.line(
          output.style(
            'dim',
            '  (Offline, the answers are the mock server’s placeholder text: the scores mean something only against a real service.)',
          ),
        );
      for (const row of report.rows) {
        if (row.items > 0 && row.failed === row.items) {
          output.line(
            output.style(
              'yellow',
              `  Every request to ${row.model} at temperature ${row.temperature} failed: check the model name (and that it accepts this temperature).`,
            ),
          );
        }
      }
      if (report.files) output.detail('written', `${report.files.json}, ${report.files.markdown}`);
      output.result('eval', report);
      const requests = report.rows.reduce((sum, row) => sum + row.items, 0);
      const failed = report.rows.reduce((sum, row) => sum + row.failed, 0);
      if (requests > 0 && failed === requests && !signal.aborted) {
        output.flush();
        throw new FailedRequestsError(
          `All ${failed} requests failed: nothing was scored. Check the model names, the key and the service.`,
          failed,
        );
      }
    } finally {
      await demo.close();
    }
  },
};

function parseTemperature(text: string): number {
  const value = Number(text);
  if (!(Number.isFinite(value) && value >= 0 && value <= 2)) {
    throw new DemoError(
      `Temperatures must be numbers from 0 to 2, not "${text}".`,
      'For example --temperatures 0,0.7.',
    );
  }
  return value;
}

function printTable(output: Output, report: EvaluationReport): void {
  const header = ['model', 'temp', 'items', 'score', 'failed', 'tokens in/out', 'cost', 'p50 ms', 'p95 ms'];
  const rows = report.rows.map((row) => [
    row.model,
    String(row.temperature),
    String(row.items),
    row.meanScore.toFixed(3),
    String(row.failed),
    `${formatCount(row.inputTokens)}/${formatCount(row.outputTokens)}`,
    formatUsd(row.costUsd),
    String(Math.round(row.p50LatencyMs)),
    String(Math.round(row.p95LatencyMs)),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const format = (cells: string[]) =>
    `  ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ')}`;
  output.line();
  output.line(output.style('bold', format(header)));
  for (const row of rows) output.line(format(row));
  output.line();
  output.line(
    output.style('dim', `  ${report.items} items in ${(report.durationMs / 1000).toFixed(1)} s${best(report)}`),
  );
}

/** The best-scoring model and temperature among those where at least one request succeeded. */
function best(report: EvaluationReport): string {
  const top = report.rows
    .filter((row) => row.failed < row.items)
    .sort((a, b) => b.meanScore - a.meanScore || a.costUsd - b.costUsd)[0];
  return top ? `; best: ${top.model} at temperature ${top.temperature} (score ${top.meanScore.toFixed(3)})` : '';
}
