import { describe, expect, it, vi } from 'vitest';
import { EventHub } from './event-hub.js';

type Event = { type: string; n?: number };

describe('EventHub', () => {
  it('calls listeners by type, by alias and for *, and removes them', () => {
    const hub = new EventHub<Event>(() => {});
    const seen: string[] = [];
    const off = hub.on('a', () => {
      seen.push('a');
    });
    hub.on('alias', () => {
      seen.push('alias');
    });
    hub.on('*', (event) => {
      seen.push(`*${event.type}`);
    });
    hub.emit({ type: 'a' }, 'alias');
    off();
    off();
    hub.off('missing', () => {});
    hub.emit({ type: 'a' });
    expect(seen).toEqual(['a', 'alias', '*a', '*a']);
  });

  it('reports throwing and rejecting listeners without disturbing the others', async () => {
    const errors: unknown[] = [];
    const hub = new EventHub<Event>((error) => errors.push(error));
    const after = vi.fn();
    hub.on('a', () => {
      throw new Error('sync');
    });
    hub.on('a', async () => {
      throw new Error('async');
    });
    hub.on('a', after);
    hub.emit({ type: 'a' });
    await Promise.resolve();
    expect(after).toHaveBeenCalledOnce();
    expect(errors.map((error) => (error as Error).message)).toEqual(['sync', 'async']);
  });

  it('gives the first iterator the early events and later ones only new events', async () => {
    const hub = new EventHub<Event>(() => {});
    hub.emit({ type: 'early' });
    const first = hub.iterate();
    const second = hub.iterate();
    hub.emit({ type: 'late' });
    hub.end();
    const read = async (iterator: AsyncIterableIterator<Event>) => {
      const types: string[] = [];
      for await (const event of iterator) types.push(event.type);
      return types;
    };
    expect(await read(first)).toEqual(['early', 'late']);
    expect(await read(second)).toEqual(['late']);
    expect(await read(hub.iterate())).toEqual([]);
  });

  it('keeps at most 64 early events', async () => {
    const hub = new EventHub<Event>(() => {});
    for (let n = 0; n < 100; n++) hub.emit({ type: 'x', n });
    hub.end();
    const events: Event[] = [];
    for await (const event of hub.iterate()) events.push(event);
    expect(events).toHaveLength(64);
    expect(events[0]?.n).toBe(36);
  });

  it('resolves waiting readers as events arrive, and stops a reader that breaks', async () => {
    const hub = new EventHub<Event>(() => {});
    hub.iterate().return?.();
    const iterator = hub.iterate();
    const pending = [iterator.next(), iterator.next()];
    hub.emit({ type: 'one' });
    hub.emit({ type: 'two' });
    expect((await Promise.all(pending)).map((result) => result.value?.type)).toEqual(['one', 'two']);
    const waiting = iterator.next();
    await iterator.return?.();
    expect(await waiting).toEqual({ value: undefined, done: true });
    hub.emit({ type: 'ignored' });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(iterator[Symbol.asyncIterator]()).toBe(iterator);
  });

  it('compacts a long-lived buffer', async () => {
    const hub = new EventHub<Event>(() => {});
    const iterator = hub.iterate();
    for (let n = 0; n < 3000; n++) hub.emit({ type: 'x', n });
    let last = -1;
    for (let read = 0; read < 3000; read++) last = (await iterator.next()).value?.n ?? -1;
    expect(last).toBe(2999);
  });
});
