import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { RealtimeClientEventError } from '../protocol/errors.js';
import { applySessionUpdate, createSession, type RealtimeSessionState } from '../protocol/session.js';
import type {
  RealtimeClientEventRecord,
  RealtimeConnectionInfo,
  RealtimeDropMode,
  RealtimeDropOptions,
  RealtimeErrorInit,
  RealtimeLatency,
  RealtimeMidResponseDropOptions,
  RealtimeOpenDropOptions,
  RealtimeOptions,
  RealtimeRefuseOptions,
  RealtimeSilenceOptions,
  RealtimeUpgradeRecord,
} from '../types.js';
import { type ConnectionInit, RealtimeConnection } from './connection.js';
import { type DropSpec, RealtimeFaults } from './faults.js';
import { loadWs } from './load-ws.js';
import { type RealtimeRateLimit, RealtimeRateLimits } from './rate-limits.js';
import {
  authenticate,
  isRejection,
  KEY_SUBPROTOCOL_PREFIX,
  notFound,
  type Rejection,
  refusal,
  resolveTarget,
  routeOf,
  writeRejection,
} from './upgrade.js';

/** Drives the realtime routes from tests: logs, faults, injected events, shutdown. */
export interface RealtimeController {
  /** Every logged connection, oldest first (open ones are always kept). */
  readonly connections: readonly RealtimeConnectionInfo[];
  /** Every realtime upgrade request, accepted or refused, oldest first. */
  readonly upgrades: readonly RealtimeUpgradeRecord[];
  /** The client events received, of one connection or of all in arrival order. */
  clientEvents(connectionId?: string): RealtimeClientEventRecord[];
  /**
   * Handles an HTTP `upgrade` (attachRealtime already listens, unless `listen: false`). Returns false, leaving
   * the socket alone, for a path this module does not serve.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Changes the response stream delays from now on. */
  setLatency(latency: Partial<RealtimeLatency>): void;
  /** Drops the next new connection(s), right after the upgrade or after `session.created`. */
  dropOnOpen(options?: RealtimeOpenDropOptions): void;
  /** Drops the connection in the middle of its next response(s). */
  dropMidResponse(options?: RealtimeMidResponseDropOptions): void;
  /** Drops the connection that delivers the `count`-th client event from now (that event is logged, unanswered). */
  dropAfterClientEvents(count: number, options?: RealtimeDropOptions): void;
  /** Drops open connections now (all, or `connectionId`); returns how many. */
  dropConnections(options?: Omit<RealtimeDropOptions, 'times'>): number;
  /** Refuses upgrades with an HTTP error (503 by default) for a count and/or a duration. */
  refuseConnections(options?: RealtimeRefuseOptions): void;
  /** Stops answering events and pings on open connections (and optionally on the next new ones). */
  goSilent(options?: RealtimeSilenceOptions): void;
  /** Sends an `error` server event (default `server_error`) to every open connection or to one. */
  sendError(error?: RealtimeErrorInit, connectionId?: string): void;
  /** Sends a `rate_limits.updated` event with the given numbers. */
  sendRateLimits(rateLimits: RealtimeRateLimit[], connectionId?: string): void;
  /** Sends any server event as it is (an `event_id` is added when missing), e.g. a type clients do not know. */
  sendEvent(event: Record<string, unknown>, connectionId?: string): void;
  /** Disarms every fault (connections that are already silent stay silent). */
  clearFaults(): void;
  /** Forgets closed connections, the client event log and the upgrade log. */
  clearLog(): void;
  /** Closes every open connection: a close code (default 1000) or `destroy`. */
  closeAll(mode?: RealtimeDropMode, reason?: string): void;
  /** Stops listening for upgrades, tears down every socket and resolves once all are closed. Idempotent. */
  close(): Promise<void>;
}

/** Options of attachRealtime beyond the route behaviour. */
export interface AttachRealtimeOptions extends RealtimeOptions {
  /** Listen to the server's `upgrade` event (default). Set false to call `controller.handleUpgrade` yourself. */
  listen?: boolean;
}

const DEFAULT_MAX_PAYLOAD = 16 * 1024 * 1024;

/**
 * Serves the Realtime API over WebSocket on `server`: `/v1/realtime?model=` (OpenAI), `/openai/v1/realtime?model=`
 * and `/openai/realtime?api-version=&deployment=` (Azure), with the real services' auth and GA events.
 */
