import { FAST_CHECKS } from './fast-checks.js';
import type { RawServerEvent } from './raw-server-event.js';
import { type RealtimeServerEvent, schemasByType } from './server-events.js';

const EXCERPT = 200;

/**
 * Parses one text frame from the server. Never throws: known events are validated by their lenient schemas (the
 * frequent deltas by a plain type check first, see fast-checks.ts), everything else comes back as a `raw-event`
 * carrying the original data.
 */
export function parseServerEvent(text: string): RealtimeServerEvent | RawServerEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return notAnEvent('(invalid-json)', text, `not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return notAnEvent('(not-an-event)', text, 'not a JSON object');
  }
  const object = value as Record<string, unknown>;
  if (typeof object.type !== 'string')
    return { ...notAnEvent('(not-an-event)', text, 'no string `type`'), event: object };
  if (FAST_CHECKS.get(object.type)?.(object)) return object as RealtimeServerEvent;
  const schema = schemasByType().get(object.type);
  if (!schema) return { type: 'raw-event', eventType: object.type, event: object };
  const result = schema.safeParse(object);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
  return { type: 'raw-event', eventType: object.type, event: object, issues };
}

function notAnEvent(eventType: string, text: string, issue: string): RawServerEvent {
  return { type: 'raw-event', eventType, event: {}, issues: [issue], text: text.slice(0, EXCERPT) };
}
