import { calculateCost } from '../cost/calculate-cost.js';
import { AbortedError, ConfigError, type ConfigIssue } from '../errors/error-classes.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { type CallOptions, splitCallOptions } from '../types/call-options.js';
import type { ChatMessage, ChatRequest } from '../types/chat-request.js';
import type { ChatResponse } from '../types/chat-response.js';
import type { Provider } from '../types/provider.js';
import type { Usage } from '../types/usage.js';
import { linkSignals } from '../utils/link-signals.js';
import { executeToolCall } from './execute-tool-call.js';
import { type PreparedTools, prepareTools } from './prepare-tools.js';
import type { ToolSet } from './tool.js';
import type { RunToolsOptions, RunToolsResult, StepResult, ToolStreamEvent } from './tool-loop-types.js';
import type { ToolResult } from './tool-results.js';

const DEFAULT_MAX_STEPS = 8;
const LOOP_KEYS = ['tools', 'system', 'prompt', 'messages', 'maxSteps', 'toolChoice', 'toolErrors', 'onStepFinish'];

/** The loop's checked settings. */
interface LoopSetup<T extends ToolSet> {
  tools: PreparedTools;
  request: Omit<ChatRequest, 'messages'>;
  callOptions: CallOptions;
  messages: ChatMessage[];
  maxSteps: number;
  options: RunToolsOptions<T>;
}

/**
 * The tool loop both `runTools` and `streamTools` run: call the model, run the tool calls it makes concurrently, feed
 * the results back, until it answers without tools or `maxSteps` is reached. With `stream` it calls `streamChat` and
 * yields the step's chat events; it always yields step boundaries and tool results, and returns the result.
 */
export async function* toolLoop<T extends ToolSet>(
  provider: Provider,
  options: RunToolsOptions<T>,
  stream: boolean,
): AsyncGenerator<ToolStreamEvent<T>, RunToolsResult<T>> {
  const setup = setUp(options);
  const { messages, maxSteps } = setup;
  const steps: StepResult<T>[] = [];
  for (let step = 0; ; step++) {
    throwIfAborted(options.signal, provider.name);
    yield { type: 'step-start', step };
    const request = buildRequest(setup, step);
    let response: ChatResponse;
    if (stream) {
      const chat = provider.streamChat(request, setup.callOptions);
      for await (const event of chat) yield { ...event, step };
      response = await chat.response;
    } else {
      response = await provider.chat(request, setup.callOptions);
    }
    const calls = response.toolCalls;
    const toolResults: ToolResult<T>[] = [];
    if (calls.length > 0) {
      messages.push({
        role: 'assistant',
        content: response.text || null,
        toolCalls: calls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args })),
        ...(response.providerMetadata ? { providerMetadata: response.providerMetadata } : {}),
      });
      const results = await runCalls<T>(provider, setup, response, [...messages]);
      for (const result of results) {
        toolResults.push(result);
        messages.push({ role: 'tool', toolCallId: result.toolCallId, content: toolMessageContent(result) });
        yield { type: 'tool-result', step, toolResult: result };
      }
    } else {
      messages.push({
        role: 'assistant',
        content: response.text,
        ...(response.providerMetadata ? { providerMetadata: response.providerMetadata } : {}),
      });
    }
    const stepResult: StepResult<T> = {
      stepNumber: step,
      text: response.text,
      toolCalls: calls,
      toolResults,
      finishReason: response.finishReason,
      usage: response.usage,
      response,
    };
    steps.push(stepResult);
    await options.onStepFinish?.(stepResult);
    yield { type: 'step-finish', step, stepResult };
    if (calls.length === 0 || step + 1 >= maxSteps) {
      const usage = sumUsage(steps);
      return {
        text: calls.length === 0 ? response.text : '',
        steps,
        response,
        messages,
        usage,
        cost: calculateCost(options.model, usage),
        stoppedBy: calls.length === 0 ? 'answer' : 'max-steps',
      };
    }
  }
}

