import type { Output } from '../cli/output.js';
import { readTextArgument } from '../tokens/text-argument.js';
import { formatCount, formatUsd, type TokenReport, tokenReport } from '../tokens/token-report.js';
import { type Command, DEMO_MODELS } from './command.js';
import { integerOption, listOption } from './option-values.js';

/** `tokens <text|file> --model`: tokens and cost before sending, counted locally with the model's encoding. */
export const tokensCommand: Command = {
  name: 'tokens',
  summary: 'Count tokens and estimate the cost of a text or file before sending it (no call is made)',
  usage:
    'switchboard-demo tokens <text|file|-> [--model gpt-4.1-mini[,gpt-5-nano...]] [--max-output-tokens 256] [--json]',
  options: { 'max-output-tokens': { type: 'string' } },
  async run({ values, positionals, output, signal, io }) {
    const { text, source } = await readTextArgument(positionals, io.stdin, signal);
    const models = listOption(values, 'model', [DEMO_MODELS.chat]);
    const maxOutputTokens = integerOption(values, 'max-output-tokens', 256, 0);
    const what = source.kind === 'file' ? source.path : source.kind === 'stdin' ? 'standard input' : 'the text';
    output.line(`${what}: ${formatCount(text.length)} characters`);
    const reports = models.map((model) => tokenReport(text, model, maxOutputTokens));
    for (const report of reports) printReport(output, report);
    output.result('tokens', { source, characters: text.length, models: reports });
  },
};

function printReport(output: Output, report: TokenReport): void {
  output.heading(`${report.model} (${report.encoding})`);
  if (!report.knownModel) {
    output.detail(
      'note',
      `"${report.model}" is not in the model catalog: counted with ${report.encoding}, no known price`,
    );
  }
  output.detail(
    'tokens',
    `${formatCount(report.textTokens)} of text, ${formatCount(report.promptTokens)} as a chat message (${report.exact ? 'exact' : 'estimate'})`,
  );
  const share = (report.promptTokens / report.contextWindow) * 100;
  output.detail(
    'context',
    `${share < 0.1 ? '<0.1' : share.toFixed(1)}% of a ${formatCount(report.contextWindow)}-token window`,
  );
  if (report.cost.priced) {
    output.detail(
      'cost before sending',
      `${formatUsd(report.cost.inputUsd)} prompt + up to ${formatUsd(report.cost.outputUsd)} for ${formatCount(report.maxOutputTokens)} output tokens = ${formatUsd(report.cost.totalUsd)} (Batch API: ${formatUsd(report.batchCost.totalUsd)})`,
    );
  }
}
