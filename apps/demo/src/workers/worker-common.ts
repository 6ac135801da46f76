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

/** Path of a worker entry script, compiled (`dist/workers/<name>.js`), also when the caller runs from src/ in tests. */
export function workerScript(name: 'quota-worker' | 'batch-worker'): string {
  const path = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  // Under vitest the commands run from src/ as TypeScript; the workers always run compiled, from dist/.
  return import.meta.url.endsWith('.ts') ? path.replace(/([\\/])src([\\/]workers[\\/])/, '$1dist$2') : path;
}
