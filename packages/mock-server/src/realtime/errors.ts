/** The `error` object of a Realtime `error` server event, as the real service fills it. */
export interface RealtimeErrorBody {
  type: string;
  code: string | null;
  message: string;
  param: string | null;
  event_id: string | null;
}

/**
 * Thrown while handling a client event whose content the real service would reject; the connection turns it into
 * an `error` server event carrying the offending client event's id, and the session carries on.
 */
export class RealtimeClientEventError extends Error {
  readonly code: string;
  readonly param: string | null;
  readonly errorType: string;

  constructor(message: string, code: string, param: string | null = null, errorType = 'invalid_request_error') {
    super(message);
    this.name = 'RealtimeClientEventError';
    this.code = code;
    this.param = param;
    this.errorType = errorType;
  }

  /** The `error` object for the server event, naming the client event that caused it. */
  toBody(eventId: string | null): RealtimeErrorBody {
    return { type: this.errorType, code: this.code, message: this.message, param: this.param, event_id: eventId };
  }
}

/** Describes a JSON value the way the real API's messages do ("an integer", "an object", ...). */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return 'an object';
}

/** `Missing required parameter: 'session.type'.` */
export function missingParameter(param: string): RealtimeClientEventError {
  return new RealtimeClientEventError(`Missing required parameter: '${param}'.`, 'missing_required_parameter', param);
}

/** `Invalid type for 'session.instructions': expected a string, but got an integer instead.` */
export function invalidType(param: string, expected: string, value: unknown): RealtimeClientEventError {
  return new RealtimeClientEventError(
    `Invalid type for '${param}': expected ${expected}, but got ${describeJsonType(value)} instead.`,
    'invalid_type',
    param,
  );
}

/** `Invalid value: 'speech'. Supported values are: 'text' and 'audio'.` */
export function invalidValue(param: string, value: unknown, supported: readonly string[]): RealtimeClientEventError {
  const quoted = supported.map((entry) => `'${entry}'`);
  const list = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : quoted.join('');
  return new RealtimeClientEventError(
    `Invalid value: '${String(value)}'. Supported values are: ${list}.`,
    'invalid_value',
    param,
  );
}

/** `Unknown parameter: 'session.foo'.` */
export function unknownParameter(param: string): RealtimeClientEventError {
  return new RealtimeClientEventError(`Unknown parameter: '${param}'.`, 'unknown_parameter', param);
}
