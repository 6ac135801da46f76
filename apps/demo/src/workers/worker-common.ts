import { fileURLToPath } from 'node:url';
import { createAzureProvider } from '@switchboard/azure';
import type { Provider } from '@switchboard/core';
import { createOpenAIProvider } from '@switchboard/openai';
import type { ProviderKind } from '../setup/connect.js';

/**
 * What a worker process needs to reach the service, given as JSON in argv[2]. Keys for a live service are never on
 * the command line: the worker reads them from the environment it inherits.
 */
export interface ServiceSettings {
  /** The Redis the workers share. */
  redisUrl: string;
  /** Which provider. */
  kind: ProviderKind;
  /** The demo's embedded mock server (OpenAI base URL), when offline. */
  mockUrl?: string;
  /** The same mock server's Azure endpoint. */
  mockAzureUrl?: string;
}

/** The provider a worker sends through: the parent's mock server, or the live service from the environment. */
export function workerProvider(settings: ServiceSettings): Provider {
  if (settings.mockUrl) {
    return settings.kind === 'azure'
      ? createAzureProvider({ endpoint: settings.mockAzureUrl ?? settings.mockUrl, apiKey: 'demo-mock-key' })
      : createOpenAIProvider({ apiKey: 'sk-demo-mock-key', baseURL: settings.mockUrl });
  }
  return settings.kind === 'azure' ? createAzureProvider.fromEnv() : createOpenAIProvider.fromEnv();
}

/** The settings of a worker process, from argv[2]. */
export function readSettings<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}

/**
 * Stops the worker when its parent goes away: the parent holds the write end of the worker's standard input, so its
 * end (the parent exited or was killed, even with SIGKILL) calls `stop`; the process is forced out if that takes
 * longer than `graceMs`. Returns a function to call once the worker is done on its own (it releases stdin so the
 * process can exit).
 */
export function stopWithParent(stop: () => void, graceMs = 10_000): () => void {
  const onEnd = () => {
    stop();
    setTimeout(() => process.exit(1), graceMs).unref();
  };
  process.stdin.once('end', onEnd);
  process.stdin.once('close', onEnd);
  process.stdin.resume();
  return () => {
    process.stdin.off('end', onEnd);
    process.stdin.off('close', onEnd);
    process.stdin.destroy();
  };
}

/** Path of a worker entry script, compiled (`dist/workers/<name>.js`), also when the caller runs from src/ in tests. */
export function workerScript(name: 'quota-worker' | 'batch-worker'): string {
  const path = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  // Under vitest the commands run from src/ as TypeScript; the workers always run compiled, from dist/.
  return import.meta.url.endsWith('.ts') ? path.replace(/([\\/])src([\\/]workers[\\/])/, '$1dist$2') : path;
}

/** One JSON line on stdout, to the parent. */
export function report(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}
