import { type Logger, unknownOptionIssues } from '@switchboard/core';
import type { Redis, RedisOptions } from 'ioredis';

/** What a Redis store does while Redis cannot be reached. */
export type UnavailablePolicy = 'local' | 'fail-open' | 'fail-closed';

/** Told when the store loses or regains Redis. */
export interface StoreAvailabilityEvent {
  /** `unavailable` when an operation failed to reach Redis, `recovered` when one reached it again. */
  state: 'unavailable' | 'recovered';
  /** The policy in force while Redis is away. */
  policy: UnavailablePolicy;
  /** The Redis error (its message never carries the password of a connection URL). */
  error?: Error;
}

/** Hooks of the Redis store. */
export interface RedisStoreHooks {
  /** Redis became unreachable, or reachable again. */
  onStoreAvailability?(event: StoreAvailabilityEvent): void;
}

/** Options of `createRedisRateLimitStore`. */
export interface RedisRateLimitStoreOptions {
  /**
   * The connection: an ioredis client (shared with the application; the store never closes it), ioredis connection
   * options, or a `redis://` URL (the store then owns and closes the client).
   */
  redis: Redis | RedisOptions | string;
  /** Prefix of every key the store writes. Default `switchboard:ratelimit:`. */
  prefix?: string;
  /** How long an untouched key's state lives, in ms. Default 10 minutes (far beyond any bucket's refill). */
  ttlMs?: number;
  /** An operation slower than this counts as Redis being unavailable, in ms. Default 1,000. */
  timeoutMs?: number;
  /**
   * While Redis is away: `local` (default) limits each process on its own at the limits divided by
   * `expectedWorkers`; `fail-open` lets every call through; `fail-closed` fails every call with a `NetworkError`.
   */
  onUnavailable?: UnavailablePolicy;
  /** How many processes share the limits, for the `local` policy's share. Default 1. */
  expectedWorkers?: number;
  /** Warnings when Redis is lost and regained. Silent by default. */
  logger?: Logger;
  /** Told when Redis is lost and regained. */
  hooks?: RedisStoreHooks;
  /** Testing only: the store's clock instead of Redis's `TIME` (e.g. to compare with the memory store). */
  now?: () => number;
}

const KNOWN = [
  'redis',
  'prefix',
  'ttlMs',
  'timeoutMs',
  'onUnavailable',
  'expectedWorkers',
  'logger',
  'hooks',
  'now',
] as const;

/** The problems of an options object, every one of them (an empty list when it is fine). */
export function optionProblems(options: Record<string, unknown>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = unknownOptionIssues(options, KNOWN);
  const { redis, prefix, ttlMs, timeoutMs, onUnavailable, expectedWorkers, now } = options;
  if (redis === undefined) problems.push({ path: 'redis', message: 'is required (a client, options or a URL)' });
  else if (typeof redis !== 'string' && (typeof redis !== 'object' || redis === null)) {
    problems.push({ path: 'redis', message: 'must be an ioredis client, connection options or a redis:// URL' });
  } else if (typeof redis === 'string' && !/^rediss?:\/\//.test(redis)) {
    problems.push({ path: 'redis', message: 'must be a redis:// or rediss:// URL' });
  }
  if (prefix !== undefined && typeof prefix !== 'string')
    problems.push({ path: 'prefix', message: 'must be a string' });
  for (const [path, value] of [
    ['ttlMs', ttlMs],
    ['timeoutMs', timeoutMs],
    ['expectedWorkers', expectedWorkers],
  ] as const) {
    if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
      problems.push({ path, message: 'must be a positive whole number' });
    }
  }
  if (onUnavailable !== undefined && !['local', 'fail-open', 'fail-closed'].includes(String(onUnavailable))) {
    problems.push({ path: 'onUnavailable', message: "must be 'local', 'fail-open' or 'fail-closed'" });
  }
  if (now !== undefined && typeof now !== 'function') problems.push({ path: 'now', message: 'must be a function' });
  return problems;
}
