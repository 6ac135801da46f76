import type { CallOptions, ChatRequest, ChatResponse } from '@switchboard/core';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';
import { readErrorObject } from '../errors/http-failure.js';
import { mapHttpFailure } from '../errors/map-http-failure.js';
import { callJson } from '../http/call-json.js';
import type { ProviderContext } from '../provider/provider-context.js';
import { mapResponsesResponse } from './map-responses-response.js';
import { prepareResponsesBody } from './prepare-responses-body.js';
import { isResponseBody, responseBodySchema } from './responses-schemas.js';

/**
 * `Provider.chat` over the Responses API: one `POST /responses`, mapped both ways. A response with `status: failed`
 * (HTTP 200, its `error` set) is thrown as the typed error its code maps to.
 */
export async function sendResponses(
  context: ProviderContext,
  request: ChatRequest,
  call: CallOptions = {},
): Promise<ChatResponse> {
  let body: ResponseCreateParamsNonStreaming;
  try {
    body = (await prepareResponsesBody(
      context,
      request,
      false,
      call.signal,
    )) as unknown as ResponseCreateParamsNonStreaming;
  } catch (error) {
    throw context.mapError(error, call);
  }
  const { data, json, headers, requestId, rateLimit } = await callJson(
    context,
    call,
    { method: 'POST', path: '/responses', body: body as unknown as Record<string, unknown> },
    { is: isResponseBody, schema: responseBodySchema },
    'response',
  );
  if (data.status === 'failed') {
    const error = data.error ?? { code: 'server_error' };
    throw mapHttpFailure(
      {
        status: undefined,
        error: readErrorObject(error),
        rawError: error,
        headers,
        fallbackMessage: `The ${context.provider} response failed.`,
      },
      context.errorContext(call),
    );
  }
  return mapResponsesResponse(data, {
    provider: context.provider,
    requestId,
    rateLimit,
    readMetadata: context.config.hooks?.readResponseMetadata,
    raw: json,
  });
}
