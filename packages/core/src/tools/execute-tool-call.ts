import type { ChatMessage } from '../types/chat-request.js';
import type { ResponseToolCall } from '../types/chat-response.js';
import { abortReason } from '../utils/abort.js';
import type { PreparedTool } from './prepare-tools.js';
import type { ToolSet } from './tool.js';
import { ToolCallError } from './tool-call-error.js';
import type { ToolFailure, ToolResult } from './tool-results.js';

/**
 * Runs one tool call: finds the tool, parses and validates the arguments, runs `execute`. Every failure becomes a
 * `ToolFailure` (never a throw), except an abort of `signal`, which rejects with an `AbortedError`.
 */
export async function executeToolCall<T extends ToolSet>(
  call: ResponseToolCall,
  tools: Map<string, PreparedTool>,
  context: { signal: AbortSignal; messages: readonly ChatMessage[]; provider: string },
): Promise<ToolResult<T>> {
  const failure = (reason: ToolCallError['reason'], message: string, args: unknown, cause?: unknown): ToolFailure => ({
    toolCallId: call.id,
    toolName: call.name,
    args,
    isError: true,
    error: new ToolCallError({
      reason,
      message,
      toolName: call.name,
      toolCallId: call.id,
      provider: context.provider,
      cause,
    }),
  });
  const prepared = tools.get(call.name);
  if (!prepared) {
    const known = [...tools.keys()].join(', ');
    return failure('unknown-tool', `There is no tool named "${call.name}". Available tools: ${known}.`, undefined);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(call.arguments || '{}');
  } catch (error) {
    return failure('invalid-arguments', `The arguments of ${call.name} are not valid JSON.`, undefined, error);
  }
  const parsed = await prepared.tool.parameters.safeParseAsync(prepared.revive(raw));
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    return failure('invalid-arguments', `Invalid arguments for ${call.name}: ${problems}.`, raw);
  }
  try {
    const result: unknown = await prepared.tool.execute(parsed.data, {
      signal: context.signal,
      toolCallId: call.id,
      messages: context.messages,
    });
    if (context.signal.aborted) throw abortReason(context.signal, context.provider);
    return { toolCallId: call.id, toolName: call.name, args: parsed.data, result, isError: false } as ToolResult<T>;
  } catch (error) {
    if (context.signal.aborted) throw abortReason(context.signal, context.provider);
    const message = error instanceof Error ? error.message : String(error);
    return failure('execution-failed', `The tool ${call.name} failed: ${message}`, parsed.data, error);
  }
}
