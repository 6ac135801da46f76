import type { CostEstimate, EstimateCostOptions } from '../cost/estimate-cost.js';
import { defaultTokenizer } from '../default-tokenizer.js';
import type { Tokenizer } from '../tokenizer.js';
import type { ChatTokenCount, CountChatTokensOptions } from './chat-token-count.js';
import { type ResponsesInput, responsesInputToChatRequest } from './responses-input.js';

/**
 * The prompt tokens of a Responses API request (instructions, input items, function tools, a JSON-schema format),
 * counted as the same prompt sent to Chat Completions. OpenAI has not published how Responses items are framed, so
 * the figure is always marked an estimate (`exact: false`); it is what rate limiters and cost estimates need.
 */
export function countResponsesInputTokens(
  request: ResponsesInput,
  options: CountChatTokensOptions & { tokenizer?: Tokenizer } = {},
): ChatTokenCount {
  const { tokenizer = defaultTokenizer, ...countOptions } = options;
  const counted = tokenizer.countChatTokens(responsesInputToChatRequest(request), countOptions);
  return { ...counted, exact: false, messages: { ...counted.messages, exact: false } };
}

/** The cost in USD of a Responses API request: its counted input and its `max_output_tokens` (see `estimateCost`). */
export function estimateResponsesCost(
  request: ResponsesInput,
  options: EstimateCostOptions & { tokenizer?: Tokenizer } = {},
): CostEstimate {
  const { tokenizer = defaultTokenizer, ...costOptions } = options;
  const estimate = tokenizer.estimateCost(responsesInputToChatRequest(request), costOptions);
  return { ...estimate, exactInput: false };
}
