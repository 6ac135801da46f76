import { type ParseArgsConfig, parseArgs } from 'node:util';
import { DemoError } from './demo-error.js';

/** The options every subcommand takes. */
export const GLOBAL_OPTIONS = {
  provider: { type: 'string' },
  model: { type: 'string' },
  json: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Parses a subcommand's arguments; unknown options become a one-line error naming the command's help. */
export function parseCommandLine(
  command: string,
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] } {
  try {
    return parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new DemoError(firstSentence((error as Error).message), `See: switchboard-demo ${command} --help`);
  }
}

/** parseArgs explains at length (and over several lines); the first sentence says what is wrong. */
function firstSentence(message: string): string {
  const line = message.split('\n')[0] ?? '';
  const end = line.search(/\.\s/);
  return end > 0 ? line.slice(0, end + 1) : line || 'Bad arguments.';
}
