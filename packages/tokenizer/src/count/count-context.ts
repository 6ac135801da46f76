import type { EncodingName, ImagePart } from '@switchboard/core';
import type { ImageRuleMatch } from '../images/image-rule-for-model.js';
import type { ImageSize } from '../images/image-size.js';

/** Models whose message and tool formulas the OpenAI cookbook checked against the API's usage numbers. */
export const VERIFIED_CHAT_MODELS: ReadonlySet<string> = new Set(['gpt-3.5-turbo', 'gpt-4', 'gpt-4o', 'gpt-4o-mini']);

/** What the counting functions need to know about the model they count for. */
export interface CountContext {
  /** The model name asked for. */
  model: string;
  /** Its encoding. */
  encoding: EncodingName;
  /** Tokens of a text in that encoding (cached). */
  countText(text: string): number;
  /** Whether the cookbook's formulas were verified for this model. */
  verified: boolean;
  /** How images are counted for this model. */
  imageRule: ImageRuleMatch;
  /** Sizes of images the request does not carry. */
  imageSize: ((part: ImagePart) => ImageSize | undefined) | undefined;
}
