import { blockedPromptError } from '../azure/content-filter-error.js';
import { writeStream } from '../chat/stream-writer.js';
import { ApiError } from '../http/api-error.js';
import { asObjectBody } from '../http/fields.js';
import type { RequestContext } from '../http/request-context.js';
import { type ConversationContext, EMPTY_CONTEXT, parseInput } from '../responses/input-items.js';
import { isReasoningModel } from '../responses/reasoning.js';
import { renderResponse } from '../responses/render-response.js';
import { errorEvent, LEADING_EVENTS, renderResponseEvents } from '../responses/render-response-stream.js';
import { countInputTokens, planResponse } from '../responses/response-plan.js';
import { parseResponsesRequest, unsupportedReasoning } from '../responses/responses-request.js';
import { latencyFor, type MockState } from '../server/state.js';
import { hashString } from '../text-generator.js';
import { TRIGGERS } from '../triggers.js';
import { resolveModel } from './resolve-model.js';

const RESPONSES_TAILS = {
  streamError: errorEvent,
  malformed: 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":\n\n',
};

function responseNotFound(id: string, param: string | null, code: string | null): ApiError {
  const message =
    param === 'previous_response_id'
      ? `Previous response with id '${id}' not found.`
      : `Response with id '${id}' not found.`;
  return new ApiError(404, { message, type: 'invalid_request_error', param, code });
}

/** POST /v1/responses (and Azure's `/openai/v1/responses`, `/openai/responses?api-version=`): JSON or SSE. */
export async function handleCreateResponse(ctx: RequestContext, state: MockState): Promise<void> {
  const body = asObjectBody(ctx.body);
  const model = resolveModel(state, ctx.surface, ctx.deployment, body);
  const request = parseResponsesRequest(body, model.name);
  if (request.reasoning?.effort !== undefined && !isReasoningModel(model.reported) && !isReasoningModel(model.name)) {
    throw unsupportedReasoning('reasoning.effort');
  }
  let previous: ConversationContext = EMPTY_CONTEXT;
  if (request.previousResponseId !== null) {
    const stored = state.responses.get(request.previousResponseId);
    if (!stored)
      throw responseNotFound(request.previousResponseId, 'previous_response_id', 'previous_response_not_found');
    previous = stored.context;
  }
  const input = parseInput(request.input, previous);
  if (ctx.azure && input.promptText.includes(TRIGGERS.blockPrompt)) throw blockedPromptError();
  const seed = state.seed + hashString(model.name);
  const promptForCache = `${request.instructions ?? ''}\n${input.promptText}`;
  const plan = planResponse({
    request,
    input,
    model: model.reported,
    seed,
    ids: state.ids,
    cachedTokens: state.promptCache.cachedTokens(model.name, promptForCache, countInputTokens(request, input)),
  });
  const reservedOutput = request.maxOutputTokens ?? plan.usage.outputTokens;
  ctx.extraHeaders = state.limiter.admit(
    ctx.apiKey,
    model.name,
    plan.usage.inputTokens + reservedOutput,
    ctx.route,
    ctx.azure,
  );
  const final = renderResponse(plan, 'final');
  if (request.store) {
    const itemIds = new Set(input.itemIds);
    for (const item of final.output as { id: string }[]) itemIds.add(item.id);
    const callIds = new Set(input.callIds);
    for (const call of plan.calls) callIds.add(call.callId);
    let promptText = input.promptText;
    if (plan.message) promptText += `assistant: ${plan.message.tokens.join('')}\n`;
    for (const call of plan.calls) promptText += `assistant called ${call.name}(${call.argumentTokens.join('')})\n`;
    state.responses.set(plan.id, {
      body: final,
      context: {
        promptText,
        messageCount: input.messageCount + (plan.message ? 1 : 0) + plan.calls.length,
        imageCount: input.imageCount,
        imageTokens: input.imageTokens,
        callIds,
        itemIds,
        chainTokens: plan.usage.inputTokens + plan.usage.outputTokens,
      },
    });
  }
  const { timeToFirstTokenMs, interChunkMs } = latencyFor(state, model.name);
  if (!request.stream) {
    const wait = timeToFirstTokenMs + interChunkMs * plan.usage.outputTokens;
    if (wait > 0) await state.sleeper.sleep(wait);
    ctx.json(200, final);
    return;
  }
  await writeStream(
    ctx,
    renderResponseEvents(plan),
    { timeToFirstTokenMs, interChunkMs, leadingEvents: LEADING_EVENTS },
    state.sleeper,
    RESPONSES_TAILS,
  );
}

/** GET /v1/responses/{id}: a stored response. */
export function handleRetrieveResponse(ctx: RequestContext, state: MockState): void {
  const id = ctx.id ?? '';
  const stored = state.responses.get(id);
  if (!stored) throw responseNotFound(id, null, null);
  ctx.json(200, stored.body);
}

/** DELETE /v1/responses/{id}. */
export function handleDeleteResponse(ctx: RequestContext, state: MockState): void {
  const id = ctx.id ?? '';
  if (!state.responses.delete(id)) throw responseNotFound(id, null, null);
  ctx.json(200, { id, object: 'response', deleted: true });
}
