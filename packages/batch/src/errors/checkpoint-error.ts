import { SwitchboardError } from '@switchboard/core';

/** Why a checkpoint cannot be used. */
export type CheckpointProblem =
  /** It was written for another input (the fingerprints differ). */
  | 'input-mismatch'
  /** A request with a checkpointed `customId` is not the request that was run for it. */
  | 'request-changed'
  /** It is not a checkpoint, or a line before the last one is damaged. */
  | 'corrupt'
  /** Another process is writing to it. */
  | 'locked';

/** A checkpoint file cannot be used for this run; nothing was run and the file was not changed. */
export class CheckpointError extends SwitchboardError {
  /** What is wrong. */
  readonly problem: CheckpointProblem;
  /** The checkpoint file. */
  readonly path: string;

  constructor(options: { problem: CheckpointProblem; path: string; message: string; cause?: unknown }) {
    super('config', { message: options.message, source: 'client', severity: 'fatal', cause: options.cause });
    this.problem = options.problem;
    this.path = options.path;
  }

  protected override details(): Record<string, unknown> {
    return { problem: this.problem, path: this.path };
  }
}
