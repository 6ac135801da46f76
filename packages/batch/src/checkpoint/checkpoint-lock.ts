import { open, readFile, unlink } from 'node:fs/promises';
import { CheckpointError } from '../errors/checkpoint-error.js';

/**
 * An exclusive lock on a checkpoint: a `<path>.lock` file holding the owner's pid. A lock left behind by a process
 * that no longer runs (killed with SIGKILL, say) is taken over.
 */
export class CheckpointLock {
  private constructor(private readonly lockPath: string) {}

  /** Takes the lock or throws a `CheckpointError` (`locked`) naming the process that holds it. */
  static async acquire(checkpointPath: string): Promise<CheckpointLock> {
    const lockPath = `${checkpointPath}.lock`;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const handle = await open(lockPath, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        return new CheckpointLock(lockPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && (owner === process.pid || isRunning(owner))) {
        throw new CheckpointError({
          problem: 'locked',
          path: checkpointPath,
          message: `The checkpoint ${checkpointPath} is in use by process ${owner}; two runs must not share one checkpoint.`,
        });
      }
      await unlink(lockPath).catch(() => undefined);
    }
    throw new CheckpointError({
      problem: 'locked',
      path: checkpointPath,
      message: `Could not lock the checkpoint ${checkpointPath}: its lock file keeps reappearing.`,
    });
  }

  /** Releases the lock. */
  async release(): Promise<void> {
    await unlink(this.lockPath).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
