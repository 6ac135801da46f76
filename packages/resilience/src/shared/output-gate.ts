import type { ChatStreamPart } from '@switchboard/core';

/** Events that may come before the answer itself. */
const PREAMBLE = new Set<ChatStreamPart['type']>(['start', 'provider-metadata']);

/**
 * Holds back a stream's `start` and metadata events until its first output event (or its finish), so an attempt that
 * fails before any output can be replaced by another without the consumer seeing a trace of it.
 */
export class OutputGate {
  private held: ChatStreamPart[] = [];
  private open = false;

  /** True once output has been passed on: from here on the stream cannot be retried. */
  get started(): boolean {
    return this.open;
  }

  /** The events to pass on now for `event`. */
  pass(event: ChatStreamPart): ChatStreamPart[] {
    // A keep-alive says nothing about output; it passes on without opening the gate.
    if (this.open || event.type === 'keep-alive') return [event];
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
