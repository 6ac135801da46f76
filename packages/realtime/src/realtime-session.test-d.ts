import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { RealtimeEventOf, RealtimeSessionEvent } from './events/local-events.js';
import type { RawServerEvent } from './events/raw-server-event.js';
import { defineTool } from './helpers/realtime-tool.js';
import type { RealtimeSession } from './realtime-session.js';

declare const session: RealtimeSession;

describe('RealtimeSession types', () => {
  it('types listeners by event type', () => {
    session.on('response.output_text.delta', (event) => {
      expectTypeOf(event.delta).toEqualTypeOf<string>();
      expectTypeOf(event.response_id).toEqualTypeOf<string>();
    });
    session.on('rate_limits.updated', (event) => {
      expectTypeOf(event.rate_limits[0]?.remaining).toEqualTypeOf<number | undefined>();
    });
    session.on('connection-state', (event) => {
      expectTypeOf(event.state).toEqualTypeOf<'connecting' | 'open' | 'reconnecting' | 'closed'>();
    });
    session.on('response.brand_new_event', (event) => {
      expectTypeOf(event).toEqualTypeOf<RawServerEvent>();
    });
    session.on('*', (event) => {
      expectTypeOf(event).toEqualTypeOf<RealtimeSessionEvent>();
    });
    expectTypeOf<RealtimeEventOf<'error'>['error']['message']>().toEqualTypeOf<string>();
  });

  it('narrows iterated events by type', async () => {
    for await (const event of session) {
      if (event.type === 'response.done') expectTypeOf(event.response.id).toEqualTypeOf<string>();
      if (event.type === 'raw-event') expectTypeOf(event.eventType).toEqualTypeOf<string>();
    }
  });

  it('accepts only GA client events', () => {
    session.send({ type: 'input_audio_buffer.commit' });
    session.send({ type: 'response.create', response: { output_modalities: ['text'] } });
    // @ts-expect-error the beta name is not a GA client event
    session.send({ type: 'response.text.delta' });
    // @ts-expect-error session.update needs a session
    session.send({ type: 'session.update' });
    expectTypeOf(session.sendText('hi')).toExtend<PromiseLike<string>>();
  });

  it('infers tool arguments from a zod schema', () => {
    defineTool({
      parameters: z.object({ city: z.string(), days: z.number() }),
      execute: (args) => {
        expectTypeOf(args).toEqualTypeOf<{ city: string; days: number }>();
        return args.city;
      },
    });
  });
});
