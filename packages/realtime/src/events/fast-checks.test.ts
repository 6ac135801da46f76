import { describe, expect, it } from 'vitest';
import { FAST_CHECKS } from './fast-checks.js';
import { parseServerEvent } from './parse-server-event.js';
import { schemasByType } from './server-events.js';

/** A valid event of each fast-checked type. */
const VALID: Record<string, Record<string, unknown>> = {
  'response.output_text.delta': { response_id: 'r', item_id: 'i', output_index: 0, content_index: 0, delta: 'hi' },
  'response.output_audio.delta': { response_id: 'r', item_id: 'i', output_index: 0, content_index: 1, delta: 'AAAA' },
  'response.output_audio_transcript.delta': {
    response_id: 'r',
    item_id: 'i',
    output_index: 2,
    content_index: 0,
    delta: ' word',
  },
  'response.function_call_arguments.delta': {
    response_id: 'r',
    item_id: 'i',
    output_index: 0,
    call_id: 'c',
    delta: '{"a"',
  },
  'conversation.item.input_audio_transcription.delta': { item_id: 'i', content_index: 0, delta: 'he' },
};

const REPLACEMENTS: unknown[] = [undefined, null, 1, 'x', true, {}, [], Number.NaN, Number.POSITIVE_INFINITY];

/** The valid event, then every field (and event_id) replaced by each value of another kind, and an extra field. */
function variants(type: string): Record<string, unknown>[] {
  const base = { type, event_id: 'evt_1', ...VALID[type] };
  const out: Record<string, unknown>[] = [base, { ...base, extra: { nested: true } }];
  for (const field of Object.keys(base).filter((key) => key !== 'type')) {
    for (const value of REPLACEMENTS) {
      const copy: Record<string, unknown> = { ...base };
      if (value === undefined) delete copy[field];
      else copy[field] = value;
      out.push(copy);
    }
  }
  return out;
}

describe('fast checks', () => {
  it('cover the high-frequency delta events, each with a zod schema', () => {
    expect([...FAST_CHECKS.keys()].sort()).toEqual(Object.keys(VALID).sort());
    for (const type of FAST_CHECKS.keys()) expect(schemasByType().has(type)).toBe(true);
  });

  it.each([...FAST_CHECKS.keys()])('%s: accept only what the zod schema accepts, and the valid event as is', (type) => {
    const check = FAST_CHECKS.get(type) as (event: Record<string, unknown>) => boolean;
    const schema = schemasByType().get(type);
    let accepted = 0;
    for (const event of variants(type)) {
      const zod = schema?.safeParse(event);
      if (check(event)) {
        accepted++;
        expect(zod?.success, JSON.stringify(event)).toBe(true);
        expect(zod?.data).toEqual(event);
      }
    }
    expect(accepted).toBeGreaterThanOrEqual(2);
  });

  it('a malformed delta still comes back as a raw event with the typed issues', () => {
    const event = { type: 'response.output_text.delta', response_id: 'r', item_id: 'i', output_index: 0, delta: 5 };
    const parsed = parseServerEvent(JSON.stringify(event));
    expect(parsed).toMatchObject({ type: 'raw-event', eventType: 'response.output_text.delta' });
    expect((parsed as { issues: string[] }).issues.join('; ')).toMatch(/content_index.*; delta/);
  });
});
