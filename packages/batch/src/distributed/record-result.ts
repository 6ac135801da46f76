import type { Redis } from 'ioredis';
import type { JobKeys } from './queue-keys.js';

/**
 * Records a result once, atomically: the first result for a customId is stored, appended to the job's stream and
 * counted; a second one (the request ran twice: its worker died after sending it) only counts as a duplicate.
 * KEYS: results, stream, meta. ARGV: customId, serialized result, outcome (succeeded|failed|cancelled), cost, now.
 */
const RECORD_SCRIPT = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  redis.call('HINCRBY', KEYS[3], 'duplicates', 1)
  return 0
end
redis.call('XADD', KEYS[2], '*', 'customId', ARGV[1], 'result', ARGV[2])
redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
redis.call('HINCRBYFLOAT', KEYS[3], 'costUsd', ARGV[4])
redis.call('HSETNX', KEYS[3], 'firstDoneAt', ARGV[5])
redis.call('HSET', KEYS[3], 'lastDoneAt', ARGV[5])
return 1
`;

/** The outcome counter a result goes to. */
export type RecordedOutcome = 'succeeded' | 'failed' | 'cancelled';

/** Stores `serialized` as the result of `customId` unless one exists; true when this call recorded it. */
export async function recordResult(
  redis: Redis,
  keys: JobKeys,
  customId: string,
  serialized: string,
  outcome: RecordedOutcome,
  costUsd: number,
): Promise<boolean> {
  const recorded = await redis.eval(
    RECORD_SCRIPT,
    3,
    keys.results,
    keys.stream,
    keys.meta,
    customId,
    serialized,
    outcome,
    String(costUsd),
    String(Date.now()),
  );
  return recorded === 1;
}
