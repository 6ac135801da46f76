/** The provider Batch API's limits (OpenAI and Azure OpenAI global batch). */
export const BATCH_API_LIMITS = {
  /** Requests one input file may hold. */
  maxRequestsPerJob: 50_000,
  /** Bytes one input file may hold (200 MB). */
  maxBytesPerJob: 200_000_000,
  /** The completion window a batch is created with. */
  completionWindow: '24h',
  /** The same, in milliseconds. */
  completionWindowMs: 24 * 60 * 60 * 1000,
} as const;
