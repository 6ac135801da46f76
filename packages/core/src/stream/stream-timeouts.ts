import { TimeoutError } from '../errors/error-classes.js';
import type { ChatStreamPart } from '../types/stream-events.js';
import { linkSignals } from '../utils/link-signals.js';

/** First-token and idle timeouts of one stream. */
export interface StreamTimeoutOptions {
  /** Time allowed from the start until the first output event, in milliseconds. */
  firstTokenTimeoutMs?: number;
  /** Time allowed between two output events once output has begun, in milliseconds. */
  idleTimeoutMs?: number;
  /**
   * Whether a `keep-alive` part (an SSE comment or keep-alive line) restarts the idle timer. Default `false`: the idle
   * timeout is about the answer making progress, and a proxy that keeps a dead upstream's connection warm would
   * otherwise hold the stream open forever.
   */
  keepAliveResetsIdle?: boolean;
  /** The provider name, put on errors. */
  provider?: string;
}

/** Parts that are the answer itself, as opposed to its preamble (`start`, metadata) or a keep-alive. */
const OUTPUT_PARTS = new Set<ChatStreamPart['type']>([
  'text-delta',
  'refusal-delta',
  'reasoning-delta',
  'tool-call-delta',
  'tool-call',
]);

/** True when the stream has either timeout. */
export function hasStreamTimeouts(options: StreamTimeoutOptions): boolean {
  return options.firstTokenTimeoutMs !== undefined || options.idleTimeoutMs !== undefined;
}

/**
 * Runs the source `open` returns under first-token and idle timeouts. The first-token timeout governs from the start
 * until the first output part; only then does the idle timeout start, and it restarts at each output part (and at a
 * `keep-alive` part when `keepAliveResetsIdle`). `finish` ends the timing. A timeout aborts the source's signal with a
 * `TimeoutError` (phase `first-token` or `idle`) and rethrows it here; aborting `signal` ends the source the same way
 * with its reason.
 */
export async function* withStreamTimeouts(
  open: (signal: AbortSignal) => AsyncIterable<ChatStreamPart>,
  options: StreamTimeoutOptions,
  signal: AbortSignal,
): AsyncGenerator<ChatStreamPart> {
  const { firstTokenTimeoutMs, idleTimeoutMs, provider } = options;
  const link = linkSignals(signal);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (phase: 'first-token' | 'idle', timeoutMs: number | undefined) => {
    clearTimeout(timer);
    timer = undefined;
    if (timeoutMs === undefined) return;
    timer = setTimeout(
      () => link.abort(new TimeoutError({ phase, timeoutMs, ...(provider ? { provider } : {}) })),
      timeoutMs,
    );
  };
  const aborted = new Promise<never>((_, reject) => {
    if (link.signal.aborted) reject(link.signal.reason);
    else link.signal.addEventListener('abort', () => reject(link.signal.reason), { once: true });
  });
  aborted.catch(() => {});
  const iterator = open(link.signal)[Symbol.asyncIterator]();
  let sawOutput = false;
  let completed = false;
  try {
    arm('first-token', firstTokenTimeoutMs);
    for (;;) {
      const pending = iterator.next();
      // If the race is lost to an abort, the pending read still settles later; keep that quiet.
      pending.catch(() => {});
      const next = await Promise.race([pending, aborted]);
      if (next.done) break;
      const part = next.value;
      if (OUTPUT_PARTS.has(part.type)) {
        sawOutput = true;
        arm('idle', idleTimeoutMs);
      } else if (part.type === 'keep-alive' && sawOutput && options.keepAliveResetsIdle) {
        arm('idle', idleTimeoutMs);
      } else if (part.type === 'finish') {
        arm('idle', undefined);
      }
      yield part;
    }
    completed = true;
  } catch (error) {
    throw link.signal.aborted ? link.signal.reason : error;
  } finally {
    clearTimeout(timer);
    if (!completed) {
      link.abort();
      // Not awaited: a source stuck in a read must not hold up the consumer; the abort already closes its socket.
      void closeQuietly(iterator);
    }
    link.dispose();
  }
}

/** Closes a source whose consumer stopped early; its failure while closing changes nothing. */
export async function closeQuietly(iterator: AsyncIterator<unknown>): Promise<void> {
  try {
    await iterator.return?.();
  } catch {
    // The source failed while closing; the stream already has its outcome.
  }
}
