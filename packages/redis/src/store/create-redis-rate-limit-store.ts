import { ConfigError, type Logger, NetworkError } from '@switchboard/core';
import {
  createMemoryRateLimitStore,
  type KeyConfig,
  type KeySnapshot,
  type RateLimitStore,
} from '@switchboard/resilience';
import { Redis, type RedisOptions } from 'ioredis';
import { RATE_LIMIT_SCRIPT } from '../lua/rate-limit-script.js';
import {
  optionProblems,
  type RedisRateLimitStoreOptions,
  type StoreAvailabilityEvent,
  type UnavailablePolicy,
} from './redis-store-options.js';

/** A rate-limit store on Redis. */
export interface RedisRateLimitStore extends RateLimitStore {
  /** Whether the last operation reached Redis. */
  readonly available: boolean;
  /** Closes the connection when the store opened it (a client passed in is left open). */
  close(): Promise<void>;
}

type Operation = keyof RateLimitStore;

const DEFAULT_PREFIX = 'switchboard:ratelimit:';
const DEFAULT_TTL_MS = 10 * 60_000;
const DEFAULT_TIMEOUT_MS = 1_000;

/**
 * A `RateLimitStore` that keeps every key's buckets in Redis, so any number of processes on any number of machines
 * share one request bucket and one token bucket per key. Each operation is one atomic Lua script with Redis's own
 * clock; see `RATE_LIMIT_SCRIPT`. While Redis cannot be reached the `onUnavailable` policy decides, and the logger and
 * `hooks.onStoreAvailability` hear of the loss and of the recovery.
 */
export function createRedisRateLimitStore(options: RedisRateLimitStoreOptions): RedisRateLimitStore {
  const problems =
    typeof options === 'object' && options !== null
      ? optionProblems(options as unknown as Record<string, unknown>)
      : [{ path: '(root)', message: 'must be an options object' }];
  if (problems.length > 0) throw new ConfigError({ issues: problems });

  const owned = !(options.redis instanceof Redis);
  const client = owned ? openClient(options.redis as string | RedisOptions) : (options.redis as Redis);
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const ttl = String(options.ttlMs ?? DEFAULT_TTL_MS);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy: UnavailablePolicy = options.onUnavailable ?? 'local';
  const workers = options.expectedWorkers ?? 1;
  const logger = options.logger;
  const local = createMemoryRateLimitStore();
  let sha: string | undefined;
  let available = true;

  const report = (event: StoreAvailabilityEvent) => {
    const message =
      event.state === 'unavailable'
        ? `Redis rate-limit store unavailable (${event.error?.message ?? 'unknown error'}); policy ${policy}${
            policy === 'local' ? ` at 1/${workers} of each limit per process` : ''
          }`
        : 'Redis rate-limit store reachable again; limits are shared again';
    safely(logger, () => (event.state === 'unavailable' ? logger?.warn(message) : logger?.info(message)));
    safely(logger, () => options.hooks?.onStoreAvailability?.(event));
  };

  const evaluate = async (operation: Operation, key: string, args: unknown): Promise<unknown> => {
    const argv = [operation, JSON.stringify(args), ttl, options.now ? String(options.now()) : ''];
    if (!sha) sha = (await client.script('LOAD', RATE_LIMIT_SCRIPT)) as string;
    try {
      return await client.evalsha(sha, 1, prefix + key, ...argv);
    } catch (error) {
      // Redis restarted (or SCRIPT FLUSH): the cache is empty; load the script again once.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      sha = (await client.script('LOAD', RATE_LIMIT_SCRIPT)) as string;
      return await client.evalsha(sha, 1, prefix + key, ...argv);
    }
  };

  const run = async <R>(operation: Operation, key: string, args: unknown, fallback: () => Promise<R>): Promise<R> => {
    if (client.status !== 'reconnecting' && client.status !== 'end' && client.status !== 'close') {
      try {
        const raw = await withTimeout(
          whenReady(client).then(() => evaluate(operation, key, args)),
          timeoutMs,
        );
        if (!available) {
          available = true;
          report({ state: 'recovered', policy });
        }
        return JSON.parse(String(raw)) as R;
      } catch (error) {
        if (isScriptBug(error)) throw error;
        return unavailable(error, fallback);
      }
    }
    return unavailable(new Error(`connection ${client.status}`), fallback);
  };

  const unavailable = <R>(error: unknown, fallback: () => Promise<R>): Promise<R> => {
    if (available) {
      available = false;
      report({ state: 'unavailable', policy, error: error instanceof Error ? error : new Error(String(error)) });
    }
    if (policy === 'fail-closed') {
      return Promise.reject(
        new NetworkError({
          message: 'The Redis rate-limit store is unavailable and onUnavailable is fail-closed.',
          retryable: true,
          cause: error,
        }),
      );
    }
    return fallback();
  };

  const share = (config: KeyConfig): KeyConfig => {
    const { requestsPerMinute, tokensPerMinute } = config.limits;
    return {
      ...config,
      limits: {
        ...(requestsPerMinute !== undefined ? { requestsPerMinute: requestsPerMinute / workers } : {}),
        ...(tokensPerMinute !== undefined ? { tokensPerMinute: tokensPerMinute / workers } : {}),
      },
    };
  };
  const openSnapshot = (config: KeyConfig): KeySnapshot => ({
    requests: undefined,
    tokens: undefined,
    pausedForMs: 0,
    limits: config.limits,
    burstScale: 1,
    wait: { waitMs: 0, reason: 'requests' },
  });
  const open = policy === 'fail-open';

  return {
    get available() {
      return available;
    },
    reserve: (key, args) =>
      run('reserve', key, args, () =>
        open
          ? Promise.resolve({ ok: true as const, at: Date.now(), chargedBefore: { requests: 0, tokens: 0 } })
          : local.reserve(key, { ...args, config: share(args.config) }),
      ),
    adjust: (key, args) =>
      run('adjust', key, args, () =>
        open ? Promise.resolve(undefined) : local.adjust(key, { ...args, config: share(args.config) }),
      ).then(() => undefined),
    pause: (key, args) =>
      run('pause', key, args, () => (open ? Promise.resolve(undefined) : local.pause(key, args))).then(() => undefined),
    observe: (key, args) =>
      run('observe', key, args, () =>
        open ? Promise.resolve(undefined) : local.observe(key, { ...args, config: share(args.config) }),
      ).then(() => undefined),
    snapshot: (key, args) =>
      run('snapshot', key, args, () =>
        open
          ? Promise.resolve(openSnapshot(args.config))
          : local.snapshot(key, { ...args, config: share(args.config) }),
      ).then((snapshot) => normaliseSnapshot(snapshot as KeySnapshot)),
    async close() {
      if (owned) await client.quit().catch(() => client.disconnect());
    },
  };
}

