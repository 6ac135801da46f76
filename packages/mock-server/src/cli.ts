#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCliArgs, USAGE } from './cli-args.js';
import { type MockServer, startMockServer } from './server/server.js';

/** Where the CLI writes (injectable for tests). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Runs `switchboard-mock`: starts the server and keeps it up until `signal` aborts. Resolves with the exit code.
 */
export async function runCli(argv: string[], signal: AbortSignal, io: CliIo): Promise<number> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    io.err(`switchboard-mock: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (command.help) {
    io.out(USAGE);
    return 0;
  }
  let server: MockServer;
  try {
    server = await startMockServer(command.options);
  } catch (error) {
    io.err(`switchboard-mock: could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.out(`switchboard-mock listening (mode ${command.options.mode})`);
  io.out(`  OpenAI:  baseURL ${server.url}`);
  io.out(`  Azure:   endpoint ${server.azureUrl}  (v1 GA: ${server.azureUrl}/openai/v1)`);
  io.out(`  control: ${server.origin}/__mock/requests`);
  if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  await server.close();
  io.out('switchboard-mock stopped');
  return 0;
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const io: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };
  runCli(process.argv.slice(2), controller.signal, io).then((code) => {
    process.exitCode = code;
  });
}
