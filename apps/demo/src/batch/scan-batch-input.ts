import { readJsonlLines } from '@switchboard/batch/node';
import { DemoError } from '../cli/demo-error.js';
import { fileError } from '../setup/input-files.js';

/** What a batch input file holds. */
export interface BatchInputScan {
  /** Requests (non-empty lines). */
  total: number;
  /** Requests per model. */
  models: Record<string, number>;
}

const EXAMPLE =
  'Each line must be one JSON object like {"customId":"q1","request":{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"Hi"}]}}.';

/**
 * Reads a batch input file once, line by line, and checks every line before anything is sent: a line that is not
 * JSON, has the wrong shape or repeats a `customId` is a one-line DemoError naming its line number.
 */
export async function scanBatchInput(path: string, signal?: AbortSignal): Promise<BatchInputScan> {
  const ids = new Map<string, number>();
  const models: Record<string, number> = {};
  try {
    for await (const { text, lineNumber } of readJsonlLines(path, signal ? { signal } : {})) {
      const where = `Line ${lineNumber} of ${path}`;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new DemoError(`${where} is not valid JSON (${(error as Error).message}).`, EXAMPLE);
      }
      const problem = shapeProblem(value);
      if (problem) throw new DemoError(`${where}: ${problem}.`, EXAMPLE);
      const { customId, request } = value as { customId: string; request: { model: string } };
      const first = ids.get(customId);
      if (first !== undefined) {
        throw new DemoError(
          `${where} repeats customId "${customId}" (first on line ${first}).`,
          'Give every line its own customId.',
        );
      }
      ids.set(customId, lineNumber);
      models[request.model] = (models[request.model] ?? 0) + 1;
    }
  } catch (error) {
    throw fileError(error, path, 'batch input');
  }
  if (ids.size === 0) throw new DemoError(`${path} has no requests.`, EXAMPLE);
  return { total: ids.size, models };
}

function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const item = value as Record<string, unknown>;
  if (typeof item.customId !== 'string' || item.customId === '') return 'customId must be a non-empty string';
  if (item.kind !== undefined && item.kind !== 'chat' && item.kind !== 'embedding')
    return 'kind must be "chat" or "embedding"';
  const request = item.request as Record<string, unknown> | undefined;
  if (typeof request !== 'object' || request === null) return 'request must be an object';
  if (typeof request.model !== 'string' || request.model === '') return 'request.model must be a model name';
  if (item.kind === 'embedding') {
    if (typeof request.input !== 'string' && !Array.isArray(request.input))
      return 'request.input must be a string or an array of strings';
  } else if (!Array.isArray(request.messages) || request.messages.length === 0) {
    return 'request.messages must be a non-empty array of messages';
  }
  return undefined;
}
