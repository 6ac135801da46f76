import { type Context, context } from '@opentelemetry/api';
import type { ChatStreamEvent, ChatStreamPart } from '@switchboard/core';
import type { CallSpan } from './call-span.js';
import { StreamOutcome } from './stream-outcome.js';

/**
 * Passes a stream's events through while its span learns from them: the first output event sets the time to first
 * chunk, `finish` ends the span with the outcome. Every step of the inner stream runs inside `spanContext`, so what
 * the inner layers do (retries, limiter waits) is reported under this span although the caller's `for await` drives
 * the iteration from its own context.
 */
export async function* traceEvents(
  open: () => AsyncIterable<ChatStreamPart>,
  callSpan: CallSpan,
  spanContext: Context,
  captureContent: boolean,
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
      // Keep-alives carry no answer: passed on (for the stream timeouts above) without touching the span.
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
      // The caller stopped reading early: end the span as cancelled and close the inner stream (its socket).
      callSpan.cancel();
      await iterator.return?.();
    }
  }
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
