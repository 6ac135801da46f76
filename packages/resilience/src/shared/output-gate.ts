import type { ChatStreamEvent } from '@switchboard/core';

/** Events that may come before the answer itself. */
const PREAMBLE = new Set<ChatStreamEvent['type']>(['start', 'provider-metadata']);

/**
 * Holds back a stream's `start` and metadata events until its first output event (or its finish), so an attempt that
 * fails before any output can be replaced by another without the consumer seeing a trace of it.
 */
export class OutputGate {
  private held: ChatStreamEvent[] = [];
  private open = false;

  /** True once output has been passed on: from here on the stream cannot be retried. */
  get started(): boolean {
    return this.open;
  }

  /** The events to pass on now for `event`. */
  pass(event: ChatStreamEvent): ChatStreamEvent[] {
    if (this.open) return [event];
    if (PREAMBLE.has(event.type)) {
      this.held.push(event);
      return [];
    }
    this.open = true;
    const out = [...this.held, event];
    this.held = [];
    return out;
  }
}
