import { getSpec } from '@internal/conformance';
import { describe, expect, it } from 'vitest';
import { parseServerEvent } from './parse-server-event.js';
import { schemasByType } from './server-events.js';

type Schema = { properties?: { type?: { enum?: string[] } }; 'x-oaiMeta'?: { example?: string } };

/** The server events of the official spec: type and the spec's own example of it. */
function specServerEvents(): { type: string; name: string; example: string | undefined }[] {
  const schemas = (
    getSpec('openai') as { components: { schemas: Record<string, Schema & { anyOf?: { $ref: string }[] }> } }
  ).components.schemas;
  return (schemas.RealtimeServerEvent?.anyOf ?? []).map(({ $ref }) => {
    const name = $ref.split('/').at(-1) as string;
    const schema = schemas[name] as Schema;
    return { type: schema.properties?.type?.enum?.[0] as string, name, example: schema['x-oaiMeta']?.example };
  });
}

describe('parseServerEvent', () => {
  it('has a schema for exactly the GA server events of the official spec', () => {
    const types = specServerEvents().map((event) => event.type);
    expect(types).toHaveLength(46);
    expect([...schemasByType().keys()].sort()).toEqual([...types].sort());
  });

  it.each(specServerEvents())('accepts the spec example of $type', ({ type, example }) => {
    expect(example).toBeDefined();
    // The examples are hand-written: some have trailing commas, one a stray space in its type.
    const event = { ...JSON.parse((example as string).replace(/,(\s*[}\]])/g, '$1')), type };
    const parsed = parseServerEvent(JSON.stringify(event));
    expect(parsed.type).not.toBe('raw-event');
    expect(parsed).toEqual(event);
  });

  it('keeps fields it does not know', () => {
    const parsed = parseServerEvent(
      JSON.stringify({
        type: 'response.output_text.delta',
        response_id: 'r',
        item_id: 'i',
        output_index: 0,
        content_index: 0,
        delta: 'x',
        obfuscation: 'abc',
      }),
    );
    expect(parsed).toMatchObject({ type: 'response.output_text.delta', obfuscation: 'abc' });
  });

  it('passes an unknown type through as a raw event', () => {
    expect(parseServerEvent('{"type":"response.brand_new","x":1}')).toEqual({
      type: 'raw-event',
      eventType: 'response.brand_new',
      event: { type: 'response.brand_new', x: 1 },
    });
  });

  it('passes a known type with the wrong fields through as a raw event with the reasons', () => {
    const parsed = parseServerEvent('{"type":"response.output_text.delta","delta":7}');
    expect(parsed).toMatchObject({ type: 'raw-event', eventType: 'response.output_text.delta' });
    expect(parsed.type === 'raw-event' && parsed.issues?.some((issue) => issue.startsWith('delta:'))).toBe(true);
  });

  it('never throws on frames that are not events', () => {
    expect(parseServerEvent('not json')).toMatchObject({
      type: 'raw-event',
      eventType: '(invalid-json)',
      text: 'not json',
    });
    expect(parseServerEvent('[1,2]')).toMatchObject({ eventType: '(not-an-event)', issues: ['not a JSON object'] });
    expect(parseServerEvent('null')).toMatchObject({ eventType: '(not-an-event)' });
    expect(parseServerEvent('{"kind":1}')).toMatchObject({ eventType: '(not-an-event)', event: { kind: 1 } });
    expect(parseServerEvent('{"type":"error"}')).toMatchObject({ type: 'raw-event', eventType: 'error' });
  });
});
