import { sentBodies } from '@internal/provider-suite';
import { generateObject, runTools, streamObject, tool } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useAzureHarness } from './support/azure-target.js';

const recipe = z.object({
  title: z.string(),
  servings: z.int().min(1).max(8),
  ingredients: z.array(z.object({ name: z.string(), grams: z.number().min(1).max(500).optional() })),
  note: z.string().optional(),
});

const weather = tool({
  description: 'The current weather in a city',
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, temperature: 18 }),
});

// The same application code over both wire APIs: only the provider's `api` option changes.
describe.each(['chat-completions', 'responses'] as const)(
  'azure v1 over %s: generateObject, streamObject, runTools',
  (api) => {
    const harness = useAzureHarness();
    const provider = () => harness.azure({ api });
    const path = api === 'responses' ? '/openai/v1/responses' : '/openai/v1/chat/completions';

    it('returns typed, validated objects, plain and streamed', async () => {
      const { object, response } = await generateObject(provider(), {
        model: 'gpt-4o-mini',
        schema: recipe,
        prompt: 'A soup for two',
      });
      expect(recipe.parse(object)).toEqual(object);
      expect(response.finishReason).toBe('stop');
      const stream = streamObject(provider(), { model: 'gpt-4o-mini', schema: recipe, prompt: 'A stew' });
      const partials: unknown[] = [];
      for await (const partial of stream.partialObjectStream) partials.push(structuredClone(partial));
      const streamed = await stream.object;
      expect(recipe.parse(streamed)).toEqual(streamed);
      expect(partials.at(-1)).toEqual(streamed);
      expect(harness.recorder.requests.map((r) => r.url.pathname)).toEqual([path, path]);
    });

    it('runs the tool loop to an answer', async () => {
      const result = await runTools(provider(), {
        model: 'gpt-4o-mini',
        prompt: 'Weather in Paris?',
        tools: { weather },
        toolChoice: (step) => (step === 0 ? { type: 'tool', name: 'weather' } : 'auto'),
      });
      expect(result.stoppedBy).toBe('answer');
      expect(result.steps[0]?.toolResults[0]).toMatchObject({ toolName: 'weather', isError: false });
      expect(result.text.length).toBeGreaterThan(0);
      expect(sentBodies(harness.recorder, path.replace('/openai/v1', ''))).toHaveLength(2);
    });
  },
);
