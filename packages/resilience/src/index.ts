export type { Bulkhead, BulkheadOptions, ReleaseSlot } from './bulkhead/bulkhead.js';
export { createBulkhead } from './bulkhead/bulkhead.js';
export type {
  CircuitBreaker,
  CircuitBreakerOptions,
  CircuitPass,
  CircuitState,
} from './circuit-breaker/circuit-breaker.js';
export { createCircuitBreaker } from './circuit-breaker/circuit-breaker.js';
export { isBreakerFailure } from './circuit-breaker/is-breaker-failure.js';
export type { FallbackAttemptEvent, FallbackOptions, FallbackTarget } from './fallback/fallback.js';
export { fallback } from './fallback/fallback.js';
export { shouldFallBack } from './fallback/should-fall-back.js';
export type { EstimatedRequest, TokenEstimator } from './rate-limiter/estimate-tokens.js';
export { estimateTokens, reservedOutputTokens } from './rate-limiter/estimate-tokens.js';
export type { RateLimits } from './rate-limiter/key-state.js';
export { rateLimitKey } from './rate-limiter/rate-limit-key.js';
export type {
  AcquireOptions,
  RateLimiter,
  RateLimiterOptions,
  RateLimitReservation,
  RateLimitSnapshot,
  SettleOptions,
} from './rate-limiter/rate-limiter.js';
export { createRateLimiter, DEFAULT_SMOOTHING_WINDOW_MS } from './rate-limiter/rate-limiter.js';
export type {
  MemoryRateLimitStore,
  MemoryRateLimitStoreOptions,
} from './rate-limiter/store/memory-rate-limit-store.js';
export { createMemoryRateLimitStore } from './rate-limiter/store/memory-rate-limit-store.js';
export type {
  AdjustArgs,
  KeyConfig,
  KeySnapshot,
  ObserveArgs,
  PauseArgs,
  RateLimitKeyState,
  RateLimitStore,
  ReserveArgs,
  ReserveResult,
  SnapshotArgs,
  WaitReason,
} from './rate-limiter/store/rate-limit-store.js';
export type { StoreOperation } from './rate-limiter/store/store-operations.js';
export { BURST_RECOVERY_PER_SUCCESS, storeOperations } from './rate-limiter/store/store-operations.js';
export type { BucketState } from './rate-limiter/token-bucket.js';
export { fullJitterBackoff } from './retry/backoff.js';
export { isQuotaError, isRetryable } from './retry/is-retryable.js';
export type {
  RetryAttemptInfo,
  RetryBudgetExhaustedEvent,
  RetryDecision,
  RetryExecuteOptions,
  RetryPolicy,
  RetryPolicyOptions,
  RetrySession,
  RetrySessionOptions,
} from './retry/retry-policy.js';
export { createRetryPolicy, DEFAULT_RETRY_BUDGET_CAPACITY } from './retry/retry-policy.js';
export type { RouterOptions, RouterTarget } from './router/create-router.js';
export { createRouter } from './router/create-router.js';
export type { RouterStrategy } from './router/order-targets.js';
export type { TimeoutOptions } from './timeouts/timeout-options.js';
export type { ResiliencePolicy } from './with-resilience.js';
export { COMPOSITION_ORDER, withResilience } from './with-resilience.js';
