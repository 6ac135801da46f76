import type { EncodingName, ImagePart } from '@switchboard/core';
import type { ImageSize } from '../images/image-size.js';

/** Tokens of one part of a request, and whether the figure is exact or an estimate. */
export interface TokenPart {
  /** Tokens. */
  tokens: number;
  /**
   * True when the figure follows a formula OpenAI published and verified for this model (the cookbook's message and
   * tool formulas, the vision guide's image formulas with a known image size); false for estimates.
   */
  exact: boolean;
}

/** The prompt tokens of a chat request, split by kind. */
export interface ChatTokenCount {
  /** Prompt tokens: messages + tools + images + response format. */
  total: number;
  /** Message text with the chat format's overhead (3 per message, 1 per name) and the 3 tokens priming the reply. */
  messages: TokenPart;
  /** Tool definitions (the cookbook's formula, extended to nested parameters). */
  tools: TokenPart;
  /** Image parts. */
  images: TokenPart & {
    /** How many image parts there were. */
    count: number;
  };
  /** A `json_schema` response format (an estimate: OpenAI has not published how it is rendered). */
  responseFormat: TokenPart;
  /** True when every part is exact. */
  exact: boolean;
  /** Tokens of each message in order: overhead, text and images (reply priming not included). */
  perMessage: number[];
  /** The model counted for. */
  model: string;
  /** The encoding used. */
  encoding: EncodingName;
}

/** Options of `countChatTokens`. */
export interface CountChatTokensOptions {
  /** Count for this model instead of `request.model` (an Azure deployment name, say). */
  model?: string;
  /**
   * The size of an image the request does not carry as bytes or a data URL (an http(s) URL, a file path): return
   * it, or undefined to let the count assume the most the image can cost (and mark it an estimate).
   */
  imageSize?: (part: ImagePart) => ImageSize | undefined;
}
