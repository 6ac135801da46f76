import { audioDurationMs, type RealtimeAudioFormat } from '../protocol/audio.js';

const VOCABULARY = [
  'signal',
  'switchboard',
  'operator',
  'line',
  'circuit',
  'relay',
  'channel',
  'steady',
  'clear',
  'connected',
  'quietly',
  'today',
  'bright',
  'message',
  'patient',
  'careful',
] as const;
const QUOTE_LIMIT = 120;
const FILLER_WORDS = 8;

/** The answer to a conversation without any user text (for example a `response.create` on an empty session). */
export const GREETING = 'Hello! This is the Switchboard mock. How can I help you today?';

/** FNV-1a over the text, so the same prompt and seed give the same words on every run and machine. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/**
 * A deterministic reply to `userText`: it quotes the prompt (so tests can see which turn was answered) and adds a
 * few words chosen from the prompt's hash and `seed`.
 */
export function replyText(userText: string, seed = 0): string {
  const trimmed = userText.trim().replace(/\s+/g, ' ');
  const quote = trimmed.length > QUOTE_LIMIT ? `${trimmed.slice(0, QUOTE_LIMIT)}…` : trimmed;
  let state = hash(`${seed}:${trimmed}`) || 1;
  const words: string[] = [];
  for (let index = 0; index < FILLER_WORDS; index++) {
    // xorshift32: cheap, deterministic, good enough to vary the filler words.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    words.push(VOCABULARY[state % VOCABULARY.length] as string);
  }
  return `Mock reply to "${quote}": ${words.join(' ')}.`;
}

/** The reply after a tool call has been answered, quoting the tool's output. */
export function toolResultText(toolName: string, output: string): string {
  return `The ${toolName} tool returned: ${output}`;
}

/** What the mock "hears" in committed audio: a sentence derived only from its length. */
export function syntheticTranscript(byteLength: number, format: RealtimeAudioFormat): string {
  return `Synthetic transcript of ${Math.round(audioDurationMs(byteLength, format))} ms of audio.`;
}

/** Splits text into token-like deltas the way the real stream does: each word with its leading space. */
export function splitIntoDeltas(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/** A rough token count (four characters per token), at least one for non-empty text. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}
