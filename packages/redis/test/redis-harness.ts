import { Redis } from 'ioredis';
import { type RedisTestServer, redisAvailability, startRedisTestServer } from '../src/testing/index.js';

const availability = redisAvailability();
/** True when `redis-server` is missing here and not required (the reason is printed once). */
export const skipRedis = !availability.available;
if (!availability.available) console.warn(`[@switchboard/redis] skipped: ${availability.reason}`);

/** A server and a client connected to it, for one test file. */
export async function startRedis(): Promise<{ server: RedisTestServer; client: Redis }> {
  const server = await startRedisTestServer();
  const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  await client.ping();
  return { server, client };
}
