import { FILTERED_CHOICE_RESULTS, SAFE_CHOICE_RESULTS, SAFE_PROMPT_FILTER_RESULTS } from '../azure/content-filter.js';
import type { ChatAnswer, PlannedChoice } from './chat-answer.js';
import { chatUsage } from './usage.js';

/** Identity of one completion on the wire. */
export interface CompletionMeta {
  id: string;
  created: number;
  /** The model name the response reports (Azure: the deployment's model). */
  model: string;
  /** `system_fingerprint`; Azure sends null. */
  systemFingerprint: string | null;
  /** Azure surface: adds prompt_filter_results and per-choice content_filter_results. */
  azure: boolean;
  cachedTokens: number;
}

/** The non-streaming `chat.completion` object. */
export function renderCompletion(answer: ChatAnswer, meta: CompletionMeta): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: answer.choices.map((choice) => renderChoice(choice, meta.azure)),
    usage: chatUsage(answer.promptTokens, answer.completionTokens, meta.cachedTokens),
    system_fingerprint: meta.systemFingerprint,
  };
  if (meta.azure) body.prompt_filter_results = SAFE_PROMPT_FILTER_RESULTS;
  else body.service_tier = 'default';
  return body;
}

function renderChoice(choice: PlannedChoice, azure: boolean): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: choice.content ? choice.content.join('') : null,
    refusal: choice.refusal ? choice.refusal.join('') : null,
    annotations: [],
  };
  if (choice.toolCalls.length > 0) {
    message.tool_calls = choice.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.argumentTokens.join('') },
    }));
  }
  const rendered: Record<string, unknown> = {
    index: choice.index,
    message,
    logprobs: null,
    finish_reason: choice.finishReason,
  };
  if (azure) {
    rendered.content_filter_results =
      choice.finishReason === 'content_filter' ? FILTERED_CHOICE_RESULTS : SAFE_CHOICE_RESULTS;
  }
  return rendered;
}
