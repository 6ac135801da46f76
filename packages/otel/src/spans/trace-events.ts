import { type Context, context } from '@opentelemetry/api';
import { AbortedError, type ChatStreamEvent, type ChatStreamPart, isSwitchboardError } from '@switchboard/core';
import type { CallSpan } from './call-span.js';
import { StreamOutcome } from './stream-outcome.js';

/**
 * Passes a stream's parts through while its span learns from them: the first output event sets the time to first
 * chunk, `finish` ends the span with the outcome. Every step of the inner stream runs inside `spanContext`, so what
 * the inner layers do (retries, limiter waits) is reported under this span although the caller's `for await` drives
 * the iteration from its own context.
 */
export async function* traceEvents(
  open: () => AsyncIterable<ChatStreamPart>,
  callSpan: CallSpan,
  spanContext: Context,
  captureContent: boolean,
  signal?: AbortSignal,
): AsyncGenerator<ChatStreamPart> {
  const iterator = context.with(spanContext, () => open()[Symbol.asyncIterator]());
  const outcome = new StreamOutcome(captureContent);
  let firstOutput = true;
  let finished = false;
  try {
    while (true) {
      const step = await context.with(spanContext, () => iterator.next());
      if (step.done) break;
      const event = step.value;
      // Keep-alive parts carry no answer; they pass through for the stream timeouts of the layers above.
      if (event.type === 'keep-alive') {
        yield event;
        continue;
      }
      if (firstOutput && isOutput(event)) {
        firstOutput = false;
        callSpan.firstChunk();
      }
      outcome.push(event);
      if (event.type === 'finish') {
        finished = true;
        callSpan.succeed(outcome.outcome, outcome.contentAttributes());
      }
      yield event;
    }
  } catch (error) {
    finished = true;
    callSpan.fail(error);
    throw error;
  } finally {
    if (!finished) {
      // The caller's signal aborted the stream: an error of type aborted. Else the caller stopped reading early: the
      // span ends as cancelled. Either way the inner stream (its socket) is closed.
      const reason: unknown = signal?.aborted ? signal.reason : undefined;
      if (reason === undefined || isEarlyClose(reason)) callSpan.cancel();
      else callSpan.fail(isSwitchboardError(reason) ? reason : new AbortedError({ cause: reason }));
      await iterator.return?.();
    }
  }
}

/**
 * True for the reason core's `ChatStream` aborts its parts with when the caller stopped reading (broke out of the loop)
 * rather than aborting: the middleware sees the stream's own signal, not the caller's, so the reason tells them apart.
 */
function isEarlyClose(reason: unknown): boolean {
  return AbortedError.isInstance(reason) && reason.message === 'The stream was closed before it finished.';
}

function isOutput(event: ChatStreamEvent): boolean {
  return (
    event.type === 'text-delta' ||
    event.type === 'refusal-delta' ||
    event.type === 'reasoning-delta' ||
    event.type === 'tool-call-delta' ||
    event.type === 'tool-call'
  );
}
