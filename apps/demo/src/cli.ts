#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DemoError, describeFailure } from './cli/demo-error.js';
import { Output } from './cli/output.js';
import { parseCommandLine } from './cli/parse-command-line.js';
import { COMMANDS, DEFAULT_COMMAND } from './commands/index.js';

/** Runs the demo CLI with `argv` (without node and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  const isCommand = first !== undefined && !first.startsWith('-');
  const name = isCommand ? first : DEFAULT_COMMAND;
  const args = isCommand ? rest : argv;
  if (!isCommand && (args.includes('--help') || args.includes('-h'))) {
    printOverview();
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  const output = new Output({ json: args.includes('--json') });
  if (!command) {
    output.status(`Unknown command "${name}". Run switchboard-demo --help to see the commands.`);
    return 2;
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const { values, positionals } = parseCommandLine(command.name, args, command.options);
    if (values.help) {
      process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
      return 0;
    }
    await command.run({ values, positionals, output, signal: controller.signal });
    output.flush();
    return 0;
  } catch (error) {
    output.status(`${output.style('red', 'Error:')} ${describeFailure(error)}`);
    if (args.includes('--verbose') && error instanceof Error) output.status(error.stack ?? String(error));
    return error instanceof DemoError ? 2 : 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function printOverview(): void {
  const lines = [
    'switchboard-demo: every Switchboard package wired together.',
    'Without OPENAI_API_KEY or AZURE_OPENAI_* it runs offline against a built-in mock server.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}${c.name === DEFAULT_COMMAND ? ' (default)' : ''}`),
    '',
    'Options for every command: --provider openai|azure, --model <name>, --json, --verbose, --help',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
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
