import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

/**
 * The child processes a command started (worker processes, a redis-server), stopped together. Each runs in a process
 * group of its own (on POSIX), so Ctrl-C in a terminal reaches only the demo, which then stops them in order: the
 * workers first (they finish what they hold), then the Redis they record into. Whatever is still running when the
 * demo exits (a second Ctrl-C, `process.exit`, SIGTERM) is killed on the way out.
 */
export class ChildProcesses {
  readonly #children = new Set<ChildProcess>();
  readonly #onExit = () => this.killAll();
  readonly #onTerminate = () => {
    this.killAll();
    process.exit(143);
  };

  /** Spawns `command` and tracks it until it exits. */
  spawn(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
    const child = spawn(command, args, { ...options, detached: process.platform !== 'win32' });
    this.#children.add(child);
    if (this.#children.size === 1) {
      process.on('exit', this.#onExit);
      process.on('SIGTERM', this.#onTerminate);
    }
    const forget = () => {
      this.#children.delete(child);
      if (this.#children.size === 0) this.#unlisten();
    };
    child.once('exit', forget);
    // A command that cannot start (ENOENT) emits `error` and never `exit`.
    child.once('error', forget);
    return child;
  }

  /** How many are running. */
  get size(): number {
    return this.#children.size;
  }

  /**
   * Sends `signal` to `child` and resolves once it has exited; after `graceMs` it is killed with SIGKILL. Resolves at
   * once for a child that is not running.
   */
  async stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    if (!isRunning(child)) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(signal);
    });
  }

  /** Stops every child still running (see `stop`). */
  async stopAll(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    await Promise.all([...this.#children].map((child) => this.stop(child, signal, graceMs)));
  }

  /** Kills every child at once with SIGKILL (synchronous: safe in an `exit` handler). */
  killAll(): void {
    for (const child of this.#children) if (isRunning(child)) child.kill('SIGKILL');
  }

  #unlisten(): void {
    process.off('exit', this.#onExit);
    process.off('SIGTERM', this.#onTerminate);
  }
}

/** True while `child` has neither exited nor been killed by a signal. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null && child.pid !== undefined;
}