export function attachRealtime(server: Server, options: AttachRealtimeOptions = {}): RealtimeController {
  const faults = new RealtimeFaults();
  const latency: RealtimeLatency = { firstDeltaMs: 0, betweenDeltasMs: 0, ...options.latency };
  const maxLoggedConnections = options.maxLoggedConnections ?? 1000;
  const live = new Map<string, RealtimeConnection>();
  const pending = new Set<Duplex>();
  const closeWaiters = new Set<() => void>();
  let log: RealtimeConnectionInfo[] = [];
  let upgrades: RealtimeUpgradeRecord[] = [];
  let counter = 0;
  let closed = false;
  const newSession = sessionFactory(options.sessionDefaults);
  const { WebSocketServer } = loadWs();
  const wss = new WebSocketServer({
    noServer: true,
    autoPong: false,
    perMessageDeflate: false,
    maxPayload: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD,
    handleProtocols: chooseSubprotocol,
  });
  const deps = {
    faults,
    rateLimits: new RealtimeRateLimits(options.rateLimits),
    latency: () => latency,
    seed: options.seed ?? 0,
    maxLoggedEvents: options.maxLoggedEvents ?? 10_000,
    onClose: (connection: RealtimeConnection) => {
      live.delete(connection.info.id);
      if (live.size === 0) for (const waiter of closeWaiters) waiter();
    },
  };

  const record = (entry: RealtimeUpgradeRecord) => {
    upgrades.push(entry);
    if (upgrades.length > maxLoggedConnections * 10) upgrades.shift();
    options.onUpgrade?.(entry);
  };

  const accept = (init: Omit<ConnectionInit, 'id' | 'session'>, url: string) => {
    const id = `conn_${++counter}`;
    const { target } = init;
    const session = options.clientSecrets?.sessionFor(init.credentialKey, target.model) ?? newSession(target.model);
    const connection = new RealtimeConnection({ ...init, id, session }, deps);
    live.set(id, connection);
    log.push(connection.info);
    if (log.length > maxLoggedConnections) {
      const index = log.findIndex((info) => !info.open);
      if (index >= 0) log.splice(index, 1);
    }
    record({ at: Date.now(), route: target.route, url, status: 101, connectionId: id });
    const drop = faults.takeOpenDrop();
    if (drop?.at === 'upgrade') {
      connection.drop(drop);
      return;
    }
    connection.start(faults.takeSilentStart());
    if (drop) connection.drop(drop);
  };

  const handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const route = routeOf(request.url);
    if (!route) {
      if (options.unhandledUpgrade !== 'not-found') return false;
      writeRejection(socket, notFound());
      return true;
    }
    const url = request.url ?? '/';
    const reject = (rejection: Rejection) => {
      record({ at: Date.now(), route, url, status: rejection.status });
      writeRejection(socket, rejection);
      return true;
    };
    const provider = route === 'openai' ? 'openai' : 'azure';
    if (closed) return reject(refusal(503, provider));
    const target = resolveTarget(request.url, route, options);
    if (isRejection(target)) return reject(target);
    const credential = authenticate(request, target, options);
    if (isRejection(credential)) return reject(credential);
    const refusedWith = faults.takeRefusal();
    if (refusedWith !== undefined) return reject(refusal(refusedWith, provider));
    pending.add(socket);
    socket.once('close', () => pending.delete(socket));
    wss.handleUpgrade(request, socket, head, (ws) => {
      pending.delete(socket);
      if (closed) ws.terminate();
      else accept({ ws, socket, target, credentialKey: credential.key }, url);
    });
    return true;
  };

  const listener = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    handleUpgrade(request, socket, head);
  };
  if (options.listen !== false) server.on('upgrade', listener);

  const targets = (connectionId?: string) =>
    [...live.values()].filter((connection) => connectionId === undefined || connection.info.id === connectionId);

  return {
    get connections() {
      return log;
    },
    get upgrades() {
      return upgrades;
    },
    clientEvents(connectionId) {
      const infos = log.filter((info) => connectionId === undefined || info.id === connectionId);
      return infos.flatMap((info) => info.clientEvents).sort((a, b) => a.receivedAt - b.receivedAt);
    },
    handleUpgrade,
    setLatency(next) {
      Object.assign(latency, next);
    },
    dropOnOpen(dropOptions = {}) {
      faults.armOpenDrop({ ...dropOptions, mode: checkDropMode(dropOptions.mode) });
    },
    dropMidResponse(dropOptions = {}) {
      faults.armResponseDrop({ ...dropOptions, mode: checkDropMode(dropOptions.mode) });
    },
    dropAfterClientEvents(count, dropOptions = {}) {
      faults.armEventDrop(count, { ...dropOptions, mode: checkDropMode(dropOptions.mode) });
    },
    dropConnections(dropOptions = {}) {
      const spec: DropSpec = { mode: checkDropMode(dropOptions.mode), reason: dropOptions.reason ?? '' };
      const chosen = targets(dropOptions.connectionId).filter((connection) => connection.info.open);
      for (const connection of chosen) connection.drop(spec);
      return chosen.length;
    },
    refuseConnections(refuseOptions = {}) {
      faults.armRefusal(refuseOptions);
    },
    goSilent(silenceOptions = {}) {
      for (const connection of targets(silenceOptions.connectionId)) connection.silence();
      faults.armSilentStarts(silenceOptions.newConnections ?? 0);
    },
    sendError(error = {}, connectionId) {
      const body = {
        type: error.type ?? 'server_error',
        code: error.code ?? null,
        message: error.message ?? 'The server had an error while processing your request.',
        param: error.param ?? null,
        event_id: error.event_id ?? null,
      };
      for (const connection of targets(connectionId)) connection.send({ type: 'error', error: body });
    },
    sendRateLimits(rateLimits, connectionId) {
      for (const connection of targets(connectionId))
        connection.send({ type: 'rate_limits.updated', rate_limits: rateLimits });
    },
    sendEvent(event, connectionId) {
      for (const connection of targets(connectionId)) connection.send(event);
    },
    clearFaults() {
      faults.clear();
    },
    clearLog() {
      log = log.filter((info) => info.open);
      for (const info of log) (info.clientEvents as RealtimeClientEventRecord[]).length = 0;
      upgrades = [];
    },
    closeAll(mode = 1000, reason = '') {
      const spec: DropSpec = { mode: checkDropMode(mode), reason };
      for (const connection of live.values()) connection.drop(spec);
    },
    async close() {
      closed = true;
      server.off('upgrade', listener);
      faults.clear();
      for (const socket of pending) socket.destroy();
      pending.clear();
      const allClosed = new Promise<void>((resolve) => {
        if (live.size === 0) return resolve();
        closeWaiters.add(resolve);
      });
      for (const connection of live.values()) connection.drop({ mode: 'destroy', reason: '' });
      await allClosed;
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Browsers offer `realtime` plus the key subprotocol; the server must pick one of the offered protocols. */
function chooseSubprotocol(protocols: Set<string>): string | false {
  if (protocols.has('realtime')) return 'realtime';
  const offered = [...protocols];
  return offered.find((protocol) => !protocol.startsWith(KEY_SUBPROTOCOL_PREFIX)) ?? offered[0] ?? false;
}

/**
 * Rejects close codes a server may not send. 1006 means "no close frame" (a torn-down socket); 1005 is a close
 * frame without a code, which clients also report as 1005.
 */
function checkDropMode(mode: RealtimeDropMode | undefined): RealtimeDropMode {
  if (mode === undefined || mode === 'destroy' || mode === 1006) return 'destroy';
  if (mode === 1005) return mode;
  const valid = (mode >= 1000 && mode <= 1014 && mode !== 1004) || (mode >= 3000 && mode <= 4999);
  if (!Number.isInteger(mode) || !valid) throw new RangeError(`Invalid WebSocket close code: ${mode}`);
  return mode;
}

function sessionFactory(defaults: Record<string, unknown> | undefined): (model: string) => RealtimeSessionState {
  if (!defaults) return createSession;
  const build = (model: string) => applySessionUpdate(createSession(model), { type: 'realtime', ...defaults });
  try {
    build('probe');
  } catch (error) {
    const detail = error instanceof RealtimeClientEventError ? error.message : String(error);
    throw new TypeError(`Invalid realtime sessionDefaults: ${detail}`);
  }
  return build;
}
