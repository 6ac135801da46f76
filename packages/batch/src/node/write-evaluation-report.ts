import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvaluationReport } from '../eval/evaluation-types.js';
import { formatEvaluationMarkdown } from '../eval/format-report.js';

/** Writes `evaluation.json` and `evaluation.md` into `dir` (created if needed) and returns their paths. */
export async function writeEvaluationReport(
  report: EvaluationReport,
  dir: string,
): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true });
  const files = { json: join(dir, 'evaluation.json'), markdown: join(dir, 'evaluation.md') };
  const { files: _files, ...data } = report;
  await writeFile(files.json, `${JSON.stringify(data, null, 2)}\n`);
  await writeFile(files.markdown, formatEvaluationMarkdown(report));
  return files;
}
