// Helpers of the worker entry scripts: they run only inside the worker processes (see vitest.config.ts).

/** The settings of a worker process, from argv[2]. */
export function readSettings<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}

/**
 * Stops the worker when its parent goes away: the parent holds the write end of the worker's standard input, so its
 * end (the parent exited or was killed, even with SIGKILL) calls `stop`; the process is forced out if that takes
 * longer than `graceMs`. Returns a function to call once the worker is done on its own (it releases stdin so the
 * process can exit).
 */
export function stopWithParent(stop: () => void, graceMs = 10_000): () => void {
  const onEnd = () => {
    stop();
    setTimeout(() => process.exit(1), graceMs).unref();
  };
  process.stdin.once('end', onEnd);
  process.stdin.once('close', onEnd);
  process.stdin.resume();
  return () => {
    process.stdin.off('end', onEnd);
    process.stdin.off('close', onEnd);
    process.stdin.destroy();
  };
}

/** One JSON line on stdout, to the parent. */
export function report(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}
