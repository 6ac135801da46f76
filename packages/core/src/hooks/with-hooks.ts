import { type ModelCatalog, modelCatalog } from '../catalog/model-catalog.js';
import { calculateCost } from '../cost/calculate-cost.js';
import { toSwitchboardError } from '../errors/to-switchboard-error.js';
import type { Logger } from '../logging/logger.js';
import { type CallContext, wrapProvider } from '../middleware/wrap-provider.js';
import type { CallOptions } from '../types/call-options.js';
import type { Provider } from '../types/provider.js';
import type { Usage } from '../types/usage.js';
import { combineHooks } from './combine-hooks.js';
import type { CallEventBase, Hooks } from './hook-events.js';

/** Options of `withHooks`. */
export interface WithHooksOptions {
  /** The catalog used to price usage. */
  catalog?: ModelCatalog;
  /** Receives warnings from hooks that throw. */
  logger?: Logger;
}

/**
 * Returns a provider that reports every call to `hooks`: `onRequest` before it is sent, then `onResponse` with
 * latency, usage and cost, or `onError` with the typed error. Streams report when they finish.
 */
export function withHooks(provider: Provider, hooks: Hooks | Hooks[], options: WithHooksOptions = {}): Provider {
  const emit = combineHooks(Array.isArray(hooks) ? hooks : [hooks], options.logger);
  const catalog = options.catalog ?? modelCatalog;
  const base = (context: CallContext, callOptions: CallOptions): CallEventBase => {
    const event: CallEventBase = { provider: provider.name, model: context.model, operation: context.operation };
    if (callOptions.metadata) event.metadata = callOptions.metadata;
    return event;
  };
  const succeed = (
    event: CallEventBase,
    startedAt: number,
    usage: Usage | undefined,
    requestId: string | undefined,
  ) => {
    const costUsd = usage && event.model ? calculateCost(event.model, usage, { catalog }) : undefined;
    emit.onResponse({
      ...event,
      latencyMs: performance.now() - startedAt,
      ...(usage ? { usage } : {}),
      ...(costUsd?.priced ? { costUsd: costUsd.totalUsd } : {}),
      ...(requestId ? { requestId } : {}),
    });
  };
  const fail = (event: CallEventBase, startedAt: number, error: unknown) =>
    emit.onError({
      ...event,
      latencyMs: performance.now() - startedAt,
      error: toSwitchboardError(error, provider.name),
    });

  return wrapProvider(provider, {
    async wrapCall(next, context, callOptions) {
      const event = base(context, callOptions);
      const startedAt = performance.now();
      emit.onRequest({ ...event, startedAt: Date.now() });
      try {
        const result = await next(callOptions);
        const { usage, requestId } = describeResult(result);
        succeed(event, startedAt, usage, requestId);
        return result;
      } catch (error) {
        fail(event, startedAt, error);
        throw error;
      }
    },
    async *wrapStream(next, context, callOptions) {
      const event = base(context, callOptions);
      const startedAt = performance.now();
      emit.onRequest({ ...event, startedAt: Date.now() });
      let usage: Usage | undefined;
      let requestId: string | undefined;
      try {
        for await (const part of next(callOptions)) {
          if (part.type === 'start') requestId = part.requestId;
          if (part.type === 'finish') usage = part.usage;
          yield part;
        }
      } catch (error) {
        fail(event, startedAt, error);
        throw error;
      }
      succeed(event, startedAt, usage, requestId);
    },
  });
}

function describeResult(result: unknown): { usage?: Usage; requestId?: string } {
  if (typeof result !== 'object' || result === null) return {};
  const { usage, requestId } = result as { usage?: Partial<Usage>; requestId?: string };
  const out: { usage?: Usage; requestId?: string } = {};
  if (usage && typeof usage.inputTokens === 'number') {
    const outputTokens = usage.outputTokens ?? 0;
    out.usage = {
      ...usage,
      inputTokens: usage.inputTokens,
      outputTokens,
      totalTokens: usage.totalTokens ?? usage.inputTokens + outputTokens,
    };
  }
  if (typeof requestId === 'string') out.requestId = requestId;
  return out;
}
