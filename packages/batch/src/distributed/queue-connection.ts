import { Redis } from 'ioredis';
import type { QueueConnection } from './distributed-options.js';

/**
 * A connection of our own to the queue's Redis: a duplicate of a given client, or a new one from a URL or options.
 * BullMQ's workers need `maxRetriesPerRequest: null` (they block on Redis and must not give up).
 */
export function openConnection(connection: QueueConnection): Redis {
  const settings = { maxRetriesPerRequest: null } as const;
  const client =
    connection instanceof Redis
      ? connection.duplicate(settings)
      : typeof connection === 'string'
        ? new Redis(connection, settings)
        : new Redis({ ...connection, ...settings });
  // Errors reach the commands that fail; without a listener ioredis would also print each one.
  client.on('error', () => {});
  return client;
}
