import { type AnalyzeImageOptions, analyzeImage as analyzeImageWeb } from '../helpers/analyze-image.js';
import type { ImageSource } from '../types/chat-request.js';
import type { Provider } from '../types/provider.js';
import { readImageFile } from './read-image-file.js';

/** Core's `analyzeImage`, with images given as file paths read from disk. */
export function analyzeImage(
  provider: Provider,
  image: ImageSource,
  question: string,
  options: AnalyzeImageOptions = {},
): Promise<string> {
  return analyzeImageWeb(provider, image, question, { readFile: readImageFile, ...options });
}
