export type { RedisRateLimitStore } from './store/create-redis-rate-limit-store.js';
export { createRedisRateLimitStore } from './store/create-redis-rate-limit-store.js';
export type {
  RedisRateLimitStoreOptions,
  RedisStoreHooks,
  StoreAvailabilityEvent,
  UnavailablePolicy,
} from './store/redis-store-options.js';
