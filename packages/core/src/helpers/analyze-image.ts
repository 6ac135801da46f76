import type { CallOptions } from '../types/call-options.js';
import type { ImageDetail, ImageSource } from '../types/chat-request.js';
import type { Provider } from '../types/provider.js';
import { type ReadImageFile, toImageUrl } from './image-input.js';

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
  /** Reads an image given as a file path; `analyzeImage` from `@switchboard/core/node` sets it. */
  readFile?: ReadImageFile;
}

/**
 * Asks a question about an image given as a URL or bytes (sent as a data URL with the sniffed MIME type), or as a
 * file path with `options.readFile` (`analyzeImage` from `@switchboard/core/node` reads files), and returns the answer.
 */
export async function analyzeImage(
  provider: Provider,
  image: ImageSource,
  question: string,
  options: AnalyzeImageOptions = {},
): Promise<string> {
  const {
    model = DEFAULT_VISION_MODEL,
    detail = 'auto',
    mimeType,
    maxOutputTokens,
    readFile,
    ...callOptions
  } = options;
  const url = await toImageUrl(image, {
    ...(mimeType ? { mimeType } : {}),
    ...(readFile ? { readFile } : {}),
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
