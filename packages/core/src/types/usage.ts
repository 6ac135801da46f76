/** Token usage of one call. */
export interface Usage {
  /** Prompt tokens, cached ones included. */
  inputTokens: number;
  /** Generated tokens, reasoning ones included. */
  outputTokens: number;
  /** inputTokens + outputTokens. */
  totalTokens: number;
  /** Prompt tokens served from the provider's prompt cache. */
  cachedInputTokens?: number;
  /** Hidden reasoning tokens (reasoning models). */
  reasoningTokens?: number;
}

/** What the provider said about its rate limits in the `x-ratelimit-*` headers; absent values are unknown. */
export interface RateLimitInfo {
  /** Requests allowed per window. */
  limitRequests?: number;
  /** Tokens allowed per window. */
  limitTokens?: number;
  /** Requests left in the window. */
  remainingRequests?: number;
  /** Tokens left in the window. */
  remainingTokens?: number;
  /** Milliseconds until the request budget is fully restored. */
  resetRequestsMs?: number;
  /** Milliseconds until the token budget is fully restored. */
  resetTokensMs?: number;
}
