import type { ChatRequest } from '@switchboard/core';
import type { ProviderContext } from '../provider/provider-context.js';
import { prepareRequest } from '../shared/prepare-request.js';
import { mapResponsesRequest } from './map-responses-request.js';

/** Builds the wire body of a Responses call: images read, model resolved, the provider's body hook applied. */
export async function prepareResponsesBody(
  context: ProviderContext,
  request: ChatRequest,
  stream: boolean,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const prepared = await prepareRequest(context, request, signal);
  const body = mapResponsesRequest(prepared.request, {
    model: prepared.model,
    providerOptionsKey: context.providerOptionsKey,
    stream,
    reasoning: prepared.reasoning,
  });
  return context.body(body, stream ? 'responses-stream' : 'responses');
}
