import { DemoError } from '../cli/demo-error.js';
import { stringValue, type Values } from './command.js';

/** A whole-number option at least `min`, or `fallback` when absent; anything else is a DemoError. */
export function integerOption(values: Values, name: string, fallback: number, min = 1): number {
  const raw = stringValue(values, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new DemoError(
      `--${name} must be a whole number of at least ${min}, not "${raw}".`,
      `For example --${name} ${Math.max(min, fallback)}.`,
    );
  }
  return value;
}

/** A comma-separated list option, or `fallback` when absent. */
export function listOption(values: Values, name: string, fallback: string[]): string[] {
  const raw = stringValue(values, name);
  if (raw === undefined) return fallback;
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw new DemoError(`--${name} is empty.`, `For example --${name} ${fallback.join(',')}.`);
  return items;
}

/** One of `choices`, or `fallback` when absent. */
export function choiceOption<const C extends string>(
  values: Values,
  name: string,
  choices: readonly C[],
  fallback: C,
): C {
  const raw = stringValue(values, name) ?? fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new DemoError(
      `--${name} must be ${choices.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not "${raw}".`,
      `For example --${name} ${fallback}.`,
    );
  }
  return raw as C;
}
