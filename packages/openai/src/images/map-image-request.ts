import { type ImageRequest, InvalidRequestError } from '@switchboard/core';
import type { ImageGenerateParams } from 'openai/resources/images';
import { isGptImageModel } from './is-gpt-image-model.js';

/**
 * Maps an `ImageRequest` to an images body for the given wire model. The GPT image models always return bytes and
 * reject `response_format`, so it is left out for them (asking them for a URL is an error).
 */
export function mapImageRequest(
  request: ImageRequest,
  options: { model: string; providerOptionsKey: string; provider: string },
): ImageGenerateParams {
  const gptImage = isGptImageModel(options.model) || isGptImageModel(request.model);
  if (gptImage && request.responseFormat === 'url') {
    throw new InvalidRequestError({
      message: `${request.model} returns image bytes only; responseFormat 'url' is for the dall-e models.`,
      provider: options.provider,
      source: 'client',
      param: 'responseFormat',
    });
  }
  const body: Record<string, unknown> = { model: options.model, prompt: request.prompt };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  set('n', request.n);
  set('size', request.size);
  set('quality', request.quality);
  set('style', request.style);
  set('background', request.background);
  set('output_format', request.outputFormat);
  if (!gptImage) set('response_format', request.responseFormat);
  set('user', request.user);
  Object.assign(body, request.providerOptions?.[options.providerOptionsKey]);
  return body as unknown as ImageGenerateParams;
}
