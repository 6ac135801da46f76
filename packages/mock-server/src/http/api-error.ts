import { invalidTypeMessage, missingParameterMessage, unknownParameterMessage } from '../vocabulary/messages.js';

/** The `error` object of an OpenAI error body (the shape the official SDK parses). */
export interface OpenAIErrorObject {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/**
 * An error a route answers with. It carries the OpenAI-shaped error; the Azure surface renders it with Azure's
 * conventions (string `code`, optional `innererror`) through `azureBody`.
 */
export class ApiError extends Error {
  /** HTTP status to answer with. */
  readonly status: number;
  /** The OpenAI `error` object. */
  readonly error: OpenAIErrorObject;
  /** Extra headers (e.g. retry-after on a 429). */
  readonly headers: readonly string[];
  /** When set, the Azure surface sends this body instead of the converted OpenAI one. */
  readonly azureBody: unknown;

  constructor(
    status: number,
    error: Partial<OpenAIErrorObject> & { message: string },
    extra: { headers?: readonly string[]; azureBody?: unknown } = {},
  ) {
    super(error.message);
    this.name = 'ApiError';
    this.status = status;
    this.error = {
      message: error.message,
      type: error.type ?? 'invalid_request_error',
      param: error.param ?? null,
      code: error.code ?? null,
    };
    this.headers = extra.headers ?? [];
    this.azureBody = extra.azureBody;
  }

  /** The OpenAI body: `{ error: { message, type, param, code } }`. */
  openaiBody(): { error: OpenAIErrorObject } {
    return { error: this.error };
  }

  /**
   * The Azure body. Azure passes most OpenAI-style validation errors through, but its `code` is always a string
   * (an HTTP-status string when OpenAI's is null) and `type`/`param` are left out when they are null.
   */
  toAzureBody(): unknown {
    if (this.azureBody !== undefined) return this.azureBody;
    const { message, type, param, code } = this.error;
    const error: Record<string, unknown> = { code: code ?? String(this.status), message };
    if (param !== null) error.param = param;
    if (type) error.type = type;
    return { error };
  }
}

/** 400 invalid_request_error with a parameter name. */
export function invalidRequest(message: string, param: string | null = null, code: string | null = null): ApiError {
  return new ApiError(400, { message, type: 'invalid_request_error', param, code });
}

/** The real message for a missing required parameter. */
export function missingParameter(param: string): ApiError {
  return invalidRequest(missingParameterMessage(param), param, 'missing_required_parameter');
}

/** The real message for a parameter the endpoint (or this model) does not take: `Unknown parameter: 'x'.` */
export function unknownParameter(param: string): ApiError {
  return invalidRequest(unknownParameterMessage(param), param, 'unknown_parameter');
}

/** The real message for a parameter of the wrong type (`expected` like "a string" or "an array"). */
export function invalidType(param: string, expected: string, value: unknown): ApiError {
  return invalidRequest(invalidTypeMessage(param, expected, value), param, 'invalid_type');
}

/** The real message for a value outside what a parameter accepts. */
export function invalidValue(param: string, message: string): ApiError {
  return invalidRequest(message, param, 'invalid_value');
}
