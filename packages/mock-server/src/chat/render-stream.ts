import { FILTERED_CHOICE_RESULTS, SAFE_CHOICE_RESULTS, SAFE_PROMPT_FILTER_RESULTS } from '../azure/content-filter.js';
import type { ChatAnswer, PlannedChoice } from './chat-answer.js';
import type { CompletionMeta } from './render-completion.js';
import { chatUsage } from './usage.js';

const SAFE_RESULTS_JSON = JSON.stringify(SAFE_CHOICE_RESULTS);
const FILTERED_RESULTS_JSON = JSON.stringify(FILTERED_CHOICE_RESULTS);
const AZURE_FIRST_CHUNK = `data: ${JSON.stringify({
  choices: [],
  created: 0,
  id: '',
  model: '',
  object: '',
  prompt_filter_results: SAFE_PROMPT_FILTER_RESULTS,
})}\n\n`;

/** The SSE terminator. */
export const DONE_EVENT = 'data: [DONE]\n\n';

/**
 * Renders a streamed answer as the SSE events the real API sends, `data: [DONE]` included. Built by string
 * concatenation around a shared prefix: streams are the hot path of the concurrency benchmark.
 */
export function renderStreamEvents(answer: ChatAnswer, meta: CompletionMeta, includeUsage: boolean): string[] {
  const fingerprint = meta.systemFingerprint === null ? 'null' : JSON.stringify(meta.systemFingerprint);
  const head = `data: {"id":${JSON.stringify(meta.id)},"object":"chat.completion.chunk","created":${meta.created},"model":${JSON.stringify(meta.model)},${meta.azure ? '' : '"service_tier":"default",'}"system_fingerprint":${fingerprint},"choices":[`;
  const tail = includeUsage ? '],"usage":null}\n\n' : ']}\n\n';
  const events: string[] = [];
  if (meta.azure) events.push(AZURE_FIRST_CHUNK);
  for (const choice of answer.choices) renderChoiceEvents(choice, meta.azure, head, tail, events);
  if (includeUsage) {
    const usage = JSON.stringify(chatUsage(answer.promptTokens, answer.completionTokens, meta.cachedTokens));
    events.push(`${head}],"usage":${usage}}\n\n`);
  }
  events.push(DONE_EVENT);
  return events;
}

function renderChoiceEvents(choice: PlannedChoice, azure: boolean, head: string, tail: string, events: string[]): void {
  const open = `{"index":${choice.index},`;
  const filter = azure ? `,"content_filter_results":${SAFE_RESULTS_JSON}` : '';
  const firstFilter = azure ? ',"content_filter_results":{}' : '';
  const delta = (json: string, extra = filter) =>
    `${head}${open}"delta":${json},"logprobs":null,"finish_reason":null${extra}}${tail}`;

  if (choice.toolCalls.length > 0) {
    choice.toolCalls.forEach((call, callIndex) => {
      const start = `{"index":${callIndex},"id":${JSON.stringify(call.id)},"type":"function","function":{"name":${JSON.stringify(call.name)},"arguments":""}}`;
      events.push(
        callIndex === 0
          ? delta(`{"role":"assistant","content":null,"tool_calls":[${start}],"refusal":null}`, firstFilter)
          : delta(`{"tool_calls":[${start}]}`),
      );
      for (const token of call.argumentTokens) {
        events.push(delta(`{"tool_calls":[{"index":${callIndex},"function":{"arguments":${JSON.stringify(token)}}}]}`));
      }
    });
  } else if (choice.refusal) {
    events.push(delta('{"role":"assistant","content":null,"refusal":""}', firstFilter));
    for (const token of choice.refusal) events.push(delta(`{"refusal":${JSON.stringify(token)}}`));
  } else {
    events.push(delta('{"role":"assistant","content":"","refusal":null}', firstFilter));
    for (const token of choice.content ?? []) events.push(delta(`{"content":${JSON.stringify(token)}}`));
  }
  const finalFilter = azure
    ? `,"content_filter_results":${choice.finishReason === 'content_filter' ? FILTERED_RESULTS_JSON : '{}'}`
    : '';
  events.push(
    `${head}${open}"delta":{},"logprobs":null,"finish_reason":${JSON.stringify(choice.finishReason)}${finalFilter}}${tail}`,
  );
}
