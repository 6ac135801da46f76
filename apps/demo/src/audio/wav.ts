import { DemoError } from '../cli/demo-error.js';

/** The sample rate the Realtime API's PCM16 input expects. */
export const REALTIME_SAMPLE_RATE = 24_000;

/** The audio of a WAV file as floats in [-1, 1], one array per channel. */
export interface WavAudio {
  /** Samples per second. */
  sampleRate: number;
  /** Channel data. */
  channels: Float32Array[];
  /** The encoding as found: `pcm16`, `pcm24`, `float32`... */
  encoding: string;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

const FIX = 'Convert it first, e.g. ffmpeg -i in.wav -ac 1 -ar 24000 -c:a pcm_s16le out.wav.';

/**
 * Reads a RIFF/WAVE file with integer PCM (8, 16, 24 or 32 bits) or 32-bit float samples, any channel count and
 * any sample rate. Compressed encodings (µ-law, ADPCM, ...) and damaged files are DemoErrors saying how to convert.
 */
export function parseWav(bytes: Uint8Array, name = 'the file'): WavAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.byteLength < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') {
    throw new DemoError(`${name} is not a WAV file (no RIFF/WAVE header).`, FIX);
  }
  let format: { tag: number; channels: number; sampleRate: number; bits: number } | undefined;
  let data: Uint8Array | undefined;
  for (let offset = 12; offset + 8 <= bytes.byteLength; ) {
    const id = ascii(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ' && size >= 16) {
      let tag = view.getUint16(body, true);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
      if (tag === FORMAT_EXTENSIBLE && size >= 40) tag = view.getUint16(body + 24, true);
      format = {
        tag,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      data = bytes.subarray(body, Math.min(body + size, bytes.byteLength));
    }
    offset = body + size + (size % 2);
  }
  if (!format || !data)
    throw new DemoError(`${name} is a damaged WAV file (no ${format ? 'data' : 'fmt'} chunk).`, FIX);
  const encoding = encodingOf(format.tag, format.bits);
  if (!encoding) {
    throw new DemoError(`${name} holds ${describeTag(format.tag, format.bits)} audio, not PCM.`, FIX);
  }
  if (format.channels < 1 || format.sampleRate < 1) throw new DemoError(`${name} has a damaged WAV header.`, FIX);
  return { sampleRate: format.sampleRate, channels: decode(data, format.channels, format.bits, format.tag), encoding };
}

function encodingOf(tag: number, bits: number): string | undefined {
  if (tag === FORMAT_PCM && [8, 16, 24, 32].includes(bits)) return `pcm${bits}`;
  if (tag === FORMAT_FLOAT && bits === 32) return 'float32';
  return undefined;
}

function describeTag(tag: number, bits: number): string {
  const names: Record<number, string> = { 2: 'ADPCM', 6: 'A-law', 7: 'µ-law', 85: 'MP3', 17: 'IMA ADPCM' };
  if (tag === FORMAT_PCM || tag === FORMAT_FLOAT) return `${bits}-bit ${tag === FORMAT_PCM ? 'integer' : 'float'}`;
  return names[tag] ?? `format ${tag}`;
}

function decode(data: Uint8Array, channelCount: number, bits: number, tag: number): Float32Array[] {
  const bytesPerSample = bits / 8;
  const frames = Math.floor(data.byteLength / (bytesPerSample * channelCount));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  for (let frame = 0; frame < frames; frame++) {
    for (let channel = 0; channel < channelCount; channel++) {
      const offset = (frame * channelCount + channel) * bytesPerSample;
      (channels[channel] as Float32Array)[frame] = readSample(view, offset, bits, tag);
    }
  }
  return channels;
}

function readSample(view: DataView, offset: number, bits: number, tag: number): number {
  if (tag === FORMAT_FLOAT) return view.getFloat32(offset, true);
  switch (bits) {
    case 8:
      return (view.getUint8(offset) - 128) / 128;
    case 16:
      return view.getInt16(offset, true) / 32_768;
    case 24: {
      const value = view.getUint8(offset) | (view.getUint8(offset + 1) << 8) | (view.getInt8(offset + 2) << 16);
      return value / 8_388_608;
    }
    default:
      return view.getInt32(offset, true) / 2_147_483_648;
  }
}

/**
 * PCM16 mono at 24 kHz, what the Realtime API takes: channels are averaged and other rates resampled by linear
 * interpolation (simple, and good enough for speech).
 */
export function toRealtimePcm16(audio: WavAudio): Int16Array {
  const frames = audio.channels[0]?.length ?? 0;
  const mono = new Float32Array(frames);
  for (const channel of audio.channels)
    for (let i = 0; i < frames; i++) mono[i] = (mono[i] as number) + (channel[i] as number) / audio.channels.length;
  const ratio = audio.sampleRate / REALTIME_SAMPLE_RATE;
  const length = Math.floor(frames / ratio);
  const out = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    const position = i * ratio;
    const index = Math.floor(position);
    const next = Math.min(index + 1, frames - 1);
    const sample = (mono[index] as number) + ((mono[next] as number) - (mono[index] as number)) * (position - index);
    out[i] = Math.max(-32_768, Math.min(32_767, Math.round(sample * 32_768)));
  }
  return out;
}

/** A PCM16 mono WAV file (the bundled sample is made this way; tests use it too). */
export function encodeWav(samples: Int16Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.byteLength);
  const view = new DataView(bytes.buffer);
  const writeAscii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  writeAscii(0, 'RIFF');
  view.setUint32(4, 36 + samples.byteLength, true);
  writeAscii(8, 'WAVE');
  writeAscii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  writeAscii(36, 'data');
  view.setUint32(40, samples.byteLength, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(44 + i * 2, samples[i] as number, true);
  return bytes;
}
