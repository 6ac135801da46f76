import type { PlannedCall, PlannedMessage, PlannedReasoning, ResponsePlan } from './response-plan.js';

/** The error a failed response carries (the `server_error` the real API reports). */
export const RESPONSE_FAILURE = {
  code: 'server_error',
  message: 'The server had an error while processing your request. Sorry about that!',
} as const;

/** Which moment of a response's life the object describes. */
export type ResponsePhase = 'in_progress' | 'final';

/** The `reasoning` item, complete (or as first announced in a stream, when `phase` is in_progress). */
export function renderReasoningItem(reasoning: PlannedReasoning, phase: ResponsePhase): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id: reasoning.id,
    type: 'reasoning',
    summary: phase === 'final' && reasoning.summary ? [{ type: 'summary_text', text: reasoning.summary.join('') }] : [],
  };
  if (reasoning.encryptedContent !== null) item.encrypted_content = reasoning.encryptedContent;
  return item;
}

/** The assistant `message` item. */
export function renderMessageItem(
  message: PlannedMessage,
  phase: ResponsePhase,
  status: 'completed' | 'incomplete',
): Record<string, unknown> {
  return {
    id: message.id,
    type: 'message',
    status: phase === 'final' ? status : 'in_progress',
    content: phase === 'final' ? [renderPart(message, message.tokens.join(''))] : [],
    role: 'assistant',
  };
}

/** A content part of the message (`output_text` with no annotations, or `refusal`). */
export function renderPart(message: PlannedMessage, text: string): Record<string, unknown> {
  return message.kind === 'refusal'
    ? { type: 'refusal', refusal: text }
    : { type: 'output_text', annotations: [], logprobs: [], text };
}

/** A `function_call` item. */
export function renderCallItem(call: PlannedCall, phase: ResponsePhase): Record<string, unknown> {
  return {
    id: call.id,
    type: 'function_call',
    status: phase === 'final' ? 'completed' : 'in_progress',
    arguments: phase === 'final' ? call.argumentTokens.join('') : '',
    call_id: call.callId,
    name: call.name,
  };
}

/** The output items of the finished response, in order: reasoning, message, function calls. */
export function renderOutput(plan: ResponsePlan): Record<string, unknown>[] {
  if (plan.status === 'failed') return [];
  const output: Record<string, unknown>[] = [];
  if (plan.reasoning) output.push(renderReasoningItem(plan.reasoning, 'final'));
  if (plan.message) {
    output.push(renderMessageItem(plan.message, 'final', plan.status === 'completed' ? 'completed' : 'incomplete'));
  }
  for (const call of plan.calls) output.push(renderCallItem(call, 'final'));
  return output;
}

/**
 * The `response` object: finished (`final`), or as `response.created` / `response.in_progress` show it (no output,
 * no usage yet). Every request setting is echoed back as the real API does.
 */
export function renderResponse(plan: ResponsePlan, phase: ResponsePhase): Record<string, unknown> {
  const { request, usage } = plan;
  const final = phase === 'final';
  const format = request.textFormat;
  const status = final ? plan.status : 'in_progress';
  return {
    id: plan.id,
    object: 'response',
    created_at: plan.createdAt,
    status,
    background: false,
    completed_at: final && status === 'completed' ? Math.floor(Date.now() / 1000) : null,
    error: final && status === 'failed' ? { ...RESPONSE_FAILURE } : null,
    incomplete_details: final && plan.incompleteReason !== null ? { reason: plan.incompleteReason } : null,
    instructions: request.instructions,
    max_output_tokens: request.maxOutputTokens,
    max_tool_calls: request.maxToolCalls,
    model: plan.model,
    output: final ? renderOutput(plan) : [],
    parallel_tool_calls: request.parallelToolCalls,
    previous_response_id: request.previousResponseId,
    prompt_cache_key: request.promptCacheKey,
    reasoning: {
      effort: plan.effort,
      summary: plan.effort === null ? null : (request.reasoning?.summary ?? null),
    },
    safety_identifier: request.safetyIdentifier,
    service_tier: final ? 'default' : request.serviceTier,
    store: request.store,
    temperature: request.temperature,
    text: {
      format:
        format.type === 'json_schema'
          ? {
              type: 'json_schema',
              ...(format.description === undefined ? {} : { description: format.description }),
              name: format.name,
              schema: format.schema,
              strict: format.strict,
            }
          : format,
      verbosity: request.verbosity,
    },
    tool_choice: request.toolChoiceEcho,
    tools: request.tools,
    top_logprobs: request.topLogprobs,
    top_p: request.topP,
    truncation: request.truncation,
    // The spec's usage is not nullable: an unfinished response leaves it out.
    ...(final
      ? {
          usage: {
            input_tokens: usage.inputTokens,
            input_tokens_details: { cached_tokens: usage.cachedTokens, cache_write_tokens: 0 },
            output_tokens: usage.outputTokens,
            output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
            total_tokens: usage.inputTokens + usage.outputTokens,
          },
        }
      : {}),
    // The spec types `user` as a string (no null), so it is only echoed when sent.
    ...(request.user === null ? {} : { user: request.user }),
    metadata: request.metadata,
  };
}
