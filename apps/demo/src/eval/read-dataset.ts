import { type EvaluationItem, readJsonlLines } from '@switchboard/batch/node';
import { DemoError } from '../cli/demo-error.js';
import { fileError } from '../setup/input-files.js';

const EXAMPLE =
  'Each line must be one JSON object like {"id":"q1","question":"Capital of France?","expected":"Paris"} (or {"variables":{...},"expected":...}).';

/**
 * Reads an evaluation dataset: one JSON object per line with an optional `id`, an optional `expected` answer, and
 * the template's variables either under `variables` or as the other fields. A bad line is a DemoError naming it.
 */
export async function readDataset(path: string, signal?: AbortSignal): Promise<EvaluationItem[]> {
  const items: EvaluationItem[] = [];
  const ids = new Set<string>();
  try {
    for await (const { text, lineNumber } of readJsonlLines(path, signal ? { signal } : {})) {
      const where = `Line ${lineNumber} of ${path}`;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new DemoError(`${where} is not valid JSON (${(error as Error).message}).`, EXAMPLE);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new DemoError(`${where} is not a JSON object.`, EXAMPLE);
      const { id, expected, variables, ...rest } = value as Record<string, unknown>;
      if (id !== undefined && typeof id !== 'string') throw new DemoError(`${where}: id must be a string.`, EXAMPLE);
      const itemId = id ?? `item-${items.length + 1}`;
      if (ids.has(itemId)) throw new DemoError(`${where} repeats id "${itemId}".`, 'Give every item its own id.');
      ids.add(itemId);
      const vars = variables ?? rest;
      if (typeof vars !== 'object' || vars === null || Array.isArray(vars))
        throw new DemoError(`${where}: variables must be an object.`, EXAMPLE);
      items.push({
        id: itemId,
        variables: vars as Record<string, unknown>,
        ...(expected !== undefined ? { expected } : {}),
      });
    }
  } catch (error) {
    throw fileError(error, path, 'dataset');
  }
  if (items.length === 0) throw new DemoError(`${path} has no items.`, EXAMPLE);
  return items;
}
