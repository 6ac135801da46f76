import type { SwitchboardError } from '../errors/switchboard-error.js';
import type { ChatResponse } from './chat-response.js';
import type { ChatStreamEvent } from './stream-events.js';

/**
 * The stream `Provider.streamChat` returns: iterate it for events, read `textStream` for text only, or await
 * `response` for the assembled answer. Core's `ChatStream` class is the implementation every provider uses.
 */
export interface ChatStream extends AsyncIterable<ChatStreamEvent> {
  /** The assembled final response; awaiting it without iterating drains the stream. */
  readonly response: Promise<ChatResponse>;
  /** Only the text of the answer. */
  readonly textStream: AsyncIterable<string>;
  /** True once the caller, a timeout or an early exit has cancelled the stream. */
  readonly aborted: boolean;
  /** Cancels the stream; iteration and `response` reject with `reason` (an `AbortedError` by default). */
  abort(reason?: SwitchboardError): void;
}
