import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors/error-classes.js';
import { resolveApiKey } from './api-key.js';
import { parseConfig } from './parse-config.js';
import { processEnv, readEnvOptions } from './read-env-options.js';
import { batchOptionsSchema, rateLimitOptionsSchema, retryOptionsSchema } from './schemas.js';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

it('resolves a key from a string, a function or an async function', async () => {
  expect(await resolveApiKey('k')).toBe('k');
  expect(await resolveApiKey(() => 'k2')).toBe('k2');
  expect(await resolveApiKey(async () => 'k3')).toBe('k3');
});

describe('parseConfig', () => {
  const schema = z.strictObject({
    name: z.string(),
    secret: z.string().optional(),
    nested: z.strictObject({ timeoutMs: z.number() }).optional(),
    first: z.string().optional(),
    second: z.string().optional(),
  });
  const crossCheck = (input: Record<string, unknown>) =>
    input.first !== undefined && input.second !== undefined
      ? [{ path: ['second'], message: 'give first or second, not both' }]
      : [];

  it('returns the parsed value', () => {
    expect(parseConfig(schema, { name: 'a' }, { crossCheck })).toEqual({ name: 'a' });
  });

  it('names unknown keys with a did-you-mean hint, nested ones too', () => {
    const error = configError(() =>
      parseConfig(schema, { name: 'a', nmae: 'b', nested: { timeoutMS: 1 }, temperature: 1 }, { prefix: 'p' }),
    );
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'p.nmae', message: 'is not a known option (did you mean name?)' },
        { path: 'p.nested.timeoutMS', message: 'is not a known option (did you mean timeoutMs?)' },
        { path: 'p.temperature', message: 'is not a known option (known: name, secret, nested, first, second)' },
      ]),
    );
  });

  it('reports cross-field problems together with field problems, never echoing values', () => {
    const secret = 'canary-secret-value-0000';
    const error = configError(() =>
      parseConfig(schema, { name: 5, secret: 7, first: 'x', second: secret }, { prefix: 'p', crossCheck }),
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['p.name', 'p.second', 'p.secret']);
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain(secret);
  });

  it('names the environment variable of a problem', () => {
    const error = configError(() =>
      parseConfig(schema, {}, { prefix: 'p', sources: { 'p.name': 'P_NAME' }, crossCheck }),
    );
    expect(error.issues).toEqual([{ path: 'p.name', message: 'is required', variable: 'P_NAME' }]);
    expect(error.message).toContain('(from P_NAME)');
  });

  it('names the root when the input is not an object', () => {
    expect(configError(() => parseConfig(schema, 'nope', { crossCheck })).issues[0]?.path).toBe('(root)');
  });
});

describe('readEnvOptions', () => {
  const variables = { apiKey: 'X_API_KEY', baseURL: 'X_BASE_URL' };

  it('reads the declared variables, leaving blank ones out, and names every source', () => {
    expect(readEnvOptions(variables, { X_API_KEY: ' k ', X_BASE_URL: '  ', OTHER: 'o' }, 'x')).toEqual({
      values: { apiKey: 'k' },
      sources: { 'x.apiKey': 'X_API_KEY', 'x.baseURL': 'X_BASE_URL' },
    });
    expect(readEnvOptions(variables, {}).sources).toEqual({ apiKey: 'X_API_KEY', baseURL: 'X_BASE_URL' });
  });

  it('reads process.env where there is one, and nothing elsewhere', () => {
    expect(processEnv()).toBe(process.env);
    const saved = globalThis.process;
    try {
      Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true });
      expect(processEnv()).toEqual({});
    } finally {
      Object.defineProperty(globalThis, 'process', { value: saved, configurable: true });
    }
  });
});

describe('retry, rate-limit and batch settings', () => {
  it('fills defaults', () => {
    expect(parseConfig(retryOptionsSchema, {})).toMatchObject({ maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 60_000 });
    expect(parseConfig(rateLimitOptionsSchema, { requestsPerMinute: 500 })).toMatchObject({
      smoothing: 'none',
      maxWaitMs: 120_000,
    });
    expect(parseConfig(batchOptionsSchema, {})).toMatchObject({ concurrency: 16, order: 'completion' });
    expect(parseConfig(batchOptionsSchema, {})).toMatchObject({
      checkpointDurability: 'fsync',
      replayCheckpoint: true,
      rerunFailed: 'retryable',
      mode: 'local',
      maxRequestsPerJob: 50_000,
      maxBytesPerJob: 200_000_000,
    });
  });

  it('names bad values', () => {
    const error = configError(() =>
      parseConfig(retryOptionsSchema, { maxAttempts: 0, baseDelayMs: 'x' }, { prefix: 'retry' }),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual(['retry.baseDelayMs', 'retry.maxAttempts']);
    expect(() => parseConfig(rateLimitOptionsSchema, { smoothing: 'burst' })).toThrow(ConfigError);
    expect(() => parseConfig(batchOptionsSchema, { concurrency: 0 })).toThrow(ConfigError);
    expect(() => parseConfig(batchOptionsSchema, { maxRequestsPerJob: 50_001 })).toThrow(ConfigError);
    expect(() => parseConfig(batchOptionsSchema, { mode: 'fast' })).toThrow(ConfigError);
  });
});
