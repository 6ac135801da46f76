import { EventEmitter } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { DemoIO } from '../../src/cli/demo-io.ts';
import { main } from '../../src/cli.ts';

/** A stream that records what is written to it, optionally pretending to be a terminal. */
export class CapturedStream extends PassThrough {
  text = '';
  isTTY: boolean | undefined;
  columns = 100;

  constructor(tty = false) {
    super();
    this.isTTY = tty || undefined;
    this.on('data', (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
    });
  }

  /** Resolves once the text matches `pattern` (polling, bounded by `timeoutMs`). */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.text)) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern} in:\n${this.text}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Everything a test needs to drive `main` in this process. */
export interface TestIO extends DemoIO {
  stdout: CapturedStream;
  stderr: CapturedStream;
  /** Fires Ctrl-C. */
  interrupt(): void;
  /** Exit codes passed to `forceExit`. */
  forcedExits: number[];
}

/** Options of {@link createTestIO}. */
export interface TestIOOptions {
  /** The environment (default: empty, so the demo runs offline). */
  env?: Record<string, string | undefined>;
  /** Standard input: text (ended at once) or a stream the test writes to. */
  stdin?: string | (NodeJS.ReadableStream & { isTTY?: boolean });
  /** Make stdout and stderr look like terminals. */
  tty?: boolean;
}

/** Streams, environment and Ctrl-C for one in-process run. */
export function createTestIO(options: TestIOOptions = {}): TestIO {
  const interrupts = new EventEmitter();
  const forcedExits: number[] = [];
  const stdin =
    typeof options.stdin === 'string' || options.stdin === undefined
      ? Readable.from([options.stdin ?? ''])
      : options.stdin;
  return {
    stdin,
    stdout: new CapturedStream(options.tty),
    stderr: new CapturedStream(options.tty),
    env: options.env ?? {},
    onInterrupt(listener) {
      interrupts.on('interrupt', listener);
      return () => interrupts.off('interrupt', listener);
    },
    forceExit(code) {
      forcedExits.push(code);
    },
    interrupt() {
      interrupts.emit('interrupt');
    },
    forcedExits,
  };
}

/** The outcome of one run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI's `main` in this process (so coverage sees it) with captured streams. */
export async function runMain(argv: string[], options: TestIOOptions | TestIO = {}): Promise<RunResult> {
  const io = 'forcedExits' in options ? options : createTestIO(options);
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}
