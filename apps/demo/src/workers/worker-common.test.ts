import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workerProvider, workerScript } from './worker-common.js';

describe('worker-common', () => {
  it('points a worker at the mock server with either provider', () => {
    const mock = {
      redisUrl: 'redis://127.0.0.1:1',
      mockUrl: 'http://127.0.0.1:9/v1',
      mockAzureUrl: 'http://127.0.0.1:9',
    };
    expect(workerProvider({ ...mock, kind: 'openai' }).name).toBe('openai');
    expect(workerProvider({ ...mock, kind: 'azure' }).name).toBe('azure');
    const { mockAzureUrl: _, ...openaiOnly } = mock;
    expect(workerProvider({ ...openaiOnly, kind: 'azure' }).name).toBe('azure');
  });

  it('finds the compiled entry scripts in dist/, also from the TypeScript sources', () => {
    for (const name of ['quota-worker', 'batch-worker'] as const) {
      const script = workerScript(name);
      expect(script).toMatch(new RegExp(`[\\\\/]dist[\\\\/]workers[\\\\/]${name}\\.js$`));
      expect(existsSync(script)).toBe(true);
    }
  });
});
