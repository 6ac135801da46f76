/** An audio format of the GA Realtime API (`session.audio.input.format` / `output.format`). */
export type RealtimeAudioFormat = { type: 'audio/pcm'; rate: 24000 } | { type: 'audio/pcmu' } | { type: 'audio/pcma' };

/** The format the real service defaults to: 16-bit little-endian mono PCM at 24 kHz. */
export const PCM16_24KHZ: RealtimeAudioFormat = { type: 'audio/pcm', rate: 24000 };

const SINE_HZ = 440;
const SINE_AMPLITUDE = 0.25 * 0x7fff;
/** G.711 encodes digital silence as these bytes; the mock sends silence for the 8 kHz formats. */
const G711_SILENCE = { 'audio/pcmu': 0xff, 'audio/pcma': 0xd5 } as const;

/** Bytes per second of audio in `format` (PCM16 at 24 kHz is 48,000; G.711 at 8 kHz is 8,000). */
export function bytesPerSecond(format: RealtimeAudioFormat): number {
  return format.type === 'audio/pcm' ? format.rate * 2 : 8000;
}

/** How many milliseconds of audio `byteLength` bytes hold in `format`. */
export function audioDurationMs(byteLength: number, format: RealtimeAudioFormat): number {
  return (byteLength / bytesPerSecond(format)) * 1000;
}

/**
 * Synthesises `durationMs` of audio in `format`: a 440 Hz sine for PCM16 (continuing from `startSample`, so
 * consecutive chunks join without clicks), silence for G.711. Deterministic, so tests can compare bytes.
 */
export function synthesizeAudio(durationMs: number, format: RealtimeAudioFormat, startSample = 0): Buffer {
  const byteLength = Math.round((durationMs / 1000) * bytesPerSecond(format));
  if (format.type !== 'audio/pcm') return Buffer.alloc(byteLength, G711_SILENCE[format.type]);
  const samples = Math.floor(byteLength / 2);
  const buffer = Buffer.alloc(samples * 2);
  for (let index = 0; index < samples; index++) {
    const phase = (2 * Math.PI * SINE_HZ * (startSample + index)) / format.rate;
    buffer.writeInt16LE(Math.round(Math.sin(phase) * SINE_AMPLITUDE), index * 2);
  }
  return buffer;
}

/** True when `value` is a format object the GA API accepts. */
export function isAudioFormat(value: unknown): value is RealtimeAudioFormat {
  if (typeof value !== 'object' || value === null) return false;
  const { type, rate } = value as { type?: unknown; rate?: unknown };
  if (type === 'audio/pcm') return rate === undefined || rate === 24000;
  return type === 'audio/pcmu' || type === 'audio/pcma';
}

/** Normalises an accepted format (the API fills in `rate: 24000` for PCM when it is left out). */
export function normalizeAudioFormat(format: RealtimeAudioFormat): RealtimeAudioFormat {
  return format.type === 'audio/pcm' ? { type: 'audio/pcm', rate: 24000 } : { type: format.type };
}
