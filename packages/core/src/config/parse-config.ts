import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors/error-classes.js';

/** Where each option came from, so problems name the environment variable (option path → variable). */
export type ConfigSources = Record<string, string>;

/**
 * Validates options with a zod schema and returns the parsed value, or throws one `ConfigError` that names every
 * problem at once. Messages never contain option values, so a secret cannot leak through them.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: { prefix?: string; sources?: ConfigSources } = {},
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError({ issues: toConfigIssues(result.error.issues, options) });
}

/** Converts zod issues into config issues with dotted paths and their environment variables. */
export function toConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  options: { prefix?: string; sources?: ConfigSources } = {},
): ConfigIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: joinPath(options.prefix, [...issue.path, key]),
        message: 'is not a known option (check the spelling)',
      }));
    }
    const path = joinPath(options.prefix, issue.path);
    const variable = options.sources?.[path];
    const configIssue: ConfigIssue = { path, message: describeIssue(issue) };
    if (variable) configIssue.variable = variable;
    return [configIssue];
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (isMissing(issue)) return 'is required';
  if (issue.code === 'invalid_union') {
    // A union (a key or a key function) explains itself through its branches; name the custom one if any.
    const custom = issue.errors.flat().find((branch) => branch.code === 'custom');
    return custom?.message ?? issue.message;
  }
  return issue.message;
}

function isMissing(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'invalid_type') return issue.message.endsWith('received undefined');
  if (issue.code === 'invalid_union')
    return issue.errors.length > 0 && issue.errors.every((branch) => branch.some(isMissing));
  return false;
}

function joinPath(prefix: string | undefined, path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if (prefix) parts.unshift(prefix);
  return parts.join('.') || '(root)';
}
