import type { z } from 'zod';
import type { ChatMessage } from '../types/chat-request.js';

/** What a tool's `execute` gets besides its arguments. */
export interface ToolExecutionContext {
  /** Aborts when the caller aborts the loop (or, with `toolErrors: 'throw'`, when a sibling call fails). */
  signal: AbortSignal;
  /** The model's id for this call. */
  toolCallId: string;
  /** The conversation up to and including the model's turn that made this call. */
  messages: readonly ChatMessage[];
}

/** A function the model may call: its zod parameters type the arguments `execute` receives. */
export interface Tool<S extends z.ZodType = z.ZodType, R = unknown> {
  /** What the tool does, shown to the model. */
  description?: string;
  /** The arguments' zod schema: sent as a JSON Schema and checked on every call. */
  parameters: S;
  /** Runs the call; the result is sent back to the model (strings as they are, anything else as JSON). */
  execute: (args: z.output<S>, context: ToolExecutionContext) => R | PromiseLike<R>;
  /**
   * Send the schema in strict mode (the default): the model's arguments then always match it. Set false for schemas
   * strict mode cannot express (records, open objects); the arguments are still validated here.
   */
  strict?: boolean;
}

/** Tools by the name the model calls them. */
// biome-ignore lint/suspicious/noExplicitAny: a set holds tools of different argument and result types
export type ToolSet = Record<string, Tool<any, any>>;

/**
 * Declares a tool with typed arguments: `execute` receives `z.output` of `parameters`. Only an identity function, so
 * TypeScript infers the types from the schema.
 */
export function tool<S extends z.ZodType, R>(definition: Tool<S, R>): Tool<S, R> {
  return definition;
}
