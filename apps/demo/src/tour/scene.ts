import type { DemoIO } from '../cli/demo-io.js';
import type { Output } from '../cli/output.js';
import type { DemoContext } from '../setup/connect.js';

/** What every tour scene gets. */
export interface SceneContext {
  /** The connected providers, usage tracker and mock server. */
  demo: DemoContext;
  /** Where to write. */
  output: Output;
  /** Where scenes save files (the image, the batch checkpoint and output). */
  outDir: string;
  /** Ctrl-C. */
  signal: AbortSignal;
  /** The process's streams (the batch scene draws its progress bar on stderr). */
  io: DemoIO;
}

/** One scene of the tour. */
export interface Scene {
  /** The heading. */
  title: string;
  /** Runs it and returns its machine-readable result. */
  run(context: SceneContext): Promise<unknown>;
}
