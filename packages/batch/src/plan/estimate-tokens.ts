import type { ChatRequest, EmbeddingRequest } from '@switchboard/core';

/** Counts (or estimates) the input tokens of one request. */
export type EstimateTokens = (request: ChatRequest | EmbeddingRequest) => number | Promise<number>;

/** Tokens an image is assumed to take when no tokenizer is there to count it (one high-detail tile plus base). */
const IMAGE_TOKENS = 255;
/** Per-message overhead of the chat format (role and separators). */
const MESSAGE_TOKENS = 3;
/** Tokens that prime the reply. */
const REPLY_TOKENS = 3;

/**
 * A tokenizer-free estimate of a request's input tokens: characters / 4 (OpenAI's rule of thumb for English) plus
 * the chat format's per-message overhead, tool definitions as JSON, and a fixed amount per image.
 */
export function heuristicTokenEstimate(request: ChatRequest | EmbeddingRequest): number {
  if ('input' in request) {
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    return inputs.reduce((sum, text) => sum + textTokens(text), 0);
  }
  let tokens = REPLY_TOKENS;
  for (const message of request.messages) {
    tokens += MESSAGE_TOKENS;
    if (message.role === 'tool') tokens += textTokens(message.content);
    else if (message.role === 'assistant') {
      tokens += textTokens(message.content ?? '');
      for (const call of message.toolCalls ?? []) tokens += textTokens(call.name) + textTokens(call.arguments);
    } else if (typeof message.content === 'string') tokens += textTokens(message.content);
    else {
      for (const part of message.content) tokens += part.type === 'text' ? textTokens(part.text) : IMAGE_TOKENS;
    }
  }
  for (const tool of request.tools ?? []) tokens += textTokens(JSON.stringify(tool));
  return tokens;
}

function textTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
