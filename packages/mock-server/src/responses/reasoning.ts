import { generateAnswerTokens, hashString } from '../text-generator.js';
import type { ReasoningEffort } from './responses-request.js';

/** Models that reason (and report reasoning tokens): the o-series and GPT-5. */
export function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model);
}

/** The effort a reasoning model uses when the request names none (the documented default). */
export const DEFAULT_EFFORT: ReasoningEffort = 'medium';

const BASE_TOKENS: Record<ReasoningEffort, number> = {
  none: 0,
  minimal: 16,
  low: 64,
  medium: 192,
  high: 448,
  xhigh: 960,
};

/** Reasoning tokens for one answer: grows with the effort, varies a little (seeded) with the prompt. */
export function reasoningTokens(effort: ReasoningEffort, prompt: string, seed: number): number {
  const base = BASE_TOKENS[effort];
  return base === 0 ? 0 : base + (hashString(prompt, seed) % Math.max(8, base >> 2));
}

/** The reasoning summary text (a bold title, then a sentence), split into stream deltas. */
export function summaryTokens(prompt: string, seed: number): string[] {
  const body = generateAnswerTokens({ prompt, seed: seed ^ 0x51, minTokens: 10, maxTokens: 20 });
  return ['**Planning', ' the', ' answer**', '\n\n', 'Thinking', ' it', ' through:', ...body.slice(3)];
}

const MARK = 'gAAAAAB';
const CHECK_SEED = 0x7e57;

/**
 * Opaque reasoning content for `include: ['reasoning.encrypted_content']` (what `store: false` callers carry
 * between turns). The mock's "encryption" is an encoding with a checksum: the point is that a client sends it back
 * unchanged, and a changed or foreign blob is refused as the real API refuses it.
 */
export function encryptReasoning(id: string): string {
  const payload = JSON.stringify({ id, check: hashString(id, CHECK_SEED) });
  return MARK + Buffer.from(payload, 'utf8').toString('base64url');
}

/** The item id an encrypted blob belongs to, or undefined when it is not one the mock made. */
export function readEncryptedReasoning(blob: string): string | undefined {
  if (!blob.startsWith(MARK)) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(blob.slice(MARK.length), 'base64url').toString('utf8')) as {
      id?: unknown;
      check?: unknown;
    };
    if (typeof parsed.id !== 'string' || encryptReasoning(parsed.id) !== blob) return undefined;
    return parsed.id;
  } catch {
    return undefined;
  }
}
