import { UnsupportedError } from '../errors/error-classes.js';
import type { CallOptions } from '../types/call-options.js';
import type { ImageRequest, ImageResponse } from '../types/image.js';
import type { Provider } from '../types/provider.js';

/** The model `createImage` uses when none is given. */
export const DEFAULT_IMAGE_MODEL = 'gpt-image-1';

/** Options of `createImage`: the image request without the prompt, plus call options. */
export type CreateImageOptions = Partial<Omit<ImageRequest, 'prompt'>> & CallOptions;

/** Generates images from a prompt; throws `UnsupportedError` when the provider has no image generation. */
export async function createImage(
  provider: Provider,
  prompt: string,
  options: CreateImageOptions = {},
): Promise<ImageResponse> {
  if (!provider.generateImage) {
    throw new UnsupportedError({
      message: `The ${provider.name} provider cannot generate images.`,
      provider: provider.name,
    });
  }
  const {
    signal,
    timeoutMs,
    headers,
    metadata,
    firstTokenTimeoutMs: _f,
    idleTimeoutMs: _i,
    model = DEFAULT_IMAGE_MODEL,
    ...request
  } = options;
  const callOptions: CallOptions = {};
  if (signal) callOptions.signal = signal;
  if (timeoutMs) callOptions.timeoutMs = timeoutMs;
  if (headers) callOptions.headers = headers;
  if (metadata) callOptions.metadata = metadata;
  return provider.generateImage({ ...request, model, prompt }, callOptions);
}
