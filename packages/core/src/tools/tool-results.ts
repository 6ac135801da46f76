import type { z } from 'zod';
import type { ToolSet } from './tool.js';
import type { ToolCallError } from './tool-call-error.js';

/** A call the model made to one of the tools, with its arguments typed by that tool's schema. */
export type TypedToolCall<T extends ToolSet> = {
  [Name in keyof T & string]: {
    /** The model's id for the call. */
    toolCallId: string;
    /** The tool's name. */
    toolName: Name;
    /** The validated arguments. */
    args: z.output<T[Name]['parameters']>;
  };
}[keyof T & string];

/** A tool's successful result, typed by its `execute`. */
export type ToolSuccess<T extends ToolSet> = {
  [Name in keyof T & string]: {
    /** The model's id for the call. */
    toolCallId: string;
    /** The tool's name. */
    toolName: Name;
    /** The validated arguments. */
    args: z.output<T[Name]['parameters']>;
    /** What `execute` returned. */
    result: Awaited<ReturnType<T[Name]['execute']>>;
    /** Discriminator. */
    isError: false;
  };
}[keyof T & string];

/** A call that failed: unknown tool, invalid arguments or a throwing `execute`. */
export interface ToolFailure {
  /** The model's id for the call. */
  toolCallId: string;
  /** The name the model used. */
  toolName: string;
  /** The arguments as parsed from the model's JSON (unvalidated), or undefined when they did not parse. */
  args: unknown;
  /** What went wrong; its message is what the model was told. */
  error: ToolCallError;
  /** Discriminator. */
  isError: true;
}

/** The outcome of one tool call. */
export type ToolResult<T extends ToolSet> = ToolSuccess<T> | ToolFailure;
