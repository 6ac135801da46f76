/**
 * Close codes after which the session reconnects: going away (1001), no status (1005), abnormal closure without a
 * close frame (1006), internal error (1011), service restart (1012) and try again later (1013). Normal closure (1000)
 * and every other code (protocol errors, policy violations, application codes) end the session.
 */
export const RECONNECT_CLOSE_CODES: ReadonlySet<number> = new Set([1001, 1005, 1006, 1011, 1012, 1013]);

/** The normal close code. */
export const NORMAL_CLOSURE = 1000;

/** True when a connection that closed with `code` should be re-established. */
export function isReconnectableClose(code: number): boolean {
  return RECONNECT_CLOSE_CODES.has(code);
}

const NAMES: Record<number, string> = {
  1000: 'normal closure',
  1001: 'going away',
  1002: 'protocol error',
  1003: 'unsupported data',
  1005: 'no status',
  1006: 'abnormal closure',
  1007: 'invalid payload',
  1008: 'policy violation',
  1009: 'message too big',
  1010: 'missing extension',
  1011: 'internal error',
  1012: 'service restart',
  1013: 'try again later',
  1014: 'bad gateway',
  1015: 'TLS handshake failure',
};

/** A short description of a close code, for messages. */
export function describeCloseCode(code: number): string {
  const name = NAMES[code] ?? (code >= 4000 ? 'application code' : 'unknown code');
  return `${code} (${name})`;
}
