/** A stream the demo writes to; `isTTY` decides colours, the progress bar and the interactive prompt. */
export type DemoWritable = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Where the demo reads and writes, so the commands run the same in a terminal, a pipe or a test. */
export interface DemoIO {
  /** Standard input (the chat REPL and `realtime` read lines from it). */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Results and human output. */
  stdout: DemoWritable;
  /** Status lines, progress and errors. */
  stderr: DemoWritable;
  /** The environment (API keys decide the provider). */
  env: Record<string, string | undefined>;
  /** Subscribes to Ctrl-C (SIGINT); returns a function that unsubscribes. */
  onInterrupt(listener: () => void): () => void;
  /** Leaves at once with `code` (a second Ctrl-C while the first is still being handled). */
  forceExit(code: number): void;
}

/** The real process: its streams, its environment and its SIGINT. */
export function processIO(): DemoIO {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    onInterrupt(listener) {
      process.on('SIGINT', listener);
      return () => process.off('SIGINT', listener);
    },
    forceExit(code) {
      process.exit(code);
    },
  };
}
