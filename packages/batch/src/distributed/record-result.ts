import type { Redis } from 'ioredis';
import type { JobKeys } from './queue-keys.js';

/**
 * Records a result once, atomically: the first result for a customId is stored, appended to the job's stream and
 * counted; a second one (the request ran twice: its worker died after sending it) only counts as a duplicate. Returns
 * `{recorded (1|0), cancelRequested (1|0)}`, so the worker learns of a cancellation in the same round trip.
 * KEYS: results, stream, meta. ARGV: customId, serialized result, outcome (succeeded|failed|cancelled), cost, now.
 */
const RECORD_SCRIPT = `
local cancelled = redis.call('HGET', KEYS[3], 'cancelRequested') == '1' and 1 or 0
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  redis.call('HINCRBY', KEYS[3], 'duplicates', 1)
  return {0, cancelled}
end
redis.call('XADD', KEYS[2], '*', 'customId', ARGV[1], 'result', ARGV[2])
redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
if ARGV[4] ~= '0' then redis.call('HINCRBYFLOAT', KEYS[3], 'costUsd', ARGV[4]) end
redis.call('HSETNX', KEYS[3], 'firstDoneAt', ARGV[5])
redis.call('HSET', KEYS[3], 'lastDoneAt', ARGV[5])
return {1, cancelled}
`;

/**
 * What a worker checks before sending a request, in one round trip: whether its result is already recorded, and
 * whether the job was cancelled; a redelivered request (its first worker stopped answering) is counted.
 * KEYS: results, meta. ARGV: customId, redelivered (1|0). Returns `{recorded (1|0), cancelRequested (1|0)}`.
 */
const CHECK_SCRIPT = `
if ARGV[2] == '1' then redis.call('HINCRBY', KEYS[2], 'redelivered', 1) end
local cancelled = redis.call('HGET', KEYS[2], 'cancelRequested') == '1' and 1 or 0
return {redis.call('HEXISTS', KEYS[1], ARGV[1]), cancelled}
`;

/** The outcome counter a result goes to. */
export type RecordedOutcome = 'succeeded' | 'failed' | 'cancelled';

/** The two scripts as ioredis commands (sent by SHA, the script text only once per connection). */
interface ScriptCommands {
  switchboardBatchRecord(...args: string[]): Promise<[number, number]>;
  switchboardBatchCheck(...args: string[]): Promise<[number, number]>;
}

/** The worker's Redis operations on a job's keys, each one round trip. */
export interface ResultStore {
  /** Stores `serialized` as the result of `customId` unless one exists. */
  record(
    keys: JobKeys,
    customId: string,
    serialized: string,
    outcome: RecordedOutcome,
    costUsd: number,
  ): Promise<{ recorded: boolean; cancelRequested: boolean }>;
  /** Whether `customId` has a result and whether the job was cancelled; counts a redelivery when `redelivered`. */
  check(
    keys: JobKeys,
    customId: string,
    redelivered: boolean,
  ): Promise<{ recorded: boolean; cancelRequested: boolean }>;
}

/** Defines the scripts on `redis` (a connection of the worker's own) and returns the operations. */
export function resultStore(redis: Redis): ResultStore {
  redis.defineCommand('switchboardBatchRecord', { numberOfKeys: 3, lua: RECORD_SCRIPT });
  redis.defineCommand('switchboardBatchCheck', { numberOfKeys: 2, lua: CHECK_SCRIPT });
  const commands = redis as unknown as ScriptCommands;
  return {
    async record(keys, customId, serialized, outcome, costUsd) {
      const [recorded, cancelled] = await commands.switchboardBatchRecord(
        keys.results,
        keys.stream,
        keys.meta,
        customId,
        serialized,
        outcome,
        String(costUsd),
        String(Date.now()),
      );
      return { recorded: recorded === 1, cancelRequested: cancelled === 1 };
    },
    async check(keys, customId, redelivered) {
      const [recorded, cancelled] = await commands.switchboardBatchCheck(
        keys.results,
        keys.meta,
        customId,
        redelivered ? '1' : '0',
      );
      return { recorded: recorded === 1, cancelRequested: cancelled === 1 };
    },
  };
}
