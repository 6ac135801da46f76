import type { ParseArgsConfig } from 'node:util';
import type { Output } from '../cli/output.js';

/** Parsed values of a command line. */
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One subcommand of the demo CLI. */
export interface Command {
  /** Its name on the command line. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The usage text shown by `--help`. */
  usage: string;
  /** Its own options (the global ones are added). */
  options: NonNullable<ParseArgsConfig['options']>;
  /** Runs it. */
  run(input: { values: Values; positionals: string[]; output: Output; signal: AbortSignal }): Promise<void>;
}

/** The models the demo uses, each overridable with `--model` where it applies. */
export const DEMO_MODELS = {
  chat: 'gpt-4.1-mini',
  nano: 'gpt-5-nano',
  vision: 'gpt-4.1-mini',
  image: 'gpt-image-1',
  embedding: 'text-embedding-3-small',
  realtime: 'gpt-realtime',
} as const;

/** A string option's value, or undefined. */
export function stringValue(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
