import { type Context, context } from '@opentelemetry/api';
import { type ChatStreamEvent, type ChatStreamPart, isClosedByConsumer } from '@switchboard/core';
import { abortReason } from '@switchboard/core/utils';
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
      // Keep-alive parts carry no output: they pass through for the stream timeouts to see.
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
      // The call was aborted (an error of type aborted), or the caller stopped reading early (cancelled); either way
      // close the inner stream (its socket).
      if (signal?.aborted && !isClosedByConsumer(signal)) callSpan.fail(abortReason(signal));
      else callSpan.cancel();
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
