import { planChatAnswer } from '../chat/chat-answer.js';
import type { ChatRequest } from '../chat/chat-request.js';
import { estimateTokens } from '../text-generator.js';
import { TRIGGERS } from '../triggers.js';
import type { IdGenerator } from '../vocabulary/ids.js';
import type { ParsedInput } from './input-items.js';
import { DEFAULT_EFFORT, encryptReasoning, isReasoningModel, reasoningTokens, summaryTokens } from './reasoning.js';
import type { ReasoningEffort, ResponsesRequest } from './responses-request.js';

/** The reasoning item of an answer. */
export interface PlannedReasoning {
  id: string;
  /** Summary deltas, or null when no summary was asked for. */
  summary: string[] | null;
  encryptedContent: string | null;
}

/** The message item of an answer: text (or JSON) deltas, or a refusal. */
export interface PlannedMessage {
  id: string;
  kind: 'output_text' | 'refusal';
  tokens: readonly string[];
}

/** One function call item. */
export interface PlannedCall {
  id: string;
  callId: string;
  name: string;
  argumentTokens: readonly string[];
}

/** Everything a Responses answer says, independent of JSON or SSE rendering. */
export interface ResponsePlan {
  id: string;
  createdAt: number;
  /** The model reported (Azure: the deployment's model). */
  model: string;
  request: ResponsesRequest;
  effort: ReasoningEffort | null;
  reasoning: PlannedReasoning | undefined;
  message: PlannedMessage | undefined;
  calls: PlannedCall[];
  status: 'completed' | 'incomplete' | 'failed';
  incompleteReason: 'max_output_tokens' | 'content_filter' | null;
  usage: {
    inputTokens: number;
    cachedTokens: number;
    outputTokens: number;
    reasoningTokens: number;
  };
}

const MIN_CACHED_PREFIX = 1024;
const CACHE_STEP = 128;

/** Input tokens the way the real API counts them, roughly: per-item overhead, instructions, text, images, tools. */
export function countInputTokens(request: ResponsesRequest, input: ParsedInput): number {
  const toolTokens = request.tools.length > 0 ? estimateTokens(JSON.stringify(request.tools)) : 0;
  const instructions = request.instructions === null ? 0 : 4 + estimateTokens(request.instructions);
  return 3 + input.messageCount * 4 + estimateTokens(input.promptText) + input.imageTokens + toolTokens + instructions;
}

/**
 * Plans the answer: the chat planner decides text, JSON, refusal or tool calls (same triggers, same determinism),
 * and this adds what Responses has on top: a reasoning item with its tokens, optional summary and encrypted content,
 * `max_output_tokens` (reasoning tokens count against it) and the incomplete or failed status.
 */
export function planResponse(options: {
  request: ResponsesRequest;
  input: ParsedInput;
  model: string;
  seed: number;
  ids: IdGenerator;
  cachedTokens: number;
}): ResponsePlan {
  const { request, input, model, seed, ids } = options;
  const inputTokens = countInputTokens(request, input);
  const reasons = isReasoningModel(model) || isReasoningModel(request.model);
  const effort = reasons ? (request.reasoning?.effort ?? DEFAULT_EFFORT) : null;
  const prompt = input.lastUserText;
  let reasoningCount = effort === null ? 0 : reasoningTokens(effort, prompt, seed);
  const limit = request.maxOutputTokens ?? Number.POSITIVE_INFINITY;
  let incompleteReason: ResponsePlan['incompleteReason'] = null;
  if (reasoningCount >= limit) {
    reasoningCount = limit;
    incompleteReason = 'max_output_tokens';
  }
  let reasoning: PlannedReasoning | undefined;
  if (effort !== null && effort !== 'none') {
    const id = ids.next('rs_');
    const wantsSummary = request.reasoning?.summary !== undefined && request.reasoning.summary !== null;
    reasoning = {
      id,
      summary: wantsSummary && incompleteReason === null ? summaryTokens(prompt, seed) : null,
      encryptedContent: request.include.includes('reasoning.encrypted_content') ? encryptReasoning(id) : null,
    };
  }
  let message: PlannedMessage | undefined;
  let calls: PlannedCall[] = [];
  let outputTokens = reasoningCount;
  if (incompleteReason === null) {
    const answer = planChatAnswer(
      toChatRequest(request, input, limit === Number.POSITIVE_INFINITY ? undefined : limit - reasoningCount),
      seed,
    ).choices[0];
    if (answer) {
      outputTokens += answer.completionTokens;
      if (answer.finishReason === 'length') incompleteReason = 'max_output_tokens';
      if (answer.finishReason === 'content_filter') incompleteReason = 'content_filter';
      const maxCalls = request.maxToolCalls ?? Number.POSITIVE_INFINITY;
      calls = answer.toolCalls.slice(0, maxCalls).map((call) => ({
        id: ids.next('fc_'),
        callId: call.id,
        name: call.name,
        argumentTokens: call.argumentTokens,
      }));
      if (answer.refusal) message = { id: ids.next('msg_'), kind: 'refusal', tokens: answer.refusal };
      else if (answer.content && answer.content.length > 0)
        message = { id: ids.next('msg_'), kind: 'output_text', tokens: answer.content };
    }
  }
  const failed = prompt.includes(TRIGGERS.failResponse);
  return {
    id: ids.next('resp_'),
    createdAt: Math.floor(Date.now() / 1000),
    model,
    request,
    effort,
    reasoning,
    message,
    calls,
    status: failed ? 'failed' : incompleteReason === null ? 'completed' : 'incomplete',
    incompleteReason: failed ? null : incompleteReason,
    usage: {
      inputTokens,
      cachedTokens: Math.min(inputTokens, Math.max(options.cachedTokens, cachedPrefix(input.chainTokens))),
      outputTokens,
      reasoningTokens: reasoningCount,
    },
  };
}

/** A previous turn's tokens are a cached prefix of this one once they pass the 1,024-token minimum. */
function cachedPrefix(chainTokens: number): number {
  if (chainTokens < MIN_CACHED_PREFIX) return 0;
  return MIN_CACHED_PREFIX + Math.floor((chainTokens - MIN_CACHED_PREFIX) / CACHE_STEP) * CACHE_STEP;
}

function toChatRequest(request: ResponsesRequest, input: ParsedInput, maxTokens: number | undefined): ChatRequest {
  const format = request.textFormat;
  return {
    model: request.model,
    promptText: input.promptText,
    lastUserText: input.lastUserText,
    afterToolResult: input.afterToolResult,
    imageCount: input.imageCount,
    imageTokens: input.imageTokens,
    messageCount: input.messageCount,
    n: 1,
    maxTokens,
    stream: request.stream,
    includeUsage: false,
    seed: undefined,
    stop: [],
    tools: request.functionTools.map((tool) => ({ name: tool.name, parameters: tool.parameters })),
    toolChoice: request.toolChoice,
    parallelToolCalls: request.parallelToolCalls,
    responseFormat:
      format.type === 'json_schema' ? { type: 'json_schema', name: format.name, schema: format.schema } : format,
    logprobs: false,
  };
}
