import { type ChatMessage, type ChatRequest, ContextLengthError } from '@switchboard/core';
import type { ChatTokenCount } from '../count/chat-token-count.js';
import { messageUnits } from './message-units.js';
import { type TextCodec, truncateText } from './truncate-text.js';

/** Options of `fitToContext`. */
export interface FitToContextOptions {
  /** The model whose context window and encoding apply. Defaults to `request.model`. */
  model?: string;
  /** Tokens kept free for the answer. Defaults to `request.maxOutputTokens`, or 0. */
  reserveOutputTokens?: number;
  /** The context window, when the catalog's figure should not be used (or the model is unknown to it). */
  contextWindow?: number;
  /** Shorten the oldest message that is over the budget instead of dropping it whole. Default true. */
  truncate?: boolean;
  /** A message is truncated only if at least this many of its content tokens remain; else it is dropped. Default 32. */
  minTruncatedTokens?: number;
}

/** A message `fitToContext` removed or shortened. */
export interface RemovedMessage {
  /** Its index in the original request's messages. */
  index: number;
  /** Its role. */
  role: ChatMessage['role'];
  /** `dropped` (removed whole) or `truncated` (its text shortened from the end). */
  action: 'dropped' | 'truncated';
  /** Tokens it gave up. */
  tokens: number;
  /** The message as it was. */
  message: ChatMessage;
}

/** What `fitToContext` did. */
export interface FitToContextResult {
  /** The request that fits: the same object when nothing had to go, else a copy with fewer or shorter messages. */
  request: ChatRequest;
  /** Removed and truncated messages, oldest first. */
  removed: RemovedMessage[];
  /** Prompt tokens of the returned request. */
  tokens: number;
  /** Prompt tokens of the original request. */
  tokensBefore: number;
  /** The most prompt tokens allowed: the context window minus the reserved output tokens. */
  budget: number;
  /** The context window used. */
  contextWindow: number;
}

/** What fitting needs from the tokenizer, for the request's model. */
export interface FitDependencies extends TextCodec {
  /** Counts a request. */
  countRequest(request: ChatRequest): ChatTokenCount;
}

/**
 * Drops the oldest non-system messages (an assistant's tool calls always together with their results) until the
 * request fits `contextWindow - reserveOutputTokens`; the message that crosses the line is shortened instead when
 * enough of it would remain. System messages and the newest message are never dropped; if the request still does
 * not fit, a ContextLengthError says by how much.
 */
export function fitRequest(
  request: ChatRequest,
  settings: { budget: number; contextWindow: number; truncate: boolean; minTruncatedTokens: number },
  dependencies: FitDependencies,
): FitToContextResult {
  const { budget, contextWindow } = settings;
  const before = dependencies.countRequest(request);
  if (before.total <= budget) {
    return { request, removed: [], tokens: before.total, tokensBefore: before.total, budget, contextWindow };
  }
  const units = messageUnits(request.messages).filter((unit) => !unit.system);
  const replaced = new Map<number, ChatMessage | undefined>();
  const removed: RemovedMessage[] = [];
  let total = before.total;
  for (let position = 0; position < units.length && total > budget; position++) {
    const unit = units[position] as (typeof units)[number];
    const newest = position === units.length - 1;
    const over = total - budget;
    const index = unit.indexes[0] as number;
    const message = request.messages[index] as ChatMessage;
    const text = unit.indexes.length === 1 ? truncatableText(message) : undefined;
    if (settings.truncate && text !== undefined) {
      const contentTokens = dependencies.count(text);
      const keep = contentTokens - over;
      if (keep >= settings.minTruncatedTokens || (newest && keep > 0)) {
        const shortened = { ...message, content: truncateText(text, keep, dependencies) } as ChatMessage;
        const oldTokens = before.perMessage[index] as number;
        const newTokens = dependencies.countRequest({ ...request, messages: [shortened], tools: [] })
          .perMessage[0] as number;
        replaced.set(index, shortened);
        removed.push({ index, role: message.role, action: 'truncated', tokens: oldTokens - newTokens, message });
        total -= oldTokens - newTokens;
        continue;
      }
    }
    if (newest) break;
    for (const dropped of unit.indexes) {
      const tokens = before.perMessage[dropped] as number;
      const original = request.messages[dropped] as ChatMessage;
      replaced.set(dropped, undefined);
      removed.push({ index: dropped, role: original.role, action: 'dropped', tokens, message: original });
      total -= tokens;
    }
  }
  const messages: ChatMessage[] = [];
  request.messages.forEach((message, index) => {
    if (!replaced.has(index)) messages.push(message);
    else {
      const replacement = replaced.get(index);
      if (replacement) messages.push(replacement);
    }
  });
  const fitted = { ...request, messages };
  const after = dependencies.countRequest(fitted).total;
  if (after > budget) {
    throw new ContextLengthError({
      message:
        `The request needs ${after} prompt tokens after removing every message that may go, but the budget is ` +
        `${budget} (context window ${contextWindow} minus ${contextWindow - budget} reserved for output).`,
      source: 'client',
    });
  }
  removed.sort((a, b) => a.index - b.index);
  return { request: fitted, removed, tokens: after, tokensBefore: before.total, budget, contextWindow };
}

/** The text of a message that can be shortened: plain user text, or an assistant's text without tool calls. */
function truncatableText(message: ChatMessage): string | undefined {
  if (message.role === 'user' && typeof message.content === 'string') return message.content;
  if (message.role === 'assistant' && !message.toolCalls?.length && typeof message.content === 'string') {
    return message.content;
  }
  if (message.role === 'tool') return message.content;
  return undefined;
}
