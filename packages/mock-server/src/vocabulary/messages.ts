/**
 * The wording of the validation errors both halves answer with (HTTP error bodies and Realtime `error` events): one
 * place, so the HTTP routes and the WebSocket session describe a missing field, a wrong type or a value outside a
 * list in the same words as the real services.
 */

/** Describes a JSON value the way the real API's messages do ("an integer", "an object", ...). */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a decimal';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** `Missing required parameter: 'session.type'.` */
export function missingParameterMessage(param: string): string {
  return `Missing required parameter: '${param}'.`;
}

/** `Unknown parameter: 'session.foo'.` (the Realtime API, and the Images API for a parameter a model does not take) */
export function unknownParameterMessage(param: string): string {
  return `Unknown parameter: '${param}'.`;
}

/** `Invalid type for 'temperature': expected a decimal, but got a string instead.` */
export function invalidTypeMessage(param: string, expected: string, value: unknown): string {
  return `Invalid type for '${param}': expected ${expected}, but got ${describeJsonType(value)} instead.`;
}

/**
 * `Invalid value: 'speech'. Supported values are: 'text' and 'audio'.` The HTTP API lists three or more values with a
 * serial comma (`'a', 'b', and 'c'`); the Realtime API without (`'a', 'b' and 'c'`).
 */
export function unsupportedValueMessage(value: unknown, supported: readonly string[], serialComma: boolean): string {
  const quoted = supported.map((entry) => `'${entry}'`);
  let list = quoted.join('');
  if (quoted.length === 2) list = `${quoted[0]} and ${quoted[1]}`;
  else if (quoted.length > 2) list = `${quoted.slice(0, -1).join(', ')}${serialComma ? ',' : ''} and ${quoted.at(-1)}`;
  return `Invalid value: '${String(value)}'. Supported values are: ${list}.`;
}
