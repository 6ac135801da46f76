import type { ChatMessage, ChatRequest } from '../types/chat-request.js';
import type { EmbeddingRequest } from '../types/embedding.js';
import type { ImageRequest } from '../types/image.js';

/** A request whose tokens can be estimated without a tokenizer. */
export type TokenEstimateRequest = ChatRequest | EmbeddingRequest | ImageRequest;

/**
 * OpenAI's counting guide (the cookbook's "How to count tokens with tiktoken", for gpt-3.5-turbo-0613 and later,
 * gpt-4 and gpt-4o): every message costs 3 tokens of framing besides its content, and every reply is primed with 3.
 */
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING_TOKENS = 3;
/**
 * OpenAI's vision guide: a low-detail image costs 85 tokens; a high-detail one 85 plus 170 per 512-pixel tile. The
 * size is unknown here, so `high` and `auto` assume the guide's 1024 × 1024 example (4 tiles: 765), which errs high
 * for small images, as a limiter's estimate should.
 */
const IMAGE_TOKENS = { low: 85, high: 765 } as const;

/**
 * The one tokenizer-free estimate of a request's input tokens, shared by the rate limiter and the batch planner:
 * about four characters per token (OpenAI's rule of thumb for English) for each text, role, tool call, tool definition
 * and JSON schema, plus the documented chat framing and image prices above. Embeddings count their inputs; image
 * requests their prompt. Output tokens are not included (see `maxOutputTokens`).
 */
export function estimateInputTokens(request: TokenEstimateRequest): number {
  if ('messages' in request) {
    let tokens = REPLY_PRIMING_TOKENS;
    for (const message of request.messages) tokens += TOKENS_PER_MESSAGE + messageTokens(message);
    if (request.tools?.length) tokens += textTokens(JSON.stringify(request.tools));
    if (request.responseFormat?.type === 'json_schema') {
      tokens += textTokens(JSON.stringify(request.responseFormat.schema));
    }
    return tokens;
  }
  if ('input' in request) {
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    return inputs.reduce((sum, text) => sum + textTokens(text), 0);
  }
  return textTokens(request.prompt);
}

/** About four characters per token, rounded up. */
export function textTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function messageTokens(message: ChatMessage): number {
  const role = textTokens(message.role);
  switch (message.role) {
    case 'system':
    case 'tool':
      return role + textTokens(message.content);
    case 'assistant': {
      let tokens = role + textTokens(message.content ?? '');
      for (const call of message.toolCalls ?? []) tokens += textTokens(call.name) + textTokens(call.arguments);
      return tokens;
    }
    case 'user': {
      if (typeof message.content === 'string') return role + textTokens(message.content);
      let tokens = role;
      for (const part of message.content) {
        if (part.type === 'text') tokens += textTokens(part.text);
        else tokens += part.detail === 'low' ? IMAGE_TOKENS.low : IMAGE_TOKENS.high;
      }
      return tokens;
    }
  }
}
