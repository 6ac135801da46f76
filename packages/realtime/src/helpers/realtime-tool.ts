import { loadZod } from '@switchboard/core';
import type { z } from 'zod';
import type { RealtimeFunctionToolDefinition } from '../events/session-config.js';

/** What a tool handler gets besides its arguments. */
export interface ToolCallContext {
  /** The call id. */
  callId: string;
  /** The tool name. */
  name: string;
  /** Aborted when the session closes. */
  signal: AbortSignal;
}

/**
 * A tool the model may call. `parameters` is a JSON schema, or a zod schema (converted for the model and used to
 * validate the arguments). What `execute` returns is sent back as the call's output (strings as they are, other
 * values as JSON); what it throws is sent back as `{ "error": message }` so the model can recover.
 */
export interface RealtimeTool<Args = unknown> {
  /** What the tool does, for the model. */
  description?: string;
  /** The arguments' schema. */
  parameters?: Record<string, unknown> | z.ZodType<Args>;
  /** Runs the tool. */
  execute(args: Args, context: ToolCallContext): unknown;
}

/** Declares a tool with its argument type inferred from a zod `parameters` schema (or given explicitly). */
export function defineTool<Args>(tool: RealtimeTool<Args>): RealtimeTool<Args> {
  return tool;
}

/** True when `value` is a zod schema. */
export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && typeof (value as z.ZodType).safeParse === 'function';
}

/** The `session.tools` entry for a tool. */
export function toToolDefinition(name: string, tool: RealtimeTool): RealtimeFunctionToolDefinition {
  const definition: RealtimeFunctionToolDefinition = { type: 'function', name };
  if (tool.description !== undefined) definition.description = tool.description;
  const { parameters } = tool;
  if (isZodSchema(parameters)) {
    const { $schema: _ignored, ...schema } = loadZod().toJSONSchema(parameters) as Record<string, unknown>;
    definition.parameters = schema;
  } else if (parameters !== undefined) {
    definition.parameters = parameters as Record<string, unknown>;
  }
  return definition;
}
