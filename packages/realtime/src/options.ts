import { type Logger, lazySchema, parseConfig, silentLogger, type Zod } from '@switchboard/core';
import type { ClientSecretSource } from './auth/client-secret-endpoint.js';
import type { RealtimeSessionConfig } from './events/session-config.js';
import type { HeartbeatOptions } from './heartbeat.js';
import type { RealtimeTool } from './helpers/realtime-tool.js';
import type { BackoffOptions } from './reconnect/backoff.js';
import type { TransportChoice } from './transport/select-transport.js';

/** Reconnection settings. */
export interface ReconnectOptions extends Partial<BackoffOptions> {
  /** Attempts per outage before the session gives up and closes; default 8. */
  maxAttempts?: number;
  /** A connection that stayed open this long resets the attempt count; default 2000 ms. */
  stableAfterMs?: number;
}

/** Options of `connectRealtime`. */
export interface ConnectRealtimeOptions {
  /** The logical model (the provider maps it to a model id or an Azure deployment). */
  model: string;
  /** The initial `session.update` (sent first on every connection, merged with later updates). */
  session?: RealtimeSessionConfig;
  /** Tools the model may call: declared in the session and answered automatically (see README). */
  tools?: Record<string, RealtimeTool>;
  /** Closes the session when aborted (and cancels `connectRealtime` while it waits). */
  signal?: AbortSignal;
  /** Time allowed for one connection attempt's handshake; default 10,000 ms. */
  connectTimeoutMs?: number;
  /** Reconnection settings, or `false` to close on the first drop. */
  reconnect?: ReconnectOptions | false;
  /** Dead-connection detection, or `false` to turn it off; default every 15,000 ms with a 10,000 ms timeout. */
  heartbeat?: Partial<HeartbeatOptions> | false;
  /** Bound of the queue of events sent while disconnected, in bytes; default 1 MiB. */
  maxQueueBytes?: number;
  /**
   * `ws` (default on Node), `websocket` (the platform's global WebSocket: default on Bun, Deno, workers and browsers)
   * or a custom factory.
   */
  transport?: TransportChoice;
  /**
   * A short-lived client secret minted on your server (`provider.realtime.createClientSecret`), or a function that
   * fetches one (called before every connection attempt). The socket authenticates with it instead of the provider's
   * key: what a browser must do.
   */
  clientSecret?: ClientSecretSource;
  /** Allows the provider's long-lived key in a browser (visible to anyone using the page); default false. */
  dangerouslyAllowBrowser?: boolean;
  /**
   * Time allowed for a reply's response to start (`response.created`) after its `response.create` went out; default
   * 15,000 ms. A reply the server refuses with an `error` event fails at once.
   */
  responseStartTimeoutMs?: number;
  /** Receives errors thrown by `on()` listeners; default: rethrown asynchronously, like EventTarget does. */
  onListenerError?: (error: unknown) => void;
  /** Where to log connection changes; silent by default. */
  logger?: Logger;
}

/** The options after defaults. */
export interface ResolvedOptions {
  model: string;
  session: RealtimeSessionConfig | undefined;
  tools: Record<string, RealtimeTool>;
  signal: AbortSignal | undefined;
  connectTimeoutMs: number;
  reconnect: (BackoffOptions & { maxAttempts: number; stableAfterMs: number }) | undefined;
  heartbeat: HeartbeatOptions | undefined;
  maxQueueBytes: number;
  transport: TransportChoice | undefined;
  clientSecret: ClientSecretSource | undefined;
  dangerouslyAllowBrowser: boolean;
  responseStartTimeoutMs: number;
  onListenerError: (error: unknown) => void;
  logger: Logger;
}

const positive = (z: Zod) => z.number().positive().finite();
const nonNegative = (z: Zod) => z.number().nonnegative().finite();
const isFunction = (value: unknown) => typeof value === 'function';

