import { type ChatRequest, checkReasoningOptions } from '@switchboard/core';
import { resolveImageParts } from '../chat/resolve-image-parts.js';
import type { ProviderContext } from '../provider/provider-context.js';

/** A chat request ready for either wire API's mapping. */
export interface PreparedRequest {
  /** The request with every image file path or bytes turned into a data URL. */
  request: ChatRequest;
  /** The model id or deployment on the wire. */
  model: string;
  /** True for a reasoning model: the sampling options it rejects are left out. */
  reasoning: boolean;
}

/**
 * What both wire APIs do before mapping a chat request: reasoning options checked against the catalog (a clear error
 * before anything is sent), images read (files with the signal), the model resolved.
 */
export async function prepareRequest(
  context: ProviderContext,
  request: ChatRequest,
  signal?: AbortSignal,
): Promise<PreparedRequest> {
  checkReasoningOptions(request, { provider: context.provider });
  const resolved = await resolveImageParts(request, signal);
  const model = context.wireModel(request.model, 'chat');
  return { request: resolved, model, reasoning: context.isReasoningModel(request.model, model) };
}
