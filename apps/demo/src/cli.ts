#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isSwitchboardError } from '@switchboard/core';
import { DemoError, describeFailure } from './cli/demo-error.js';
import { type DemoIO, processIO } from './cli/demo-io.js';
import { Output } from './cli/output.js';
import { parseCommandLine } from './cli/parse-command-line.js';
import { COMMANDS, DEFAULT_COMMAND } from './commands/index.js';
import { startTracing } from './setup/tracing.js';

/** The exit code after Ctrl-C, as shells report it (128 + SIGINT). */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * Runs the demo CLI with `argv` (without node and the script) and returns the exit code: 0, 1 for a failure, 2 for
 * bad input or usage, 130 after Ctrl-C. Errors are one line (with a stack only under `--verbose`).
 */
export async function main(argv: string[], io: DemoIO = processIO()): Promise<number> {
  const trace = argv.includes('--trace');
  const [first, ...rest] = argv.filter((arg) => arg !== '--trace');
  const isCommand = first !== undefined && !first.startsWith('-');
  const name = isCommand ? first : DEFAULT_COMMAND;
  const args = isCommand ? rest : [first, ...rest].filter((arg) => arg !== undefined);
  if (!isCommand && (args.includes('--help') || args.includes('-h'))) {
    io.stdout.write(overview());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  const output = new Output({ json: args.includes('--json') }, io.stdout, io.stderr, io.env);
  if (!command) {
    output.status(
      `${output.style('red', 'Error:')} Unknown command "${name}". Run switchboard-demo --help to see the commands.`,
    );
    return 2;
  }
  const tracing = trace ? startTracing() : undefined;
  const controller = new AbortController();
  let takenOver: (() => void) | undefined;
  const stopListening = io.onInterrupt(() => {
    if (takenOver) takenOver();
    else if (controller.signal.aborted) {
      output.status('Interrupted again: leaving now.');
      io.forceExit(INTERRUPTED_EXIT_CODE);
    } else controller.abort();
  });
  const onInterrupt = (handler: () => void) => {
    takenOver = handler;
    return () => {
      if (takenOver === handler) takenOver = undefined;
    };
  };
  try {
    const { values, positionals } = parseCommandLine(command.name, args, command.options);
    if (values.help) {
      io.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
      return 0;
    }
    await command.run({ values, positionals, output, signal: controller.signal, io, onInterrupt });
    output.flush();
    return controller.signal.aborted ? INTERRUPTED_EXIT_CODE : 0;
  } catch (error) {
    if (controller.signal.aborted && isAbort(error)) {
      output.status('Interrupted.');
      return INTERRUPTED_EXIT_CODE;
    }
    output.status(`${output.style('red', 'Error:')} ${describeFailure(error)}`);
    if (args.includes('--verbose') && error instanceof Error) output.status(error.stack ?? String(error));
    return error instanceof DemoError ? 2 : 1;
  } finally {
    stopListening();
    if (tracing) {
      io.stderr.write(`\nTrace (--trace): every call as OpenTelemetry spans\n${tracing.render().join('\n')}\n`);
      await tracing.stop();
    }
  }
}

function isAbort(error: unknown): boolean {
  return (
    (isSwitchboardError(error) && error.code === 'aborted') || (error instanceof Error && error.name === 'AbortError')
  );
}

function overview(): string {
  const lines = [
    'switchboard-demo: every Switchboard package wired together.',
    'Without OPENAI_API_KEY or AZURE_OPENAI_* it runs offline against a built-in mock server.',
    'workers and batch --workers N need Redis: REDIS_URL, or else a redis-server of their own on a free loopback port.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}${c.name === DEFAULT_COMMAND ? ' (default)' : ''}`),
    '',
    'Options for every command: --provider openai|azure, --model <name>, --json, --verbose, --trace, --help',
    'Run switchboard-demo <command> --help for a command’s own options.',
  ];
  return `${lines.join('\n')}\n`;
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  process.exitCode = await main(process.argv.slice(2));
}
