import { describe, expect, it } from 'vitest';
import { DemoError } from '../cli/demo-error.js';
import { encodeWav, parseWav, REALTIME_SAMPLE_RATE, toRealtimePcm16 } from './wav.js';

/** A WAV file with any header fields, for formats `encodeWav` does not write. */
function wav(options: {
  tag: number;
  channels: number;
  rate: number;
  bits: number;
  data: Uint8Array;
  extensible?: boolean;
  extraChunk?: boolean;
}): Uint8Array {
  const fmtSize = options.extensible ? 40 : 16;
  const extra = options.extraChunk ? 8 + 3 + 1 : 0;
  const bytes = new Uint8Array(12 + 8 + fmtSize + extra + 8 + options.data.byteLength);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.byteLength - 8, true);
  ascii(8, 'WAVE');
  let offset = 12;
  if (options.extraChunk) {
    ascii(offset, 'LIST');
    view.setUint32(offset + 4, 3, true);
    offset += 8 + 4; // odd-sized chunks are padded to an even length
  }
  ascii(offset, 'fmt ');
  view.setUint32(offset + 4, fmtSize, true);
  view.setUint16(offset + 8, options.extensible ? 0xfffe : options.tag, true);
  view.setUint16(offset + 10, options.channels, true);
  view.setUint32(offset + 12, options.rate, true);
  view.setUint16(offset + 22, options.bits, true);
  if (options.extensible) view.setUint16(offset + 8 + 24, options.tag, true);
  offset += 8 + fmtSize;
  ascii(offset, 'data');
  view.setUint32(offset + 4, options.data.byteLength, true);
  bytes.set(options.data, offset + 8);
  return bytes;
}

describe('parseWav', () => {
  it('reads what encodeWav writes', () => {
    const samples = Int16Array.from([0, 16384, -16384, 32767, -32768]);
    const audio = parseWav(encodeWav(samples, 24_000));
    expect(audio).toMatchObject({ sampleRate: 24_000, encoding: 'pcm16' });
    expect(Array.from(audio.channels[0] as Float32Array)).toEqual([0, 0.5, -0.5, 32767 / 32768, -1]);
    expect(Array.from(toRealtimePcm16(audio))).toEqual(Array.from(samples));
  });

  it('reads 8-, 24- and 32-bit integers and 32-bit floats, in extensible headers and after other chunks', () => {
    const eight = parseWav(
      wav({ tag: 1, channels: 1, rate: 8000, bits: 8, data: Uint8Array.from([128, 192, 64]), extraChunk: true }),
    );
    expect(Array.from(eight.channels[0] as Float32Array)).toEqual([0, 0.5, -0.5]);
    const twentyFour = parseWav(
      wav({ tag: 1, channels: 1, rate: 8000, bits: 24, data: Uint8Array.from([0, 0, 0x40, 0, 0, 0xc0]) }),
    );
    expect(Array.from(twentyFour.channels[0] as Float32Array)).toEqual([0.5, -0.5]);
    const int32 = new Uint8Array(new Int32Array([1 << 30]).buffer);
    expect(
      Array.from(
        parseWav(wav({ tag: 1, channels: 1, rate: 8000, bits: 32, data: int32, extensible: true }))
          .channels[0] as Float32Array,
      ),
    ).toEqual([0.5]);
    const float = new Uint8Array(new Float32Array([0.25, -0.75]).buffer);
    const floats = parseWav(wav({ tag: 3, channels: 2, rate: 48_000, bits: 32, data: float }));
    expect(floats).toMatchObject({ encoding: 'float32', sampleRate: 48_000 });
    expect(floats.channels.map((channel) => Array.from(channel))).toEqual([[0.25], [-0.75]]);
  });

  it('refuses what is not PCM, with how to convert it', () => {
    const fail = (bytes: Uint8Array) => {
      try {
        parseWav(bytes, 'x.wav');
      } catch (error) {
        expect(error).toBeInstanceOf(DemoError);
        return `${(error as DemoError).message} ${(error as DemoError).hint}`;
      }
      throw new Error('parsed');
    };
    expect(fail(new TextEncoder().encode('ID3 an mp3 file'))).toMatch(
      /^x\.wav is not a WAV file .* ffmpeg -i in\.wav -ac 1 -ar 24000 -c:a pcm_s16le out\.wav\.$/,
    );
    expect(fail(wav({ tag: 7, channels: 1, rate: 8000, bits: 8, data: new Uint8Array(4) }))).toMatch(
      /holds µ-law audio, not PCM/,
    );
    expect(fail(wav({ tag: 0x99, channels: 1, rate: 8000, bits: 8, data: new Uint8Array(4) }))).toMatch(
      /holds format 153 audio/,
    );
    expect(fail(wav({ tag: 1, channels: 1, rate: 8000, bits: 12, data: new Uint8Array(4) }))).toMatch(
      /holds 12-bit integer audio/,
    );
    expect(fail(wav({ tag: 3, channels: 1, rate: 8000, bits: 64, data: new Uint8Array(8) }))).toMatch(
      /holds 64-bit float audio/,
    );
    expect(fail(wav({ tag: 1, channels: 0, rate: 8000, bits: 16, data: new Uint8Array(4) }))).toMatch(
      /damaged WAV header/,
    );
    const noData = encodeWav(new Int16Array(2), 24_000).subarray(0, 36);
    expect(fail(noData)).toMatch(/damaged WAV file \(no data chunk\)/);
    const noFormat = new Uint8Array(12);
    noFormat.set(new TextEncoder().encode('RIFF\0\0\0\0WAVE'));
    expect(fail(noFormat)).toMatch(/no fmt chunk/);
  });
});

describe('toRealtimePcm16', () => {
  it('mixes channels down and resamples to 24 kHz', () => {
    const audio = {
      sampleRate: 48_000,
      encoding: 'pcm16',
      channels: [Float32Array.from([0.5, 0.5, 0.5, 0.5]), Float32Array.from([0, 0, 0, 0])],
    };
    expect(Array.from(toRealtimePcm16(audio))).toEqual([8192, 8192]);
    const up = toRealtimePcm16({ sampleRate: 12_000, encoding: 'pcm16', channels: [Float32Array.from([0, 1])] });
    expect(Array.from(up)).toEqual([0, 16384, 32767, 32767]);
    expect(REALTIME_SAMPLE_RATE).toBe(24_000);
    expect(toRealtimePcm16({ sampleRate: 24_000, encoding: 'pcm16', channels: [] })).toHaveLength(0);
  });
});
