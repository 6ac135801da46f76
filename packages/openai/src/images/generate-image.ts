import type { CallOptions, ImageRequest, ImageResponse } from '@switchboard/core';
import type { ImageGenerateParamsNonStreaming } from 'openai/resources/images';
import { callJson } from '../http/call-json.js';
import { zodCheck } from '../http/parse-json-body.js';
import type { ProviderContext } from '../provider/provider-context.js';
import { imageResponseSchema } from './image-schema.js';
import { mapImageRequest } from './map-image-request.js';
import { mapImageResponse } from './map-image-response.js';

/** `Provider.generateImage`: one images call (dall-e-2/3, gpt-image-1), mapped both ways. */
export async function generateImage(
  context: ProviderContext,
  request: ImageRequest,
  call: CallOptions = {},
): Promise<ImageResponse> {
  const model = context.wireModel(request.model, 'image');
  let body: ImageGenerateParamsNonStreaming;
  try {
    body = context.body(
      mapImageRequest(request, { model, providerOptionsKey: context.providerOptionsKey, provider: context.provider }),
      'image',
    ) as ImageGenerateParamsNonStreaming;
  } catch (error) {
    throw context.mapError(error, call);
  }
  const { data, requestId, rateLimit } = await callJson(
    context,
    call,
    { method: 'POST', path: '/images/generations', body: body as unknown as Record<string, unknown> },
    zodCheck(imageResponseSchema),
    'images response',
  );
  const response = mapImageResponse(data, {
    model,
    ...(request.outputFormat ? { outputFormat: request.outputFormat } : {}),
  });
  if (requestId) response.requestId = requestId;
  if (rateLimit) response.rateLimit = rateLimit;
  return response;
}
