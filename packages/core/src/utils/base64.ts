/** Bytes per `String.fromCharCode` call: well under every engine's argument limit. */
const CHUNK = 0x8000;

/**
 * Encodes bytes as standard base64 with web-standard `btoa` (no `Buffer`), so it runs in browsers, workers, Deno and
 * Bun as in Node.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  }
  return btoa(binary);
}

/** Decodes standard (or URL-safe) base64 into bytes with web-standard `atob`; throws on characters outside it. */
export function base64ToBytes(base64: string): Uint8Array {
  const standard = base64.replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, '');
  const binary = atob(standard);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
