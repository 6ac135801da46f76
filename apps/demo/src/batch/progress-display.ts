import type { BatchProgress } from '@switchboard/batch';
import { SingleBar } from 'cli-progress';
import type { DemoWritable } from '../cli/demo-io.js';
import { formatUsd } from '../tokens/token-report.js';

/** Shows a batch's progress: a bar on a terminal, a status line every few seconds otherwise. */
export interface ProgressDisplay {
  /** Takes a progress snapshot. */
  update(progress: BatchProgress): void;
  /** Draws the final state and releases the terminal. */
  stop(): void;
}

/** Options of the display. */
export interface ProgressDisplayOptions {
  /** Requests in the batch (known from the scan). */
  total: number;
  /** Words before the bar or line. */
  label: string;
  /** Least time between two status lines when not on a terminal. Default 2000 ms. */
  statusIntervalMs?: number;
}

/** A cli-progress bar when `stream` is a terminal, else periodic one-line status reports on it. */
export function createProgressDisplay(stream: DemoWritable, options: ProgressDisplayOptions): ProgressDisplay {
  return stream.isTTY ? barDisplay(stream, options) : statusLineDisplay(stream, options);
}

function barDisplay(stream: DemoWritable, options: ProgressDisplayOptions): ProgressDisplay {
  const bar = new SingleBar({
    stream,
    format: `  ${options.label} {bar} {value}/{total} | {rate} req/s | {cost} | {detail}`,
    barsize: 24,
    hideCursor: true,
    fps: 10,
  });
  let last: BatchProgress | undefined;
  bar.start(options.total, 0, payload(undefined));
  return {
    update(progress) {
      last = progress;
      bar.update(progress.done, payload(progress));
    },
    stop() {
      if (last) bar.update(last.done, payload(last));
      bar.stop();
    },
  };
}

function payload(progress: BatchProgress | undefined): Record<string, string> {
  if (!progress) return { rate: '0.0', cost: formatUsd(0), detail: 'starting' };
  return {
    rate: progress.requestsPerSecond.toFixed(1),
    cost: formatUsd(progress.costUsd),
    detail: details(progress),
  };
}

function details(progress: BatchProgress): string {
  const parts = [`${progress.inFlight} in flight`];
  if (progress.fromCheckpoint) parts.push(`${progress.fromCheckpoint} from checkpoint`);
  if (progress.failed) parts.push(`${progress.failed} failed`);
  return parts.join(', ');
}

function key(progress: BatchProgress): string {
  return `${progress.done}/${progress.inFlight}/${progress.failed}/${progress.fromCheckpoint}`;
}

function statusLineDisplay(stream: DemoWritable, options: ProgressDisplayOptions): ProgressDisplay {
  const interval = options.statusIntervalMs ?? 2_000;
  let lastLine = Number.NEGATIVE_INFINITY;
  let last: BatchProgress | undefined;
  let lastPrinted: BatchProgress | undefined;
  const print = (progress: BatchProgress) => {
    lastPrinted = progress;
    lastLine = performance.now();
    stream.write(
      `  ${options.label}: ${progress.done}/${options.total} done, ${details(progress)}, ${progress.requestsPerSecond.toFixed(1)} req/s, ${formatUsd(progress.costUsd)}\n`,
    );
  };
  return {
    update(progress) {
      last = progress;
      if (performance.now() - lastLine >= interval) print(progress);
    },
    stop() {
      // The last snapshot, unless it says nothing new (or nothing at all happened).
      if (last && key(last) !== (lastPrinted ? key(lastPrinted) : key({ ...last, done: 0, inFlight: 0 }))) print(last);
    },
  };
}
