import type { ChatMessage } from '@switchboard/core';
import type { CountContext } from './count-context.js';
import { countImagePart } from './count-image-part.js';

/** The chat format's overhead: every message is `<|start|>{role/name}\n{content}<|end|>\n`. */
export const TOKENS_PER_MESSAGE = 3;
/** A `name` costs its tokens plus one. */
export const TOKENS_PER_NAME = 1;
/** Every reply is primed with `<|start|>assistant<|message|>`. */
export const REPLY_PRIMING_TOKENS = 3;
/** Assumed framing of one tool call in an assistant message (not published; an estimate). */
const TOKENS_PER_TOOL_CALL = 3;

/** Tokens of one message, split into text (with overhead) and images. */
export interface MessageCount {
  /** Overhead, role, name and text. */
  text: number;
  /** Image parts. */
  images: number;
  /** Number of image parts. */
  imageCount: number;
  /** Whether the text figure follows the verified formula. */
  textExact: boolean;
  /** Whether every image figure is exact. */
  imagesExact: boolean;
}

/**
 * The cookbook's per-message formula: 3 tokens, plus the tokens of every field's value (role, content, name), plus
 * 1 for a name. Text-only system, user and assistant messages are exact for the verified models; tool calls, tool
 * results, refusals and messages with several text parts are rendered in ways OpenAI has not published, so those
 * are estimates (their text plus a small framing allowance).
 */
export function countMessage(message: ChatMessage, context: CountContext): MessageCount {
  const count = context.countText;
  let text = TOKENS_PER_MESSAGE + count(message.role);
  let textExact = context.verified;
  let images = 0;
  let imageCount = 0;
  let imagesExact = true;
  if ('name' in message && message.name !== undefined) text += count(message.name) + TOKENS_PER_NAME;
  switch (message.role) {
    case 'system':
      text += count(message.content);
      break;
    case 'tool':
      text += count(message.content);
      textExact = false;
      break;
    case 'assistant':
      if (message.content) text += count(message.content);
      if (message.refusal) {
        text += count(message.refusal);
        textExact = false;
      }
      for (const call of message.toolCalls ?? []) {
        text += TOKENS_PER_TOOL_CALL + count(call.name) + count(call.arguments);
        textExact = false;
      }
      break;
    case 'user': {
      if (typeof message.content === 'string') {
        text += count(message.content);
        break;
      }
      let textParts = 0;
      for (const part of message.content) {
        if (part.type === 'text') {
          text += count(part.text);
          textParts++;
        } else {
          const image = countImagePart(part, context);
          images += image.tokens;
          imagesExact &&= image.exact;
          imageCount++;
        }
      }
      if (textParts > 1) textExact = false;
      break;
    }
  }
  return { text, images, imageCount, textExact, imagesExact };
}
