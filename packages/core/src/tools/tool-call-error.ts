import type { ErrorClassOptions } from '../errors/error-classes.js';
import { SwitchboardError } from '../errors/switchboard-error.js';

/** Why a tool call failed. */
export type ToolCallFailure = 'unknown-tool' | 'invalid-arguments' | 'execution-failed';

/**
 * A tool call the model made could not be carried out: no tool has that name, the arguments are not valid JSON or do
 * not match the tool's schema, or the tool threw. `runTools` sends it back to the model as the call's result (so the
 * model can correct itself) unless `toolErrors: 'throw'` asks for it to be thrown.
 */
export class ToolCallError extends SwitchboardError {
  /** What went wrong. */
  readonly reason: ToolCallFailure;
  /** The tool the model called. */
  readonly toolName: string;
  /** The model's id for the call. */
  readonly toolCallId: string;

  constructor(options: ErrorClassOptions & { reason: ToolCallFailure; toolName: string; toolCallId: string }) {
    super('tool-call', { source: 'client', ...options, retryable: false });
    this.reason = options.reason;
    this.toolName = options.toolName;
    this.toolCallId = options.toolCallId;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason, toolName: this.toolName, toolCallId: this.toolCallId };
  }
}
