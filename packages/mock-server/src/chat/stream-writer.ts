import type { RequestContext } from '../http/request-context.js';
import type { Sleeper } from '../server/sleeper.js';
import { StreamScheduler } from './stream-scheduler.js';

const STREAM_ERROR_EVENT = `data: ${JSON.stringify({
  error: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    param: null,
    code: null,
  },
})}\n\n`;

/** What a stream fault writes on a given wire format (chat completions by default). */
export interface StreamFaultTails {
  /** The error payload of a `stream-error` fault, sent after `sent` events. */
  streamError(sent: number): string;
  /** The chunk that is not JSON, of a `malformed-json` fault. */
  malformed: string;
}

const CHAT_TAILS: StreamFaultTails = {
  streamError: () => STREAM_ERROR_EVENT,
  malformed: 'data: {"id":"chatcmpl-broken","object":"chat.completion.chunk","choices":[{\n\n',
};

const NON_ASCII = /[\u0080-\uffff]/;

const schedulers = new WeakMap<Sleeper, StreamScheduler>();

/** The scheduler of the server that owns `sleeper` (one per server, made on its first paced stream). */
export function schedulerFor(sleeper: Sleeper): StreamScheduler {
  let scheduler = schedulers.get(sleeper);
  if (!scheduler) {
    scheduler = new StreamScheduler(sleeper);
    schedulers.set(sleeper, scheduler);
  }
  return scheduler;
}

/** Timing of a stream. */
export interface StreamTiming {
  /** Wait before the first content event (events before it, like Azure's prompt-filter chunk, go out at once). */
  timeToFirstTokenMs: number;
  interChunkMs: number;
  /** How many leading events are not content (sent before the first-token wait). */
  leadingEvents: number;
}

/**
 * Writes SSE events with the configured latency (paced by the server's StreamScheduler), applying the context's
 * stream fault (stop without [DONE], an error payload, or a chunk that is not JSON) after `afterEvents` events. Stops
 * quietly when the client goes away. Leading events go out with the headers; the last event goes out with the end of
 * the response.
 */
export async function writeStream(
  ctx: RequestContext,
  events: string[],
  timing: StreamTiming,
  sleeper: Sleeper,
  tails: StreamFaultTails = CHAT_TAILS,
): Promise<void> {
  const fault = ctx.fault;
  const cutAt =
    fault && (fault.kind === 'truncate-stream' || fault.kind === 'stream-error' || fault.kind === 'malformed-json')
      ? Math.min(fault.afterEvents ?? 2, events.length - 1)
      : events.length;
  const tail =
    fault?.kind === 'stream-error' ? tails.streamError(cutAt) : fault?.kind === 'malformed-json' ? tails.malformed : '';
  const { res } = ctx;
  const start = performance.now();
  if (timing.timeToFirstTokenMs === 0 && timing.interChunkMs === 0) {
    ctx.startStream((cutAt === events.length ? events.join('') : events.slice(0, cutAt).join('')) + tail);
    res.end();
    return;
  }
  const leading = Math.min(timing.leadingEvents, cutAt);
  ctx.startStream(leading > 0 ? events.slice(0, leading).join('') : '');
  if (leading === cutAt) {
    res.end(tail);
    return;
  }
  const written = await new Promise<boolean>((done) =>
    schedulerFor(sleeper).add(
      {
        ctx,
        events,
        next: leading,
        cutAt,
        tail,
        nextAt: start + timing.timeToFirstTokenMs,
        interChunkMs: timing.interChunkMs,
        // Tested now, while the events are fresh in memory: the scheduler writes them much later.
        ascii: events.every((event) => !NON_ASCII.test(event)),
        done,
      },
      timing.timeToFirstTokenMs,
    ),
  );
  if (!written && !ctx.gone) res.end();
}
