import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ServerEvent, useSharedHarness } from './__fixtures__/harness.js';
import { CLIENT_EVENT_TYPES } from './protocol/client-events.js';

const shared = useSharedHarness();

const FIELDS = ['session', 'item', 'audio', 'response', 'item_id', 'content_index', 'audio_end_ms', 'previous_item_id'];
const SESSION_KEYS = [
  'model',
  'output_modalities',
  'instructions',
  'tools',
  'tool_choice',
  'max_output_tokens',
  'tracing',
  'truncation',
  'include',
  'prompt',
];
const AUDIO_INPUT_KEYS = ['format', 'transcription', 'noise_reduction', 'turn_detection'];
const RESPONSE_KEYS = [
  'output_modalities',
  'instructions',
  'tools',
  'tool_choice',
  'max_output_tokens',
  'conversation',
  'metadata',
  'input',
  'audio',
];
const value = fc.jsonValue({ maxDepth: 3 });
const someOf = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 3 });

/**
 * Frames a careless or hostile client might send: any text, any JSON, known event types with random fields, and
 * events that are nearly right (known keys, random values), which reach deep into the validators.
 */
const frames = fc.oneof(
  fc.string(),
  fc.json(),
  fc
    .record({ type: fc.constantFrom(...CLIENT_EVENT_TYPES), fields: someOf(FIELDS) })
    .map(({ type, fields }) => ({ ...fields, type })),
  someOf(SESSION_KEYS).map((session) => ({ type: 'session.update', session: { ...session, type: 'realtime' } })),
  someOf(AUDIO_INPUT_KEYS).map((input) => ({
    type: 'session.update',
    session: { type: 'realtime', audio: { input } },
  })),
  someOf(RESPONSE_KEYS).map((response) => ({ type: 'response.create', response })),
  fc
    .record({
      type: fc.constantFrom('message', 'function_call', 'function_call_output'),
      role: fc.constantFrom('user', 'system', 'assistant'),
      content: fc.array(value, { maxLength: 2 }),
    })
    .map((item) => ({ type: 'conversation.item.create', item })),
);

describe('whatever a client sends', () => {
  it('answers with spec-shaped events (or nothing), never crashes, and keeps the session usable', async () => {
    const client = await shared.connect();
    let round = 0;
    await fc.assert(
      fc.asyncProperty(frames, async (frame) => {
        round++;
        client.send(frame);
        // A request with a unique event_id proves the connection is still answering, in order.
        const sentinel = `sentinel-${round}`;
        const answered = client.waitFor(
          (event: ServerEvent) =>
            event.type === 'error' && (event.error as { event_id: unknown }).event_id === sentinel,
        );
        client.send({ type: 'conversation.item.retrieve', item_id: 'item_missing', event_id: sentinel });
        await answered;
        expect(client.socket.readyState).toBe(client.socket.OPEN);
      }),
      { numRuns: 300, seed: 42 },
    );
    // Every event the server sent was checked against the spec as it arrived (RawClient validates each one).
    expect(client.events.length).toBeGreaterThan(300);
    expect(shared.harness.controller.clientEvents()).toHaveLength(600);
  });
});
