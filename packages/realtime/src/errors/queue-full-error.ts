import { SwitchboardError } from '@switchboard/core';

/**
 * A client event was sent while the connection was down and the queue of events waiting for it is full.
 * Nothing was queued; send again once the session is `open` (or raise `maxQueueBytes`).
 */
export class QueueFullError extends SwitchboardError {
  /** The queue's bound in bytes. */
  readonly maxBytes: number;
  /** The bytes already queued. */
  readonly queuedBytes: number;
  /** The size of the event that did not fit. */
  readonly eventBytes: number;

  constructor(options: { maxBytes: number; queuedBytes: number; eventBytes: number; provider?: string }) {
    super('queue-full', {
      message:
        `The realtime send queue is full (${options.queuedBytes} of ${options.maxBytes} bytes used, the event needs ` +
        `${options.eventBytes}); the connection is down and events are held until it is restored.`,
      provider: options.provider,
      retryable: true,
      severity: 'warning',
      source: 'client',
    });
    this.maxBytes = options.maxBytes;
    this.queuedBytes = options.queuedBytes;
    this.eventBytes = options.eventBytes;
  }

  protected override details(): Record<string, unknown> {
    return { maxBytes: this.maxBytes, queuedBytes: this.queuedBytes, eventBytes: this.eventBytes };
  }
}
