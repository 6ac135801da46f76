import type { ChatMessage, ChatRequest, EmbeddingRequest, ImageRequest } from '@switchboard/core';

/** A request whose token cost a limiter estimates. */
export type EstimatedRequest = ChatRequest | EmbeddingRequest | ImageRequest;

/** Estimates what a request costs against a tokens-per-minute limit, before it is sent. */
export type TokenEstimator = (request: EstimatedRequest) => number;

/** Tokens the chat format adds around every message, and once to prime the reply (as in OpenAI's counting guide). */
const TOKENS_PER_MESSAGE = 4;
const REPLY_PRIMING_TOKENS = 3;
/** What the API charges an image part, by detail level (a 512-pixel tile and the base cost). */
const IMAGE_TOKENS = { low: 85, high: 765 } as const;

/**
 * The default estimate when no tokenizer is injected: a quarter of the characters of each message (role and text),
 * the chat format's overhead per message, image parts at their detail-level price, the tool definitions, and the
 * whole `maxOutputTokens` reserved, since OpenAI and Azure charge that up front. Embeddings count their inputs; image
 * prompts count their text. Rounds up per message, so it errs on the high side.
 */
export function estimateTokens(request: EstimatedRequest): number {
  if ('messages' in request) return estimateChatTokens(request);
  if ('input' in request) {
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    return inputs.reduce((sum, text) => sum + quarter(text), 0);
  }
  return quarter(request.prompt);
}

/** The output tokens a request reserves up front (its `maxOutputTokens`; 0 for other operations). */
export function reservedOutputTokens(request: EstimatedRequest | undefined): number {
  return request && 'messages' in request ? (request.maxOutputTokens ?? 0) : 0;
}

function estimateChatTokens(request: ChatRequest): number {
  let tokens = REPLY_PRIMING_TOKENS + (request.maxOutputTokens ?? 0);
  for (const message of request.messages) tokens += TOKENS_PER_MESSAGE + messageTokens(message);
  if (request.tools?.length) tokens += quarter(JSON.stringify(request.tools));
  if (request.responseFormat?.type === 'json_schema') tokens += quarter(JSON.stringify(request.responseFormat.schema));
  return tokens;
}

function messageTokens(message: ChatMessage): number {
  const prefix = `${message.role}: `;
  switch (message.role) {
    case 'system':
    case 'tool':
      return quarter(`${prefix}${message.content}\n`);
    case 'assistant': {
      const calls = message.toolCalls?.map((call) => `${call.name}${call.arguments}`).join('') ?? '';
      return quarter(`${prefix}${message.content ?? ''}${calls}\n`);
    }
    case 'user': {
      if (typeof message.content === 'string') return quarter(`${prefix}${message.content}\n`);
      let text = '';
      let images = 0;
      for (const part of message.content) {
        if (part.type === 'text') text += part.text;
        else images += part.detail === 'low' ? IMAGE_TOKENS.low : IMAGE_TOKENS.high;
      }
      return quarter(`${prefix}${text}\n`) + images;
    }
  }
}

function quarter(text: string): number {
  return Math.ceil(text.length / 4);
}
