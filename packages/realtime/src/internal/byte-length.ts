const encoder = typeof Buffer === 'undefined' ? new TextEncoder() : undefined;

/** The UTF-8 size of `text` in bytes (what it costs on the wire). */
export function byteLength(text: string): number {
  return encoder ? encoder.encode(text).byteLength : Buffer.byteLength(text, 'utf8');
}
