import { context, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { GEN_AI, GENERAL } from './attributes/semconv.js';
import { errorMessage, errorType } from './spans/error-type.js';

type Execute = (args: unknown, options?: { toolCallId?: string } & Record<string, unknown>) => unknown;

/**
 * Returns the tools with each `execute` run inside an `execute_tool {name}` span (the conventions' tool span),
 * child of whatever span is active when the tool loop calls it. Tools without `execute` pass through unchanged.
 */
export function traceTools<T extends Record<string, unknown>>(tools: T, tracer: Tracer): T {
  const traced: Record<string, unknown> = {};
  for (const [name, tool] of Object.entries(tools)) {
    const execute = (tool as { execute?: unknown } | undefined)?.execute;
    if (typeof execute !== 'function') {
      traced[name] = tool;
      continue;
    }
    const description = (tool as { description?: unknown }).description;
    traced[name] = {
      ...(tool as object),
      execute: (args: unknown, options?: Parameters<Execute>[1]) => {
        const span = tracer.startSpan(`execute_tool ${name}`, {
          kind: SpanKind.INTERNAL,
          attributes: {
            [GEN_AI.operationName]: 'execute_tool',
            [GEN_AI.toolName]: name,
            [GEN_AI.toolType]: 'function',
            ...(typeof description === 'string' ? { [GEN_AI.toolDescription]: description } : {}),
            ...(options?.toolCallId ? { [GEN_AI.toolCallId]: options.toolCallId } : {}),
          },
        });
        const run = async () => {
          try {
            const result = await (execute as Execute).call(tool, args, options);
            span.end();
            return result;
          } catch (error) {
            span.setAttribute(GENERAL.errorType, errorType(error));
            span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
            span.end();
            throw error;
          }
        };
        return context.with(trace.setSpan(context.active(), span), run);
      },
    };
  }
  return traced as T;
}
