import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QueueFullError } from '../errors/queue-full-error.js';
import { Outbox, type OutboxEntry } from './outbox.js';

function entry(id: number, bytes = 10): OutboxEntry {
  return { eventId: `e${id}`, type: 'conversation.item.create', data: 'x'.repeat(bytes), bytes, seq: 0 };
}

describe('Outbox', () => {
  it('queues in order within the byte bound and fails clearly past it', () => {
    const outbox = new Outbox(25, 'openai');
    outbox.enqueue(entry(1));
    outbox.enqueue(entry(2));
    expect(() => outbox.enqueue(entry(3, 6))).toThrow(QueueFullError);
    try {
      outbox.enqueue(entry(3, 6));
    } catch (error) {
      expect(error).toMatchObject({
        code: 'queue-full',
        maxBytes: 25,
        queuedBytes: 20,
        eventBytes: 6,
        retryable: true,
      });
      expect((error as QueueFullError).toJSON()).toMatchObject({ maxBytes: 25, queuedBytes: 20, eventBytes: 6 });
    }
    outbox.enqueue(entry(3, 5));
    expect(outbox.queuedBytes).toBe(25);
    expect(outbox.isQueued('e2')).toBe(true);
    expect(outbox.takeQueued().map((item) => item.eventId)).toEqual(['e1', 'e2', 'e3']);
    expect(outbox.queuedCount).toBe(0);
  });

  it('keeps written events until a pong confirms them, and requeues the rest in front after a drop', () => {
    const outbox = new Outbox(1000);
    for (const id of [1, 2, 3, 4]) outbox.recordSent(entry(id), true);
    outbox.settleThrough(2);
    expect(outbox.unsettledCount).toBe(2);
    outbox.enqueue(entry(5));
    outbox.requeueUnsettled();
    expect(outbox.takeQueued().map((item) => item.eventId)).toEqual(['e3', 'e4', 'e5']);
    outbox.requeueUnsettled();
    expect(outbox.queuedCount).toBe(0);
    outbox.recordSent(entry(6), true);
    outbox.recordSent(entry(7), true);
    outbox.requeueUnsettled((item) => item.eventId !== 'e6');
    expect(outbox.takeQueued().map((item) => item.eventId)).toEqual(['e7']);
  });

  it('counts events as delivered at once on transports that cannot ping', () => {
    const outbox = new Outbox(1000);
    outbox.recordSent(entry(1), false);
    expect(outbox.unsettledCount).toBe(0);
    expect(outbox.lastSeq).toBe(1);
  });

  it('bounds the unconfirmed events too, taking the oldest as delivered', () => {
    const outbox = new Outbox(30);
    for (const id of [1, 2, 3, 4, 5]) outbox.recordSent(entry(id), true);
    expect(outbox.unsettledCount).toBe(3);
    outbox.clear();
    expect(outbox.unsettledCount).toBe(0);
  });

  it('delivers every event exactly once, in order, for any interleaving of sends, confirmations and drops', () => {
    const step = fc.oneof(
      fc.constant({ kind: 'send' as const }),
      fc.constant({ kind: 'settle' as const }),
      fc.constant({ kind: 'drop' as const }),
      fc.constant({ kind: 'open' as const }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const outbox = new Outbox(1_000_000);
        const delivered: string[] = [];
        const sentEver: string[] = [];
        let connected = true;
        let pendingOnWire: OutboxEntry[] = [];
        let next = 0;
        const write = (item: OutboxEntry) => {
          outbox.recordSent(item, true);
          pendingOnWire.push(item);
        };
        for (const { kind } of steps) {
          if (kind === 'send') {
            const item = entry(++next);
            sentEver.push(item.eventId);
            if (connected) write(item);
            else outbox.enqueue(item);
          } else if (kind === 'settle' && connected) {
            // The server handled everything on the wire; the pong confirms it.
            delivered.push(...pendingOnWire.map((item) => item.eventId));
            pendingOnWire = [];
            outbox.settleThrough(outbox.lastSeq);
          } else if (kind === 'drop' && connected) {
            // Nothing unconfirmed reached the server (the worst case for loss).
            pendingOnWire = [];
            outbox.requeueUnsettled();
            connected = false;
          } else if (kind === 'open' && !connected) {
            connected = true;
            for (const item of outbox.takeQueued()) write(item);
          }
        }
        if (!connected) for (const item of outbox.takeQueued()) write(item);
        delivered.push(...pendingOnWire.map((item) => item.eventId));
        expect(delivered).toEqual(sentEver);
      }),
    );
  });
});