/** A client the store owns: fails fast while disconnected (no offline queue) and keeps reconnecting. */
function openClient(connection: string | RedisOptions): Redis {
  const settings: RedisOptions = { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false };
  const client =
    typeof connection === 'string' ? new Redis(connection, settings) : new Redis({ ...connection, ...settings });
  // Connection errors surface through the operations (and the policy); without a listener ioredis would print them.
  client.on('error', () => {});
  return client;
}

/** Resolves once the client can take commands (at once when it can already); a first connection is waited for. */
function whenReady(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  if (client.status === 'wait') void client.connect().catch(() => {});
  return new Promise((resolve, reject) => {
    const onReady = () => {
      client.off('end', onEnd);
      resolve();
    };
    const onEnd = () => {
      client.off('ready', onReady);
      reject(new Error('the connection closed'));
    };
    client.once('ready', onReady);
    client.once('end', onEnd);
  });
}

/** Redis answered, but the script itself failed: a bug to surface, not an outage to paper over. */
function isScriptBug(error: unknown): boolean {
  return error instanceof Error && /^(ERR|WRONGTYPE)\b.*(script|lua|user_script)/i.test(error.message);
}

/** Lua returns no entry for a nil field; the contract spells an unlimited dimension as `undefined`. */
function normaliseSnapshot(snapshot: KeySnapshot): KeySnapshot {
  return {
    ...snapshot,
    requests: snapshot.requests ?? undefined,
    tokens: snapshot.tokens ?? undefined,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function safely(logger: Logger | undefined, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    logger?.warn(`A Redis store hook threw: ${error instanceof Error ? error.message : String(error)}`);
  }
}
