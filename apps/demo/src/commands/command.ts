import type { ParseArgsConfig } from 'node:util';
import type { DemoIO } from '../cli/demo-io.js';
import type { Output } from '../cli/output.js';

/** Parsed values of a command line. */
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a command gets to run. */
export interface CommandInput {
  /** Option values (the global ones included). */
  values: Values;
  /** Positional arguments. */
  positionals: string[];
  /** Where to write. */
  output: Output;
  /** Aborted by Ctrl-C (unless the command takes Ctrl-C over with `onInterrupt`). */
  signal: AbortSignal;
  /** The process's streams and environment. */
  io: DemoIO;
  /**
   * Takes Ctrl-C over while `handler` is set (the chat REPL cancels the answer instead of stopping); returns a
   * function that gives it back.
   */
  onInterrupt(handler: () => void): () => void;
}

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
  run(input: CommandInput): Promise<void>;
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

/** The wire APIs `--api` picks from; chat-completions is the providers' default. */
export const WIRE_APIS = ['chat-completions', 'responses'] as const;

/** What `--api responses` sends with every call: both providers take the wire API per call. */
export const RESPONSES_PROVIDER_OPTIONS = { openai: { api: 'responses' }, azure: { api: 'responses' } };

/** A string option's value, or undefined. */
export function stringValue(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
