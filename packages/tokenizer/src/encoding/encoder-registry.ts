import type { EncodingName } from '@switchboard/core';
import { Encoder } from './encoder.js';

/** One encoder per encoding for the whole process: each holds tens of MB of WASM memory, so tokenizers share them. */
const encoders = new Map<EncodingName, Encoder>();

/** The shared encoder of `encoding`, created (and the WASM module loaded) on first use. */
export function sharedEncoder(encoding: EncodingName): Encoder {
  let encoder = encoders.get(encoding);
  if (!encoder) {
    encoder = new Encoder(encoding);
    encoders.set(encoding, encoder);
  }
  return encoder;
}

/**
 * Frees every shared encoder. Later calls create them again. WebAssembly memory cannot shrink, so the freed space is
 * reused by later encoders rather than returned to the system.
 */
export function freeSharedEncoders(): void {
  for (const encoder of encoders.values()) encoder.free();
  encoders.clear();
}
