export type { RedisTestServer } from './redis-test-server.js';
export { REQUIRE_REDIS_VARIABLE, redisAvailability, startRedisTestServer } from './redis-test-server.js';
