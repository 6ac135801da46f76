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
export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new DemoError((error as Error).message.split('\n')[0] ?? 'Bad arguments.', `See: switchboard-demo ${command} --help`);
  }
}
