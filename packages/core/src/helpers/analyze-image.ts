import type { CallOptions } from '../types/call-options.js';
import type { ImageDetail, ImageSource } from '../types/chat-request.js';
import type { Provider } from '../types/provider.js';
import { toImageUrl } from './image-input.js';

/** The model `analyzeImage` uses when none is given. */
export const DEFAULT_VISION_MODEL = 'gpt-4.1-mini';

/** Options of `analyzeImage`. */
export interface AnalyzeImageOptions extends CallOptions {
  /** A vision-capable model. */
  model?: string;
  /** The detail level; `auto` by default. */
  detail?: ImageDetail;
  /** MIME type of the bytes when it cannot be sniffed. */
  mimeType?: string;
  /** Upper bound on the answer's tokens. */
  maxOutputTokens?: number;
}

/**
 * Asks a question about an image given as a URL, a file path or bytes (sent as a data URL with the sniffed MIME type)
 * and returns the answer text.
 */
export async function analyzeImage(
  provider: Provider,
  image: ImageSource,
  question: string,
  options: AnalyzeImageOptions = {},
): Promise<string> {
  const { model = DEFAULT_VISION_MODEL, detail = 'auto', mimeType, maxOutputTokens, ...callOptions } = options;
  const url = await toImageUrl(image, {
    ...(mimeType ? { mimeType } : {}),
    ...(callOptions.signal ? { signal: callOptions.signal } : {}),
  });
  const response = await provider.chat(
    {
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: question },
            { type: 'image', image: url, detail },
          ],
        },
      ],
      ...(maxOutputTokens ? { maxOutputTokens } : {}),
    },
    callOptions,
  );
  return response.text;
}
