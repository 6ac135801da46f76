import { describe, expect, it } from 'vitest';
import { PCM16_24KHZ } from '../protocol/audio.js';
import { estimateTokens, replyText, splitIntoDeltas, syntheticTranscript, toolResultText } from './reply-text.js';

describe('reply text', () => {
  it('is deterministic per prompt and seed, and quotes the prompt', () => {
    expect(replyText('Hello')).toBe(replyText('Hello'));
    expect(replyText('Hello')).toMatch(/^Mock reply to "Hello": (\w+ ){7}\w+\.$/);
    expect(replyText('Hello', 1)).not.toBe(replyText('Hello', 2));
    expect(replyText('  spaced\n  out  ')).toMatch(/^Mock reply to "spaced out"/);
  });

  it('shortens long prompts in the quote', () => {
    const quote = /"(.*)"/.exec(replyText('x'.repeat(500)))?.[1] ?? '';
    expect(quote).toHaveLength(121);
    expect(quote.endsWith('…')).toBe(true);
  });

  it('splits into word deltas that join back to the text', () => {
    const text = 'The get_weather tool returned: {"a": 1}';
    expect(splitIntoDeltas(text)).toEqual(['The', ' get_weather', ' tool', ' returned:', ' {"a":', ' 1}']);
    expect(splitIntoDeltas(text).join('')).toBe(text);
    expect(splitIntoDeltas('   ')).toEqual([]);
    expect(toolResultText('t', 'out')).toBe('The t tool returned: out');
  });

  it('derives transcripts from audio length and estimates tokens', () => {
    expect(syntheticTranscript(48_000, PCM16_24KHZ)).toBe('Synthetic transcript of 1000 ms of audio.');
    expect(syntheticTranscript(800, { type: 'audio/pcmu' })).toBe('Synthetic transcript of 100 ms of audio.');
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('a')).toBe(1);
    expect(estimateTokens('abcdefghi')).toBe(3);
  });
});
