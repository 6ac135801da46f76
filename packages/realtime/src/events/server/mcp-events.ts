import type { Zod } from '@switchboard/core';
import type { z } from 'zod';
import { serverEvent } from './shared-schemas.js';

const item = (z: Zod) => ({ item_id: z.string() });
const call = (z: Zod) => ({ item_id: z.string(), output_index: z.number() });

/** `mcp_list_tools.in_progress`. */
export const mcpListToolsInProgressSchema = serverEvent('mcp_list_tools.in_progress', item);
/** `mcp_list_tools.completed`. */
export const mcpListToolsCompletedSchema = serverEvent('mcp_list_tools.completed', item);
/** `mcp_list_tools.failed`. */
export const mcpListToolsFailedSchema = serverEvent('mcp_list_tools.failed', item);
/** `response.mcp_call_arguments.delta`. */
export const mcpCallArgumentsDeltaSchema = serverEvent('response.mcp_call_arguments.delta', (z) => ({
  ...call(z),
  response_id: z.string(),
  delta: z.string(),
}));
/** `response.mcp_call_arguments.done`. */
export const mcpCallArgumentsDoneSchema = serverEvent('response.mcp_call_arguments.done', (z) => ({
  ...call(z),
  response_id: z.string(),
  arguments: z.string(),
}));
/** `response.mcp_call.in_progress`. */
export const mcpCallInProgressSchema = serverEvent('response.mcp_call.in_progress', call);
/** `response.mcp_call.completed`. */
export const mcpCallCompletedSchema = serverEvent('response.mcp_call.completed', call);
/** `response.mcp_call.failed`. */
export const mcpCallFailedSchema = serverEvent('response.mcp_call.failed', call);

/** `mcp_list_tools.in_progress`. */
export type McpListToolsInProgressEvent = z.infer<typeof mcpListToolsInProgressSchema>;
/** `mcp_list_tools.completed`. */
export type McpListToolsCompletedEvent = z.infer<typeof mcpListToolsCompletedSchema>;
/** `mcp_list_tools.failed`. */
export type McpListToolsFailedEvent = z.infer<typeof mcpListToolsFailedSchema>;
/** `response.mcp_call_arguments.delta`. */
export type McpCallArgumentsDeltaEvent = z.infer<typeof mcpCallArgumentsDeltaSchema>;
/** `response.mcp_call_arguments.done`. */
export type McpCallArgumentsDoneEvent = z.infer<typeof mcpCallArgumentsDoneSchema>;
/** `response.mcp_call.in_progress`. */
export type McpCallInProgressEvent = z.infer<typeof mcpCallInProgressSchema>;
/** `response.mcp_call.completed`. */
export type McpCallCompletedEvent = z.infer<typeof mcpCallCompletedSchema>;
/** `response.mcp_call.failed`. */
export type McpCallFailedEvent = z.infer<typeof mcpCallFailedSchema>;
