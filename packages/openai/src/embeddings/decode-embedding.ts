import { base64ToBytes } from '@switchboard/core/utils';

/** True on little-endian hardware (nearly all), where the bytes can be copied as they are. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Decodes an embedding sent as base64 (little-endian float32, as the API sends it) or as a number array into a
 * `Float32Array` that owns its memory.
 */
export function decodeEmbedding(embedding: string | readonly number[]): Float32Array {
  if (typeof embedding !== 'string') return Float32Array.from(embedding);
  const bytes = base64ToBytes(embedding);
  const count = Math.floor(bytes.byteLength / 4);
  const out = new Float32Array(count);
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes.subarray(0, count * 4));
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
