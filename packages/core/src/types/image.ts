import type { ProviderOptions } from './chat-request.js';
import type { RateLimitInfo } from './usage.js';

/** A request to generate images from a prompt (dall-e-3, gpt-image-1). */
export interface ImageRequest {
  /** A logical image model name. */
  model: string;
  /** What to draw. */
  prompt: string;
  /** How many images. dall-e-3 allows only 1. */
  n?: number;
  /** Image size such as `1024x1024`, `1792x1024`, `1536x1024` or `auto`. */
  size?: string;
  /** Quality: `standard`/`hd` (dall-e-3) or `low`/`medium`/`high`/`auto` (gpt-image-1). */
  quality?: 'standard' | 'hd' | 'low' | 'medium' | 'high' | 'auto';
  /** dall-e-3 style. */
  style?: 'vivid' | 'natural';
  /** gpt-image-1 background. */
  background?: 'transparent' | 'opaque' | 'auto';
  /** gpt-image-1 output format. */
  outputFormat?: 'png' | 'jpeg' | 'webp';
  /** dall-e models: return bytes (`b64_json`) or a temporary URL. gpt-image-1 always returns bytes. */
  responseFormat?: 'b64_json' | 'url';
  /** An end-user id for abuse monitoring. */
  user?: string;
  /** Provider-specific options. */
  providerOptions?: ProviderOptions;
}

/** One generated image. */
export interface GeneratedImage {
  /** The image bytes, when the provider returned them. */
  bytes?: Uint8Array;
  /** A temporary URL, when the provider returned one. */
  url?: string;
  /** MIME type of the bytes. */
  mimeType: string;
  /** The prompt the model actually used (dall-e-3 rewrites prompts). */
  revisedPrompt?: string;
}

/** Generated images. */
export interface ImageResponse {
  /** The model that answered. */
  model: string;
  /** The images. */
  images: GeneratedImage[];
  /** Unix time in seconds when the images were created. */
  created: number;
  /** Token usage (gpt-image-1). */
  usage?: { inputTokens: number; outputTokens: number; totalTokens: number };
  /** The provider's request id. */
  requestId?: string;
  /** Rate-limit state from the response headers. */
  rateLimit?: RateLimitInfo;
}
