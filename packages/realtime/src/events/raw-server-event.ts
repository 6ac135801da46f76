/**
 * A server event this package did not recognise or could not validate, passed through untouched: a new event type,
 * a known type whose fields did not match its schema (`issues` says why), or a frame that was not a JSON object.
 */
export interface RawServerEvent {
  /** Always `raw-event`. */
  type: 'raw-event';
  /** The event's own `type`, `(invalid-json)` or `(not-an-event)` when it had none, `(binary)` for a binary frame. */
  eventType: string;
  /** The parsed JSON object (empty when the frame was not a JSON object). */
  event: Record<string, unknown>;
  /** Why a known event type did not validate, or why the frame is not an event. */
  issues?: string[];
  /** The start of the frame's text, when it was not a JSON object. */
  text?: string;
}
