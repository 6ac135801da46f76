import { sentBodies, useHarness } from '@internal/provider-suite';
import { AbortedError, calculateCost, runTools, streamTools, tool } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { objectsTarget, providerSpeaksResponses, type WireApi } from './objects-target.js';

const weather = tool({
  description: 'The current weather in a city',
  parameters: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']).optional() }),
  execute: async ({ city, unit }) => ({ city, temperature: unit === 'fahrenheit' ? 64 : 18, sky: 'clear' }),
});
const clock = tool({
  description: 'The local time in a city',
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => `12:00 in ${city}`,
});

const speaksResponses = providerSpeaksResponses();
if (!speaksResponses) {
  console.log('tool-loop: Responses runs skipped: createOpenAIProvider does not accept api: "responses" yet');
}

for (const api of ['chat-completions', 'responses'] as WireApi[]) {
  describe.skipIf(api === 'responses' && !speaksResponses)(`runTools / streamTools over ${api}`, () => {
    const harness = useHarness(objectsTarget(api));

    it('runs parallel tool calls, sends the results back and returns the answer with total usage and cost', async () => {
      const calls: string[] = [];
      const result = await runTools(harness.provider(), {
        model: 'gpt-4o-mini',
        prompt: 'Weather and time in Paris?',
        tools: {
          weather: tool({
            ...weather,
            execute: (args, context) => {
              calls.push('weather');
              return weather.execute(args, context);
            },
          }),
          clock,
        },
      });
      expect(result.stoppedBy).toBe('answer');
      expect(result.steps).toHaveLength(2);
      const [first, second] = result.steps;
      expect(first?.toolResults.map((r) => [r.toolName, r.isError])).toEqual([
        ['weather', false],
        ['clock', false],
      ]);
      expect(calls).toEqual(['weather']);
      expect(second?.toolCalls).toEqual([]);
      expect(result.text.length).toBeGreaterThan(0);
      const steps = result.steps.map((step) => step.usage?.totalTokens ?? 0);
      expect(result.usage.totalTokens).toBe(steps.reduce((a, b) => a + b, 0));
      expect(result.cost).toEqual(calculateCost('gpt-4o-mini', result.usage));
      expect(result.cost.totalUsd).toBeGreaterThan(0);
      if (api === 'chat-completions') {
        const bodies = sentBodies(harness.recorder, '/chat/completions');
        const messages = bodies[1]?.messages as { role: string; tool_call_id?: string }[];
        expect(messages.filter((message) => message.role === 'tool').map((m) => m.tool_call_id)).toEqual(
          first?.toolCalls.map((call) => call.id),
        );
      }
    });

    it('lets the model call a tool twice over two steps (tool choice per step)', async () => {
      const cities: string[] = [];
      const result = await runTools(harness.provider(), {
        model: 'gpt-4o-mini',
        prompt: 'Compare two cities',
        tools: {
          weather: tool({
            ...weather,
            execute: (args, context) => {
              cities.push(args.city);
              return weather.execute(args, context);
            },
          }),
        },
        toolChoice: (step) => (step < 2 ? { type: 'tool', name: 'weather' } : 'auto'),
        seed: 11,
      });
      expect(result.steps).toHaveLength(3);
      expect(cities).toHaveLength(2);
      expect(result.messages.filter((message) => message.role === 'tool')).toHaveLength(2);
      expect(result.stoppedBy).toBe('answer');
    });

    it('streams each step’s events and the tool results, and resolves the same shape as runTools', async () => {
      const stream = streamTools(harness.provider(), {
        model: 'gpt-4o-mini',
        prompt: 'Weather in Rome?',
        tools: { weather },
        parallelToolCalls: false,
      });
      const types: string[] = [];
      let finalText = '';
      for await (const event of stream) {
        types.push(`${event.step}:${event.type}`);
        if (event.type === 'text-delta' && event.step === 1) finalText += event.delta;
      }
      const result = await stream.result;
      expect(types).toContain('0:tool-call');
      expect(types).toContain('0:tool-result');
      expect(types.indexOf('0:tool-result')).toBeLessThan(types.indexOf('1:step-start'));
      expect(types.at(-1)).toBe('1:step-finish');
      expect(finalText).toBe(result.text);
      expect(result.steps[0]?.toolResults[0]).toMatchObject({ toolName: 'weather', isError: false });
    });

    it('aborts a running tool and the loop when the signal aborts', async () => {
      const controller = new AbortController();
      let toolSignal: AbortSignal | undefined;
      const slow = tool({
        parameters: z.object({ city: z.string() }),
        execute: (_args, { signal }) => {
          toolSignal = signal;
          setTimeout(() => controller.abort(), 10);
          return new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        },
      });
      await expect(
        runTools(harness.provider(), { model: 'gpt-4o-mini', prompt: 'x', tools: { slow }, signal: controller.signal }),
      ).rejects.toBeInstanceOf(AbortedError);
      expect(toolSignal?.aborted).toBe(true);
    });
  });
}