const toolSchema = (z: Zod) =>
  z.looseObject({
    description: z.string().optional(),
    parameters: z
      .custom<object>((value) => typeof value === 'object' && value !== null, 'must be a JSON schema or a zod schema')
      .optional(),
    execute: z.custom<RealtimeTool['execute']>(isFunction, 'must be a function'),
  });

const optionsSchema = lazySchema((z) =>
  z.strictObject({
    model: z.string().min(1),
    session: z.record(z.string(), z.unknown()).optional(),
    tools: z
      .record(z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'tool names are 1-64 letters, digits, _ or -'), toolSchema(z))
      .optional(),
    signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, 'must be an AbortSignal').optional(),
    connectTimeoutMs: positive(z).optional(),
    reconnect: z
      .union([
        z.literal(false),
        z.strictObject({
          maxAttempts: z.number().int().min(1).optional(),
          initialDelayMs: nonNegative(z).optional(),
          maxDelayMs: nonNegative(z).optional(),
          factor: z.number().min(1).finite().optional(),
          stableAfterMs: nonNegative(z).optional(),
        }),
      ])
      .optional(),
    heartbeat: z
      .union([
        z.literal(false),
        z.strictObject({ intervalMs: positive(z).optional(), timeoutMs: positive(z).optional() }),
      ])
      .optional(),
    maxQueueBytes: z.number().int().positive().optional(),
    transport: z
      .union([z.literal('ws'), z.literal('websocket'), z.custom<TransportChoice>(isFunction, 'must be a function')])
      .optional(),
    clientSecret: z
      .union([
        z.string().min(1),
        z.looseObject({ value: z.string().min(1), url: z.string().min(1) }),
        z.custom<ClientSecretSource>(isFunction, 'must be a function'),
      ])
      .optional(),
    dangerouslyAllowBrowser: z.boolean().optional(),
    responseStartTimeoutMs: positive(z).optional(),
    onListenerError: z.custom<(error: unknown) => void>(isFunction, 'must be a function').optional(),
    logger: z.custom<Logger>((value) => typeof value === 'object' && value !== null, 'must be a logger').optional(),
  }),
);

/** Default reconnection settings. */
export const DEFAULT_RECONNECT = {
  maxAttempts: 8,
  initialDelayMs: 100,
  maxDelayMs: 5000,
  factor: 2,
  stableAfterMs: 2000,
};
/** Default heartbeat settings. */
export const DEFAULT_HEARTBEAT: HeartbeatOptions = { intervalMs: 15_000, timeoutMs: 10_000 };
/** Default time allowed for a reply's response to start. */
export const DEFAULT_RESPONSE_START_TIMEOUT_MS = 15_000;
/** Default bound of the send queue. */
export const DEFAULT_MAX_QUEUE_BYTES = 1024 * 1024;

/** Validates the options (a ConfigError names every problem) and fills in the defaults. */
export function resolveOptions(options: ConnectRealtimeOptions): ResolvedOptions {
  const parsed = parseConfig(optionsSchema, options, { prefix: 'connectRealtime' });
  return {
    model: parsed.model,
    session: options.session,
    tools: options.tools ?? {},
    signal: parsed.signal,
    connectTimeoutMs: parsed.connectTimeoutMs ?? 10_000,
    reconnect: parsed.reconnect === false ? undefined : { ...DEFAULT_RECONNECT, ...parsed.reconnect },
    heartbeat: parsed.heartbeat === false ? undefined : { ...DEFAULT_HEARTBEAT, ...parsed.heartbeat },
    maxQueueBytes: parsed.maxQueueBytes ?? DEFAULT_MAX_QUEUE_BYTES,
    transport: options.transport,
    clientSecret: options.clientSecret,
    dangerouslyAllowBrowser: parsed.dangerouslyAllowBrowser ?? false,
    responseStartTimeoutMs: parsed.responseStartTimeoutMs ?? DEFAULT_RESPONSE_START_TIMEOUT_MS,
    onListenerError: options.onListenerError ?? rethrowAsync,
    logger: options.logger ?? silentLogger,
  };
}

function rethrowAsync(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
