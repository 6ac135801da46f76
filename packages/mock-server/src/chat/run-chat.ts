import { blockedPromptError } from '../azure/content-filter-error.js';
import type { JsonBody } from '../http/fields.js';
import type { Surface } from '../http/router.js';
import { resolveModel } from '../routes/resolve-model.js';
import type { MockState } from '../server/state.js';
import { TRIGGERS } from '../triggers.js';
import { type ChatAnswer, planChatAnswer } from './chat-answer.js';
import { type ChatRequest, parseChatRequest } from './chat-request.js';
import { checkContextLength } from './context-windows.js';
import type { CompletionMeta } from './render-completion.js';

/** A chat request checked and answered, ready to be rendered as JSON or as a stream. */
export interface PreparedChat {
  request: ChatRequest;
  answer: ChatAnswer;
  meta: CompletionMeta;
  /** Model or deployment name (rate-limit bucket). */
  bucket: string;
  /** Token estimate the rate limiter charges up front. */
  estimatedTokens: number;
}

const FINGERPRINT = 'fp_mock0001';

/**
 * Parses, checks and answers a chat completion body: the part shared by the HTTP route and the Batch API runner.
 * Throws ApiError for bad input and for Azure's blocked-prompt trigger.
 */
export function prepareChat(
  state: MockState,
  surface: Surface,
  deployment: string | undefined,
  body: JsonBody,
): PreparedChat {
  const model = resolveModel(state, surface, deployment, body);
  const request = parseChatRequest(body, { modelOverride: model.name });
  if (surface === 'azure' && request.promptText.includes(TRIGGERS.blockPrompt)) throw blockedPromptError();
  const answer = planChatAnswer(request, state.seed);
  checkContextLength([model.name, model.reported], answer.promptTokens, request.maxTokens);
  const meta: CompletionMeta = {
    id: state.ids.next('chatcmpl-'),
    created: Math.floor(Date.now() / 1000),
    model: model.reported,
    systemFingerprint: surface === 'azure' ? null : FINGERPRINT,
    azure: surface === 'azure',
    cachedTokens: state.promptCache.cachedTokens(model.name, request.promptText, answer.promptTokens),
  };
  const reservedOutput = (request.maxTokens ?? Math.ceil(answer.completionTokens / request.n)) * request.n;
  return { request, answer, meta, bucket: model.name, estimatedTokens: answer.promptTokens + reservedOutput };
}
