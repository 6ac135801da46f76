import { InvalidRequestError } from '@switchboard/core';

/** PCM16 audio: samples, or their little-endian bytes. */
export type Pcm16Input = Int16Array | Uint8Array | ArrayBuffer;

/** The default size of one `input_audio_buffer.append`: 32 KiB of PCM16 (about 0.7 s at 24 kHz). */
export const DEFAULT_AUDIO_CHUNK_BYTES = 32 * 1024;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The little-endian bytes of PCM16 audio; throws InvalidRequestError for an odd number of bytes. */
export function pcm16Bytes(audio: Pcm16Input, platformLittleEndian = LITTLE_ENDIAN): Uint8Array {
  if (audio instanceof Int16Array) {
    if (platformLittleEndian) return new Uint8Array(audio.buffer, audio.byteOffset, audio.byteLength);
    // Typed arrays use the platform's byte order; the wire wants little-endian.
    const bytes = new Uint8Array(audio.byteLength);
    const view = new DataView(bytes.buffer);
    for (let index = 0; index < audio.length; index++) view.setInt16(index * 2, audio[index] as number, true);
    return bytes;
  }
  const bytes = audio instanceof Uint8Array ? audio : new Uint8Array(audio);
  if (bytes.byteLength % 2 !== 0) {
    throw new InvalidRequestError({
      message: `PCM16 audio has two bytes per sample; got ${bytes.byteLength} bytes.`,
      param: 'audio',
      source: 'client',
    });
  }
  return bytes;
}

/** Splits PCM16 bytes into chunks of at most `chunkBytes` (rounded down to whole samples). */
export function chunkPcm16(bytes: Uint8Array, chunkBytes = DEFAULT_AUDIO_CHUNK_BYTES): Uint8Array[] {
  const size = Math.max(2, chunkBytes - (chunkBytes % 2));
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.byteLength; start += size) chunks.push(bytes.subarray(start, start + size));
  return chunks;
}
