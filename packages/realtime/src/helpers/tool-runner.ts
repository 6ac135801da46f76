import type { RealtimeClientEvent } from '../events/client-events.js';
import type { ToolResultEvent } from '../events/local-events.js';
import type { RealtimeItem, RealtimeResponse } from '../events/server/shared-schemas.js';
import type { RealtimeFunctionToolDefinition } from '../events/session-config.js';
import type { ReplySink } from './realtime-reply.js';
import { isZodSchema, type RealtimeTool, toToolDefinition } from './realtime-tool.js';

/** What the runner needs from the session. */
export interface ToolHost {
  /**
   * Sends the outputs and asks for the follow-up response (delivered to `sink` when there is one); throws when the
   * session is closed or the queue is full.
   */
  respond(outputs: RealtimeClientEvent[], sink: ReplySink | undefined): void;
  /** Emits a `tool-result` event. */
  emit(event: ToolResultEvent): void;
  /** Aborted when the session closes. */
  readonly signal: AbortSignal;
}

type FunctionCall = RealtimeItem & { call_id: string; name: string };

/**
 * Answers function calls: when a response completes with calls to registered tools, runs the handlers (in
 * parallel), sends each result as a `function_call_output` item and asks for the next response, so the model can
 * use the results. Calls to tools it does not know get an error output, so the model is never left waiting.
 */
export class ToolRunner {
  readonly #tools: Map<string, RealtimeTool>;
  readonly #host: ToolHost;

  constructor(tools: Record<string, RealtimeTool>, host: ToolHost) {
    this.#tools = new Map(Object.entries(tools));
    this.#host = host;
  }

  /** The `session.tools` entries of the registered tools. */
  definitions(): RealtimeFunctionToolDefinition[] {
    return [...this.#tools].map(([name, tool]) => toToolDefinition(name, tool));
  }

  /** Handles a finished response; true when it will send outputs and continue (the reply should wait). */
  handle(response: RealtimeResponse, sink: ReplySink | undefined): boolean {
    if (this.#tools.size === 0 || response.status !== 'completed') return false;
    const calls = (response.output ?? []).filter(
      (item): item is FunctionCall =>
        item.type === 'function_call' && typeof item.call_id === 'string' && typeof item.name === 'string',
    );
    if (!calls.some((call) => this.#tools.has(call.name))) return false;
    void this.#run(calls, sink);
    return true;
  }

  async #run(calls: FunctionCall[], sink: ReplySink | undefined): Promise<void> {
    const outputs = await Promise.all(calls.map((call) => this.#call(call)));
    if (this.#host.signal.aborted) return;
    try {
      this.#host.respond(
        calls.map((call, index) => ({
          type: 'conversation.item.create',
          item: { type: 'function_call_output', call_id: call.call_id, output: outputs[index] as string },
        })),
        sink,
      );
    } catch (error) {
      sink?.fail(error);
    }
  }

  async #call(call: FunctionCall): Promise<string> {
    const args = call.arguments ?? '{}';
    const tool = this.#tools.get(call.name);
    let output: string;
    let failure: unknown;
    try {
      if (!tool) throw new Error(`No handler is registered for the tool "${call.name}".`);
      const result = await tool.execute(parseArguments(args, tool), {
        callId: call.call_id,
        name: call.name,
        signal: this.#host.signal,
      });
      output = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    } catch (error) {
      failure = error;
      output = JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
    }
    const event: ToolResultEvent = {
      type: 'tool-result',
      callId: call.call_id,
      name: call.name,
      arguments: args,
      output,
    };
    if (failure !== undefined) event.error = failure;
    this.#host.emit(event);
    return output;
  }
}

function parseArguments(text: string, tool: RealtimeTool): unknown {
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new Error('The arguments are not valid JSON.');
  }
  if (!isZodSchema(tool.parameters)) return value;
  const result = tool.parameters.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`);
  throw new Error(`Invalid arguments: ${issues.join('; ')}`);
}
