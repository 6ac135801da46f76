import type { FaultSpec, InstalledFault } from '../faults/fault-spec.js';
import type { LatencyOptions, RateLimitOptions } from '../options.js';
import type { RealtimeController } from '../realtime/index.js';
import type { RecordedRequest } from './request-log.js';
import type { MockState } from './state.js';

/** Filters for `control.requests()`. */
export interface RequestFilter {
  route?: string;
  method?: string;
  surface?: 'openai' | 'azure' | 'other';
  /** Substring of the path. */
  path?: string;
}

/** What `control.stats()` reports. */
export interface MockStats {
  /** API requests received since start. */
  requests: number;
  /** Batches and files held in memory. */
  batches: number;
  files: number;
  /** Open realtime connections. */
  realtimeConnections: number;
  /** `process.memoryUsage()` of the server process, in bytes. */
  memory: { rss: number; heapUsed: number; heapTotal: number; external: number };
}

/** Drives the server from the test (or, through /__mock/*, from another process). */
export interface MockControl {
  /** Scripted faults. */
  faults: {
    /** Installs a fault; returns its id. */
    add(spec: FaultSpec): string;
    /** Removes one fault. */
    remove(id: string): boolean;
    /** Removes every scripted fault. */
    clear(): void;
    /** The installed faults with their hit counts. */
    list(): InstalledFault[];
    /** Probability that any API request fails with a 500. */
    setFaultRate(rate: number): void;
  };
  /** Rate limits and quota. */
  rateLimits: {
    /** Replaces the limits (and refills every bucket). */
    configure(options: RateLimitOptions): void;
    /** Refills every bucket. */
    reset(): void;
    /** Turns `insufficient_quota` on or off for one key, or for every key. */
    setQuotaExceeded(exceeded: boolean, apiKey?: string): void;
  };
  /** Changes the simulated latency. */
  setLatency(latency: LatencyOptions): void;
  /** Recorded requests, oldest first (headers without secrets). */
  requests(filter?: RequestFilter): RecordedRequest[];
  /** Forgets recorded requests. */
  clearRequests(): void;
  /** Counters and memory of the server process (for benchmarks watching memory stay flat). */
  stats(): MockStats;
  /** The Realtime WebSocket side: its faults, latency, connection and event logs. */
  realtime: RealtimeController;
  /** Clears faults (HTTP and realtime), fault rate, request logs, rate-limit usage and quota flags. */
  reset(): void;
}

/** Builds the control object over the server state. */
export function createControl(state: MockState, realtime: RealtimeController): MockControl {
  return {
    realtime,
    faults: {
      add: (spec) => state.faults.add(spec),
      remove: (id) => state.faults.remove(id),
      clear: () => state.faults.clear(),
      list: () => state.faults.list(),
      setFaultRate: (rate) => state.faults.setFaultRate(rate),
    },
    rateLimits: {
      configure: (options) => state.limiter.configure({ ...options, mode: options.mode ?? state.limiter.options.mode }),
      reset: () => state.limiter.reset(),
      setQuotaExceeded: (exceeded, apiKey) => state.limiter.setQuotaExceeded(exceeded, apiKey),
    },
    setLatency(latency) {
      for (const value of [latency.timeToFirstTokenMs, latency.interChunkMs]) {
        if (value !== undefined && !(Number.isFinite(value) && value >= 0))
          throw new TypeError('latency values must be non-negative numbers');
      }
      state.latency = {
        timeToFirstTokenMs: latency.timeToFirstTokenMs ?? state.latency.timeToFirstTokenMs,
        interChunkMs: latency.interChunkMs ?? state.latency.interChunkMs,
        perModel: latency.perModel ?? state.latency.perModel,
      };
      realtime.setLatency({
        firstDeltaMs: state.latency.timeToFirstTokenMs,
        betweenDeltasMs: state.latency.interChunkMs,
      });
    },
    requests(filter = {}) {
      return state.log
        .list()
        .filter(
          (entry) =>
            (filter.route === undefined || entry.route === filter.route) &&
            (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
            (filter.surface === undefined || entry.surface === filter.surface) &&
            (filter.path === undefined || entry.path.includes(filter.path)),
        );
    },
    clearRequests: () => state.log.clear(),
    stats() {
      const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
      return {
        requests: state.log.total,
        batches: state.batches.size,
        files: state.files.size,
        realtimeConnections: realtime.connections.filter((connection) => connection.open).length,
        memory: { rss, heapUsed, heapTotal, external },
      };
    },
    reset() {
      state.faults.clear();
      state.faults.setFaultRate(0);
      state.log.clear();
      state.limiter.reset();
      state.limiter.setQuotaExceeded(false);
      realtime.clearFaults();
      realtime.clearLog();
    },
  };
}
