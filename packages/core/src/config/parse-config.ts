import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors/error-classes.js';
import { unknownOptionMessage } from './unknown-option-issues.js';

/** Where each option came from, so problems name the environment variable (option path → variable). */
export type ConfigSources = Record<string, string>;

/** A problem found by a check across fields, with the path of the option it is reported on. */
export interface CrossFieldProblem {
  /** The option path inside the options object, e.g. `['tokenProvider']`. */
  path: readonly (string | number)[];
  /** What is wrong, without the value. */
  message: string;
}

/** How `parseConfig` reports and what it checks beyond the schema. */
export interface ParseConfigOptions {
  /** Prepended to every path, e.g. `openai`. */
  prefix?: string;
  /** The environment variable of each option path, named in its problems. */
  sources?: ConfigSources;
  /**
   * Checks across fields (both or neither of two options, say), run on the raw input even when fields fail the
   * schema, so a type error in one field never hides a problem found here. Gets the input only when it is an object.
   */
  crossCheck?: (input: Record<string, unknown>) => CrossFieldProblem[];
}

/**
 * Validates options with a zod schema and returns the parsed value, or throws one `ConfigError` that names every
 * problem at once: each bad field, each unknown key (with a "did you mean" hint) and each cross-field problem.
 * Messages never contain option values, so a secret cannot leak through them.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: ParseConfigOptions = {},
): z.output<S> {
  const result = schema.safeParse(input);
  const issues = result.success ? [] : toConfigIssues(result.error.issues, { ...options, schema });
  if (options.crossCheck && isRecord(input)) {
    for (const problem of options.crossCheck(input)) {
      const path = joinPath(options.prefix, problem.path);
      if (!issues.some((issue) => issue.path === path && issue.message === problem.message)) {
        issues.push(withVariable({ path, message: problem.message }, options.sources));
      }
    }
  }
  if (issues.length > 0 || !result.success) throw new ConfigError({ issues });
  return result.data;
}

/**
 * Converts zod issues into config issues with dotted paths and their environment variables. Given the `schema`, an
 * unknown key is reported with the known option it most likely meant.
 */
export function toConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  options: { prefix?: string; sources?: ConfigSources; schema?: z.ZodType } = {},
): ConfigIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = options.schema ? knownKeysAt(options.schema, issue.path) : [];
      return issue.keys.map((key) => ({
        path: joinPath(options.prefix, [...issue.path, key]),
        message: unknownOptionMessage(key, known),
      }));
    }
    return [
      withVariable({ path: joinPath(options.prefix, issue.path), message: describeIssue(issue) }, options.sources),
    ];
  });
}

function withVariable(issue: ConfigIssue, sources: ConfigSources | undefined): ConfigIssue {
  const variable = sources?.[issue.path];
  return variable ? { ...issue, variable } : issue;
}

/** The option names an object schema knows at a path (through optional, default and nullable wrappers). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const segment of [...path, undefined]) {
    while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
      current = current.unwrap();
    }
    if (!(current instanceof z.ZodObject)) return [];
    if (segment === undefined) return Object.keys(current.shape);
    current = current.shape[String(segment)];
  }
  return [];
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
