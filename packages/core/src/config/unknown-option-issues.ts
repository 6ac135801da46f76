import type { ConfigIssue } from '../errors/error-classes.js';
import { suggestOption } from './suggest-option.js';

/** The message for an option name that is not in `known`: the likely intended name, else the names there are. */
export function unknownOptionMessage(key: string, known: readonly string[]): string {
  const suggestion = suggestOption(key, known);
  if (suggestion) return `is not a known option (did you mean ${suggestion}?)`;
  return known.length > 0 ? `is not a known option (known: ${known.join(', ')})` : 'is not a known option';
}

/**
 * One issue per own key of `value` that is not in `known`, each with a did-you-mean hint (`suggestOption`), so a
 * misspelled option fails loudly instead of being ignored. `prefix` is the dotted path of `value` (`'retry'` gives
 * `retry.maxAtempts`). Not an object: no issues (the caller reports the type).
 */
export function unknownOptionIssues(value: unknown, known: readonly string[], prefix = ''): ConfigIssue[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({ path: prefix ? `${prefix}.${key}` : key, message: unknownOptionMessage(key, known) }));
}