function setUp<T extends ToolSet>(options: RunToolsOptions<T>): LoopSetup<T> {
  const issues: ConfigIssue[] = [];
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) {
    issues.push({ path: 'maxSteps', message: 'must be a whole number of at least 1' });
  }
  if (options.messages === undefined && options.prompt === undefined) {
    issues.push({ path: 'messages', message: 'give either messages or prompt' });
  }
  if (options.messages !== undefined && options.prompt !== undefined) {
    issues.push({ path: 'prompt', message: 'give either messages or prompt, not both' });
  }
  const toolErrors = options.toolErrors ?? 'return-to-model';
  if (toolErrors !== 'return-to-model' && toolErrors !== 'throw') {
    issues.push({ path: 'toolErrors', message: 'must be "return-to-model" or "throw"' });
  }
  let tools: PreparedTools | undefined;
  try {
    tools = prepareTools(options.tools ?? {});
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0 || !tools) throw new ConfigError({ issues });
  const { callOptions, rest: fields } = splitCallOptions(options);
  for (const key of LOOP_KEYS) delete fields[key];
  const messages: ChatMessage[] = options.system ? [{ role: 'system', content: options.system }] : [];
  messages.push(...(options.messages ?? [{ role: 'user', content: options.prompt as string }]));
  return {
    tools,
    request: fields as Omit<ChatRequest, 'messages'>,
    callOptions,
    messages,
    maxSteps,
    options,
  };
}

function buildRequest<T extends ToolSet>(setup: LoopSetup<T>, step: number): ChatRequest {
  const { toolChoice } = setup.options;
  const choice = typeof toolChoice === 'function' ? toolChoice(step) : toolChoice;
  return {
    ...setup.request,
    messages: [...setup.messages],
    tools: setup.tools.definitions,
    ...(choice !== undefined ? { toolChoice: choice } : {}),
  };
}

/**
 * Runs a step's tool calls concurrently. The tools get a signal that aborts with the caller's; the loop does not wait
 * for a tool that ignores it. With `toolErrors: 'throw'` the first failure aborts the other calls and is thrown.
 */
async function runCalls<T extends ToolSet>(
  provider: Provider,
  setup: LoopSetup<T>,
  response: ChatResponse,
  messages: readonly ChatMessage[],
): Promise<ToolResult<T>[]> {
  const external = setup.options.signal;
  // One listener on the caller's signal however many loops share it (`linkSignals` goes through `onAbort`).
  const controller = linkSignals(external);
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(abortError(controller.signal, provider.name)), {
      once: true,
    });
  });
  aborted.catch(() => {});
  const throwErrors = setup.options.toolErrors === 'throw';
  const context = { signal: controller.signal, messages, provider: provider.name };
  try {
    const running = response.toolCalls.map(async (call) => {
      const result = await executeToolCall<T>(call, setup.tools.byName, context);
      if (result.isError && throwErrors) {
        controller.abort(result.error);
        throw result.error;
      }
      return result;
    });
    const all = Promise.all(running);
    all.catch(() => {});
    return await Promise.race([all, aborted]);
  } finally {
    controller.dispose();
    // Tools still running (they ignored the signal, or a sibling failed) are told to stop.
    if (!controller.signal.aborted) controller.abort(new AbortedError({ provider: provider.name }));
  }
}

function abortError(signal: AbortSignal, provider: string): unknown {
  return isSwitchboardError(signal.reason) ? signal.reason : new AbortedError({ provider, cause: signal.reason });
}

function throwIfAborted(signal: AbortSignal | undefined, provider: string): void {
  if (signal?.aborted) throw abortError(signal, provider);
}

function toolMessageContent<T extends ToolSet>(result: ToolResult<T>): string {
  if (result.isError) return JSON.stringify({ error: result.error.message });
  if (typeof result.result === 'string') return result.result;
  return JSON.stringify(result.result ?? null);
}

function sumUsage<T extends ToolSet>(steps: StepResult<T>[]): Usage {
  const total: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  for (const { usage } of steps) {
    if (!usage) continue;
    total.inputTokens += usage.inputTokens;
    total.outputTokens += usage.outputTokens;
    total.totalTokens += usage.totalTokens;
    if (usage.cachedInputTokens !== undefined) {
      total.cachedInputTokens = (total.cachedInputTokens ?? 0) + usage.cachedInputTokens;
    }
    if (usage.reasoningTokens !== undefined) {
      total.reasoningTokens = (total.reasoningTokens ?? 0) + usage.reasoningTokens;
    }
  }
  return total;
}
