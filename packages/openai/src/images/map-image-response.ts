import type { GeneratedImage, ImageResponse } from '@switchboard/core';
import { base64ToBytes } from '@switchboard/core/utils';
import type { ImageResponseBody } from './image-schema.js';

const MIME_TYPES: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

/** Maps an images response: base64 decoded to bytes, URLs kept, the revised prompt and gpt-image usage carried over. */
export function mapImageResponse(
  body: ImageResponseBody,
  options: { model: string; outputFormat?: string },
): ImageResponse {
  const format = body.output_format ?? options.outputFormat ?? 'png';
  const mimeType = MIME_TYPES[format] ?? 'image/png';
  const images = (body.data ?? []).map((item): GeneratedImage => {
    const image: GeneratedImage = { mimeType };
    if (item.b64_json) {
      image.bytes = base64ToBytes(item.b64_json);
    }
    if (item.url) image.url = item.url;
    if (item.revised_prompt) image.revisedPrompt = item.revised_prompt;
    return image;
  });
  const response: ImageResponse = { model: options.model, images, created: body.created };
  if (body.usage) {
    const inputTokens = body.usage.input_tokens ?? 0;
    const outputTokens = body.usage.output_tokens ?? 0;
    response.usage = { inputTokens, outputTokens, totalTokens: body.usage.total_tokens ?? inputTokens + outputTokens };
  }
  return response;
}
