import type { RateLimitInfo } from '@switchboard/core';

/** What a response mapping (Chat Completions or Responses) adds besides the body. */
export interface MapResponseOptions {
  /** The provider name, the key of `providerMetadata`. */
  provider: string;
  /** The request id from the response headers. */
  requestId?: string | undefined;
  /** Rate-limit state from the response headers. */
  rateLimit?: RateLimitInfo | undefined;
  /** Reads provider-specific data (e.g. Azure content-filter results) from the raw body. */
  readMetadata?: ((raw: unknown) => Record<string, unknown> | undefined) | undefined;
  /** The body as received, every field included (for `readMetadata`); defaults to the parsed body. */
  raw?: unknown;
}

/** A tool call's arguments parsed from their JSON text, or undefined when the text is not valid JSON. */
export function parseToolArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
