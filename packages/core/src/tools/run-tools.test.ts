import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { replayProvider } from '../../test/replay-provider.js';
import { AbortedError, ConfigError } from '../errors/error-classes.js';
import type { ChatRequest } from '../types/chat-request.js';
import type { ChatResponse, ResponseToolCall } from '../types/chat-response.js';
import { createDeferred } from '../utils/deferred.js';
import { runTools } from './run-tools.js';
import { tool } from './tool.js';
import { ToolCallError } from './tool-call-error.js';

function call(id: string, name: string, args: unknown): ResponseToolCall {
  const text = typeof args === 'string' ? args : JSON.stringify(args);
  return { id, name, arguments: text, parsedArguments: undefined };
}

function callsTools(...calls: ResponseToolCall[]): Partial<ChatResponse> {
  return { toolCalls: calls, finishReason: 'tool-calls', rawFinishReason: 'tool_calls' };
}

const weather = tool({
  description: 'The weather in a city',
  parameters: z.object({ city: z.string(), unit: z.enum(['c', 'f']).optional() }),
  execute: async ({ city, unit }) => ({ city, temperature: unit === 'f' ? 64 : 18 }),
});

describe('runTools', () => {
  it("copies each response's providerMetadata (the Responses API's reasoning items) onto the assistant turn", async () => {
    const reasoning = { openai: { reasoningItems: [{ type: 'reasoning', id: 'rs_1', summary: [] }] } };
    const provider = replayProvider([
      { ...callsTools(call('c1', 'weather', { city: 'Paris' })), providerMetadata: reasoning },
      { text: 'Sunny.', providerMetadata: { openai: { reasoningItems: [] } } },
    ]);
    const result = await runTools(provider, { model: 'gpt-5-mini', prompt: 'Weather?', tools: { weather } });
    expect((provider.requests[1] as ChatRequest).messages[1]).toMatchObject({
      role: 'assistant',
      providerMetadata: reasoning,
    });
    expect(result.messages.at(-1)).toEqual({
      role: 'assistant',
      content: 'Sunny.',
      providerMetadata: { openai: { reasoningItems: [] } },
    });
  });

  it('runs parallel calls concurrently, feeds results back and returns the answer, steps, usage and cost', async () => {
    const started: string[] = [];
    const bothStarted = createDeferred<void>();
    const slowWeather = tool({
      parameters: z.object({ city: z.string(), unit: z.enum(['c', 'f']).optional() }),
      execute: async ({ city }, { toolCallId, messages, signal }) => {
        started.push(city);
        if (started.length === 2) bothStarted.resolve();
        // Each call waits for the other to start: only concurrent execution gets past this.
        await bothStarted.promise;
        expect(signal.aborted).toBe(false);
        expect(messages.at(-1)).toMatchObject({ role: 'assistant', toolCalls: [{ id: 'c1' }, { id: 'c2' }] });
        return `${city}: 18 C (${toolCallId})`;
      },
    });
    const provider = replayProvider([
      callsTools(call('c1', 'weather', { city: 'Paris', unit: null }), call('c2', 'weather', { city: 'Oslo' })),
      {
        text: 'Paris 18 C, Oslo 18 C.',
        usage: { inputTokens: 300, outputTokens: 10, totalTokens: 310, cachedInputTokens: 100 },
      },
    ]);
    const finished: number[] = [];
    const result = await runTools(provider, {
      model: 'gpt-4o-mini',
      system: 'Be brief.',
      prompt: 'Weather in Paris and Oslo?',
      tools: { weather: slowWeather },
      onStepFinish: (step) => {
        finished.push(step.stepNumber);
      },
    });
    expect(result.text).toBe('Paris 18 C, Oslo 18 C.');
    expect(result.stoppedBy).toBe('answer');
    expect(result.steps).toHaveLength(2);
    expect(finished).toEqual([0, 1]);
    const [first] = result.steps;
    expect(first?.toolResults).toEqual([
      { toolCallId: 'c1', toolName: 'weather', args: { city: 'Paris' }, result: 'Paris: 18 C (c1)', isError: false },
      { toolCallId: 'c2', toolName: 'weather', args: { city: 'Oslo' }, result: 'Oslo: 18 C (c2)', isError: false },
    ]);
    const second = provider.requests[1] as ChatRequest;
    expect(second.messages.slice(2)).toEqual([
      {
        role: 'assistant',
        content: null,
        toolCalls: [
          { id: 'c1', name: 'weather', arguments: '{"city":"Paris","unit":null}' },
          { id: 'c2', name: 'weather', arguments: '{"city":"Oslo"}' },
        ],
      },
      { role: 'tool', toolCallId: 'c1', content: 'Paris: 18 C (c1)' },
      { role: 'tool', toolCallId: 'c2', content: 'Oslo: 18 C (c2)' },
    ]);
    expect(second.tools?.[0]).toMatchObject({
      name: 'weather',
      strict: true,
      parameters: { additionalProperties: false },
    });
    expect(result.messages.at(-1)).toEqual({ role: 'assistant', content: 'Paris 18 C, Oslo 18 C.' });
    expect(result.usage).toEqual({ inputTokens: 400, outputTokens: 30, totalTokens: 430, cachedInputTokens: 100 });
    expect(result.cost.priced).toBe(true);
    expect(result.cost.totalUsd).toBeCloseTo((300 * 0.15 + 100 * 0.075 + 30 * 0.6) / 1_000_000, 12);
    expect(result.response.text).toBe(result.text);
  });

  it('sends JSON results, and invalid arguments, unknown tools and throwing tools back to the model as errors', async () => {
    const failing = tool({
      parameters: z.object({}),
      execute: () => {
        throw new Error('disk full');
      },
    });
    const provider = replayProvider([
      callsTools(
        call('a', 'weather', { city: 'Rome' }),
        call('b', 'weather', { town: 'Rome' }),
        call('c', 'weather', '{"city": '),
        call('d', 'nope', {}),
        call('e', 'failing', ''),
      ),
      { text: 'Done.', usage: undefined },
    ]);
    const result = await runTools(provider, {
      model: 'unknown-model',
      messages: [{ role: 'user', content: 'Go' }],
      tools: { weather, failing },
    });
    const results = result.steps[0]?.toolResults ?? [];
    expect(results.map((r) => (r.isError ? r.error.reason : 'ok'))).toEqual([
      'ok',
      'invalid-arguments',
      'invalid-arguments',
      'unknown-tool',
      'execution-failed',
    ]);
    const contents = (provider.requests[1]?.messages ?? []).filter((m) => m.role === 'tool').map((m) => m.content);
    expect(contents[0]).toBe('{"city":"Rome","temperature":18}');
    expect(JSON.parse(contents[1] as string).error).toMatch(/Invalid arguments for weather: city: /);
    expect(JSON.parse(contents[2] as string).error).toBe('The arguments of weather are not valid JSON.');
    expect(JSON.parse(contents[3] as string).error).toBe(
      'There is no tool named "nope". Available tools: weather, failing.',
    );
    expect(JSON.parse(contents[4] as string).error).toBe('The tool failing failed: disk full');
    const thrown = results[4];
    expect(thrown?.isError && thrown.error.cause).toBeInstanceOf(Error);
    expect(thrown?.isError && thrown.error.toJSON()).toMatchObject({
      code: 'tool-call',
      toolName: 'failing',
      toolCallId: 'e',
    });
    expect(result.usage).toEqual({ inputTokens: 100, outputTokens: 20, totalTokens: 120 });
    expect(result.cost.priced).toBe(false);
  });

  it("throws the first tool failure with toolErrors: 'throw' and aborts the sibling calls", async () => {
    let siblingSignal: AbortSignal | undefined;
    const hanging = tool({
      parameters: z.object({}),
      execute: (_args, { signal }) => {
        siblingSignal = signal;
        return new Promise<string>(() => {});
      },
    });
    const provider = replayProvider([callsTools(call('h', 'hanging', {}), call('w', 'weather', { city: 3 }))]);
    const run = runTools(provider, { model: 'gpt-4o', prompt: 'x', tools: { hanging, weather }, toolErrors: 'throw' });
    await expect(run).rejects.toBeInstanceOf(ToolCallError);
    await expect(run).rejects.toMatchObject({ reason: 'invalid-arguments', toolName: 'weather', toolCallId: 'w' });
    expect(siblingSignal?.aborted).toBe(true);
  });

  it('stops after maxSteps with the last tool results recorded', async () => {
    const provider = replayProvider([callsTools(call('x', 'weather', { city: 'Lima' }))]);
    const result = await runTools(provider, { model: 'gpt-4o', prompt: 'x', tools: { weather }, maxSteps: 2 });
    expect(result.stoppedBy).toBe('max-steps');
    expect(result.text).toBe('');
    expect(result.steps).toHaveLength(2);
    expect(result.steps[1]?.toolResults).toHaveLength(1);
    expect(provider.requests).toHaveLength(2);
  });

  it('chooses the tool choice per step with a function, or sends one for every step', async () => {
    const provider = replayProvider([callsTools(call('1', 'weather', { city: 'A' })), { text: 'ok' }]);
    await runTools(provider, {
      model: 'gpt-4o',
      prompt: 'x',
      tools: { weather },
      toolChoice: (step) => (step === 0 ? 'required' : undefined),
      temperature: 0,
    });
    expect(provider.requests.map((request) => request.toolChoice)).toEqual(['required', undefined]);
    expect(provider.requests[0]?.temperature).toBe(0);
    expect(provider.requests[0]).not.toHaveProperty('maxSteps');
    const fixed = replayProvider([{ text: 'ok' }]);
    await runTools(fixed, { model: 'gpt-4o', prompt: 'x', tools: { weather }, toolChoice: 'none' });
    expect(fixed.requests[0]?.toolChoice).toBe('none');
  });

  it('aborts running tools and rejects at once when the signal aborts, even if a tool ignores it', async () => {
    let toolSignal: AbortSignal | undefined;
    const stubborn = tool({
      parameters: z.object({}),
      execute: (_args, { signal }) => {
        toolSignal = signal;
        setTimeout(() => controller.abort(), 5);
        return new Promise<string>(() => {});
      },
    });
    const controller = new AbortController();
    const provider = replayProvider([callsTools(call('s', 'stubborn', {}))]);
    const run = runTools(provider, { model: 'gpt-4o', prompt: 'x', tools: { stubborn }, signal: controller.signal });
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    expect(toolSignal?.aborted).toBe(true);
    expect(provider.callOptions[0]?.signal).toBe(controller.signal);

    const cooperative = tool({
      parameters: z.object({}),
      execute: async (_args, { signal }) => {
        setTimeout(() => later.abort(new AbortedError({ message: 'user left' })), 5);
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        throw new Error('stopped');
      },
    });
    const later = new AbortController();
    const second = runTools(replayProvider([callsTools(call('k', 'cooperative', {}))]), {
      model: 'gpt-4o',
      prompt: 'x',
      tools: { cooperative },
      signal: later.signal,
    });
    await expect(second).rejects.toThrow('user left');
    const before = new AbortController();
    before.abort();
    await expect(
      runTools(replayProvider([{ text: 'x' }]), { model: 'gpt-4o', prompt: 'x', tools: {}, signal: before.signal }),
    ).rejects.toBeInstanceOf(AbortedError);
  });

  it('rejects bad options before calling the model, naming every problem', async () => {
    const provider = replayProvider([{ text: 'x' }]);
    const bad = runTools(provider, {
      model: 'gpt-4o',
      prompt: 'x',
      tools: {
        'bad name': weather,
        rec: tool({ parameters: z.object({ m: z.record(z.string(), z.string()) }), execute: () => 1 }),
      },
      maxSteps: 0,
      // @ts-expect-error not a mode
      toolErrors: 'ignore',
    });
    await expect(bad).rejects.toBeInstanceOf(ConfigError);
    const issues = await bad.catch((error: ConfigError) => error.issues.map((issue) => issue.path));
    expect(issues).toEqual(['maxSteps', 'toolErrors', 'tools.bad name', 'tools.rec.parameters.properties.m']);
    // @ts-expect-error a prompt or messages is required
    await expect(runTools(provider, { model: 'gpt-4o', tools: {} })).rejects.toMatchObject({
      issues: [{ path: 'messages' }],
    });
    await expect(
      runTools(provider, { model: 'gpt-4o', tools: {}, prompt: 'x', messages: [] } as never),
    ).rejects.toMatchObject({ issues: [{ path: 'prompt' }] });
    expect(provider.requests).toHaveLength(0);
  });

  it('sends a non-strict schema as zod converts it and still validates the arguments', async () => {
    const tags = tool({
      parameters: z.object({ counts: z.record(z.string(), z.number()) }),
      strict: false,
      execute: ({ counts }) => Object.values(counts).reduce((a, b) => a + b, 0),
    });
    const provider = replayProvider([callsTools(call('t', 'tags', { counts: { a: 1, b: 2 } })), { text: '3' }]);
    const result = await runTools(provider, { model: 'gpt-4o', prompt: 'x', tools: { tags } });
    expect(provider.requests[0]?.tools?.[0]).toMatchObject({ strict: false, parameters: { type: 'object' } });
    expect(provider.requests[0]?.tools?.[0]?.parameters).not.toHaveProperty('$schema');
    expect(result.steps[0]?.toolResults[0]).toMatchObject({ result: 3, isError: false });
    const broken = tool({ parameters: z.object({ at: z.date() }), strict: false, execute: () => 1 });
    await expect(runTools(provider, { model: 'gpt-4o', prompt: 'x', tools: { broken } })).rejects.toBeInstanceOf(
      ConfigError,
    );
  });
});

describe('runTools with one AbortSignal shared by many loops (issue 15.7)', () => {
  it('keeps one listener on the shared signal and leaves none, with no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const shared = new AbortController();
    const release = createDeferred<void>();
    let peak = 0;
    const waitingWeather = tool({
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        peak = Math.max(peak, getEventListeners(shared.signal, 'abort').length);
        await release.promise;
        return `${city}: 18 C`;
      },
    });
    try {
      const loops = Array.from({ length: 50 }, (_, index) =>
        runTools(replayProvider([callsTools(call(`c${index}`, 'weather', { city: 'Paris' })), { text: 'Done.' }]), {
          model: 'gpt-4o-mini',
          prompt: 'Weather?',
          tools: { weather: waitingWeather },
          signal: shared.signal,
        }),
      );
      // Let every loop reach its tool, all 50 waiting on the shared signal at once.
      for (let i = 0; i < 20; i++) await Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, 10));
      release.resolve();
      const results = await Promise.all(loops);
      expect(results.every((result) => result.text === 'Done.')).toBe(true);
    } finally {
      process.off('warning', onWarning);
    }
    expect(peak).toBeLessThanOrEqual(1);
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});
