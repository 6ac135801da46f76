import { OptionChecks } from '../shared/option-checks.js';

/** The four timeouts, in milliseconds; each fires as a `TimeoutError` whose `phase` names it. */
export interface TimeoutOptions {
  /** The whole call, every retry and wait included (`phase: 'total'`). */
  totalMs?: number;
  /** Each attempt's wait for the response headers, enforced by the provider (`phase: 'headers'`). */
  headersMs?: number;
  /** Streams: each attempt's wait for its first output event; the only stream timer until then (`phase: 'first-token'`). */
  firstTokenMs?: number;
  /** Streams: the longest gap between two output events, once output has begun (`phase: 'idle'`). */
  idleMs?: number;
  /**
   * Streams: whether keep-alive lines (SSE comments) restart the idle timer. Default `false`: the idle timeout is about
   * the answer making progress, and a proxy keeping a stalled upstream's connection warm must not hold it open forever.
   */
  keepAliveResetsIdle?: boolean;
}

/** Checks timeout settings; throws one `ConfigError` naming every bad value. */
export function checkTimeoutOptions(options: TimeoutOptions): void {
  new OptionChecks('timeouts')
    .number('totalMs', options.totalMs, { min: 1 })
    .number('headersMs', options.headersMs, { min: 1 })
    .number('firstTokenMs', options.firstTokenMs, { min: 1 })
    .number('idleMs', options.idleMs, { min: 1 })
    .boolean('keepAliveResetsIdle', options.keepAliveResetsIdle)
    .done();
}
