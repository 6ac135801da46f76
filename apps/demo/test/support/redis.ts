import { readdirSync, readFileSync } from 'node:fs';
import { redisAvailability } from '@switchboard/redis/testing';

// The same rule as @switchboard/redis's own tests: without redis-server the Redis tests are skipped with the reason
// printed, unless SWITCHBOARD_REQUIRE_REDIS=1 (CI), where its absence fails them.
const availability = redisAvailability();
/** True when `redis-server` is missing here and not required. */
export const skipRedis = !availability.available;
if (!availability.available) console.warn(`[@switchboard/demo] Redis tests skipped: ${availability.reason}`);

/** The environment for an in-process run that starts processes: PATH (to find redis-server) and nothing else. */
export function pathEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { PATH: process.env.PATH, ...extra };
}

/** A running process. */
export interface ProcessInfo {
  pid: number;
  commandLine: string;
}

/**
 * The running children of `parentPid` (Linux: read from /proc; elsewhere an empty list, so the leak checks pass
 * trivially there). Zombies (exited, not yet reaped) do not count.
 */
export function childrenOf(parentPid: number): ProcessInfo[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: ProcessInfo[] = [];
  for (const pid of pids) {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ...", comm may hold spaces: read after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== parentPid || state === 'Z') continue;
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      found.push({ pid: Number(pid), commandLine });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** True while `pid` runs (a zombie does not). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Resolves with the processes of `pids` still running after `timeoutMs` (none, normally). */
export async function survivors(pids: number[], timeoutMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let left = pids.filter(isAlive);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = left.filter(isAlive);
  }
  return left;
}

/** The port of the redis-server the demo said it started, from its status line. */
export function startedRedisPort(stderr: string): string | undefined {
  return /started redis-server on 127\.0\.0\.1:(\d+)/.exec(stderr)?.[1];
}
