import type { RequestContext } from '../http/request-context.js';
import type { Sleeper } from '../server/sleeper.js';

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

/** Timing of a stream. */
export interface StreamTiming {
  /** Wait before the first content event (events before it, like Azure's prompt-filter chunk, go out at once). */
  timeToFirstTokenMs: number;
  interChunkMs: number;
  /** How many leading events are not content (sent before the first-token wait). */
  leadingEvents: number;
}

/**
 * Writes SSE events with the configured latency, applying the context's stream fault (stop without [DONE], an error
 * payload, or a chunk that is not JSON) after `afterEvents` events. Stops quietly when the client goes away.
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
  const { res } = ctx;
  ctx.startStream();
  if (timing.timeToFirstTokenMs === 0 && timing.interChunkMs === 0) {
    res.write(cutAt === events.length ? events.join('') : events.slice(0, cutAt).join(''));
  } else {
    for (let i = 0; i < cutAt; i++) {
      if (i === timing.leadingEvents) await sleeper.sleep(timing.timeToFirstTokenMs);
      else if (i > timing.leadingEvents) await sleeper.sleep(timing.interChunkMs);
      if (ctx.gone) return;
      res.write(events[i]);
    }
  }
  if (ctx.gone) return;
  if (fault?.kind === 'stream-error') res.write(tails.streamError(cutAt));
  else if (fault?.kind === 'malformed-json') res.write(tails.malformed);
  res.end();
}
