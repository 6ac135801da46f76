import type { ChatRequest, ResponseFormat } from '@switchboard/core';
import type { ChatTokenCount, TokenPart } from './chat-token-count.js';
import type { CountContext } from './count-context.js';
import { countMessage, REPLY_PRIMING_TOKENS } from './count-message.js';
import { countTools } from './count-tools.js';

/** Prompt tokens of a chat request: messages (with the reply priming), tools, images and response format. */
export function countChatRequest(request: ChatRequest, context: CountContext): ChatTokenCount {
  const perMessage: number[] = [];
  let messageTokens = REPLY_PRIMING_TOKENS;
  let messagesExact = context.verified;
  let imageTokens = 0;
  let imageCount = 0;
  let imagesExact = true;
  for (const message of request.messages) {
    const counted = countMessage(message, context);
    perMessage.push(counted.text + counted.images);
    messageTokens += counted.text;
    messagesExact &&= counted.textExact;
    imageTokens += counted.images;
    imageCount += counted.imageCount;
    imagesExact &&= counted.imagesExact;
  }
  const tools = countTools(request.tools, context);
  const responseFormat = countResponseFormat(request.responseFormat, context);
  const messages = { tokens: messageTokens, exact: messagesExact };
  const images = { tokens: imageTokens, exact: imagesExact, count: imageCount };
  return {
    total: messages.tokens + tools.tokens + images.tokens + responseFormat.tokens,
    messages,
    tools,
    images,
    responseFormat,
    exact: messages.exact && tools.exact && images.exact && responseFormat.exact,
    perMessage,
    model: context.model,
    encoding: context.encoding,
  };
}

/**
 * A `json_schema` response format is added to the prompt in a form OpenAI has not published: estimated as the
 * tokens of its name, description and schema JSON. `json` mode adds a few hidden tokens (estimated as none).
 */
function countResponseFormat(format: ResponseFormat | undefined, context: CountContext): TokenPart {
  if (!format || format.type === 'text') return { tokens: 0, exact: true };
  if (format.type === 'json') return { tokens: 0, exact: false };
  const tokens =
    context.countText(format.name) +
    (format.description ? context.countText(format.description) : 0) +
    context.countText(JSON.stringify(format.schema));
  return { tokens, exact: false };
}
