import { describe, expect, it } from 'vitest';
import {
  audioDurationMs,
  bytesPerSecond,
  isAudioFormat,
  normalizeAudioFormat,
  PCM16_24KHZ,
  synthesizeAudio,
} from './audio.js';

describe('audio', () => {
  it('synthesises a continuous 440 Hz PCM16 sine', () => {
    const whole = synthesizeAudio(20, PCM16_24KHZ);
    expect(whole).toHaveLength(960);
    const first = synthesizeAudio(10, PCM16_24KHZ);
    const second = synthesizeAudio(10, PCM16_24KHZ, first.length / 2);
    expect(Buffer.concat([first, second]).equals(whole)).toBe(true);
    expect(whole.readInt16LE(0)).toBe(0);
    const peak = Math.max(...Array.from({ length: 480 }, (_, index) => whole.readInt16LE(index * 2)));
    expect(peak).toBeGreaterThan(8000);
    expect(peak).toBeLessThanOrEqual(0x7fff / 4 + 1);
  });

  it('sends G.711 silence at 8 kHz', () => {
    expect(synthesizeAudio(100, { type: 'audio/pcmu' }).equals(Buffer.alloc(800, 0xff))).toBe(true);
    expect(synthesizeAudio(100, { type: 'audio/pcma' }).equals(Buffer.alloc(800, 0xd5))).toBe(true);
  });

  it('knows byte rates, durations and which formats exist', () => {
    expect(bytesPerSecond(PCM16_24KHZ)).toBe(48_000);
    expect(audioDurationMs(4800, PCM16_24KHZ)).toBe(100);
    expect(isAudioFormat({ type: 'audio/pcm' })).toBe(true);
    expect(isAudioFormat({ type: 'audio/pcm', rate: 16000 })).toBe(false);
    expect(isAudioFormat({ type: 'audio/pcma' })).toBe(true);
    expect(isAudioFormat(null)).toBe(false);
    expect(isAudioFormat('audio/pcm')).toBe(false);
    expect(normalizeAudioFormat({ type: 'audio/pcm', rate: 24000 })).toEqual(PCM16_24KHZ);
    expect(normalizeAudioFormat({ type: 'audio/pcmu' })).toEqual({ type: 'audio/pcmu' });
  });
});
