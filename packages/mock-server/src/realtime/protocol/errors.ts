import { ApiError } from '../../http/api-error.js';
import {
  describeJsonType,
  invalidTypeMessage,
  missingParameterMessage,
  unknownParameterMessage,
  unsupportedValueMessage,
} from '../../vocabulary/messages.js';

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
 * an `error` server event carrying the offending client event's id, and the session carries on. It is the HTTP
 * routes' ApiError (a 400 with the same error object), so both halves throw one kind of error.
 */
export class RealtimeClientEventError extends ApiError {
  readonly code: string;
  readonly param: string | null;
  readonly errorType: string;

  constructor(message: string, code: string, param: string | null = null, errorType = 'invalid_request_error') {
    super(400, { message, type: errorType, param, code });
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

export { describeJsonType };

/** `Missing required parameter: 'session.type'.` */
export function missingParameter(param: string): RealtimeClientEventError {
  return new RealtimeClientEventError(missingParameterMessage(param), 'missing_required_parameter', param);
}

/** `Invalid type for 'session.instructions': expected a string, but got an integer instead.` */
export function invalidType(param: string, expected: string, value: unknown): RealtimeClientEventError {
  return new RealtimeClientEventError(invalidTypeMessage(param, expected, value), 'invalid_type', param);
}

/** `Invalid value: 'speech'. Supported values are: 'text' and 'audio'.` */
export function invalidValue(param: string, value: unknown, supported: readonly string[]): RealtimeClientEventError {
  return new RealtimeClientEventError(unsupportedValueMessage(value, supported, false), 'invalid_value', param);
}

/** `Unknown parameter: 'session.foo'.` */
export function unknownParameter(param: string): RealtimeClientEventError {
  return new RealtimeClientEventError(unknownParameterMessage(param), 'unknown_parameter', param);
}
