import { useHarness } from '@internal/provider-suite';
import { AbortedError, generateObject, StructuredOutputError, streamObject } from '@switchboard/core';
import { TRIGGERS } from '@switchboard/mock-server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { objectsTarget, providerSpeaksResponses, type WireApi } from './objects-target.js';

const recipe = z.object({
  title: z.string(),
  servings: z.int().min(1).max(8),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  ingredients: z.array(z.object({ name: z.string(), grams: z.number().min(1).max(500).optional() })),
  source: z.object({ book: z.string(), page: z.int().min(1).max(400) }).nullable(),
  note: z.string().optional(),
});

const speaksResponses = providerSpeaksResponses();
if (!speaksResponses) {
  console.log('structured-output: Responses runs skipped: createOpenAIProvider does not accept api: "responses" yet');
}

for (const api of ['chat-completions', 'responses'] as WireApi[]) {
  describe.skipIf(api === 'responses' && !speaksResponses)(`generateObject / streamObject over ${api}`, () => {
    const harness = useHarness(objectsTarget(api));

    it('returns a typed object that the schema validates, sent as a strict json_schema', async () => {
      const { object, response } = await generateObject(harness.provider(), {
        model: 'gpt-4o-mini',
        schema: recipe,
        schemaName: 'recipe',
        system: 'You write recipes.',
        prompt: 'A soup for two',
        seed: 7,
      });
      expect(recipe.parse(object)).toEqual(object);
      expect(object.servings).toBeGreaterThanOrEqual(1);
      expect(object.ingredients.length).toBeGreaterThan(0);
      expect(response.finishReason).toBe('stop');
      expect(response.usage?.outputTokens).toBeGreaterThan(0);
      const sent = harness.server.control.requests().at(-1)?.body as Record<string, unknown>;
      const format = JSON.stringify(sent);
      expect(format).toContain('"strict":true');
      expect(format).toContain('"additionalProperties":false');
    });

    it('streams deep-partial objects that grow into the validated object', async () => {
      const stream = streamObject(harness.provider(), {
        model: 'gpt-4o-mini',
        schema: recipe,
        prompt: 'A stew',
        seed: 3,
      });
      const partials: unknown[] = [];
      for await (const partial of stream.partialObjectStream) partials.push(structuredClone(partial));
      const object = await stream.object;
      expect(recipe.parse(object)).toEqual(object);
      expect(partials.length).toBeGreaterThan(3);
      expect(partials.at(-1)).toEqual(object);
      expect(JSON.stringify(partials.at(-1))).not.toContain('null,"note"');
      const response = await stream.response;
      expect(JSON.parse(response.text)).toMatchObject({ title: object.title });
    });

    it('fails with typed errors for a refusal and for an answer cut off by the token limit', async () => {
      const refusal = await generateObject(harness.provider(), {
        model: 'gpt-4o-mini',
        schema: recipe,
        prompt: `Something forbidden ${TRIGGERS.refuse}`,
      }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(StructuredOutputError);
      expect(refusal).toMatchObject({ reason: 'refusal', text: expect.stringContaining("can't help") });

      const cut = await generateObject(harness.provider(), {
        model: 'gpt-4o-mini',
        schema: recipe,
        prompt: 'A long recipe',
        maxOutputTokens: 16, // the Responses API minimum
      }).catch((error: unknown) => error);
      expect(cut).toBeInstanceOf(StructuredOutputError);
      expect(cut).toMatchObject({ reason: 'length', finishReason: 'length' });
      expect(JSON.parse(JSON.stringify(cut))).toMatchObject({ code: 'structured-output', reason: 'length' });

      const streamedCut = streamObject(harness.provider(), {
        model: 'gpt-4o-mini',
        schema: recipe,
        prompt: 'A long recipe',
        maxOutputTokens: 16, // the Responses API minimum
      });
      await expect(streamedCut.object).rejects.toMatchObject({ reason: 'length' });
    });

    it('cancels the HTTP stream when the signal aborts', async () => {
      harness.server.control.setLatency({ timeToFirstTokenMs: 0, interChunkMs: 20 });
      const controller = new AbortController();
      const stream = streamObject(harness.provider(), {
        model: 'gpt-4o-mini',
        schema: recipe,
        prompt: 'A slow recipe',
        signal: controller.signal,
      });
      const seen: unknown[] = [];
      const consume = async () => {
        for await (const partial of stream.partialObjectStream) {
          seen.push(partial);
          if (partial.title !== undefined) controller.abort();
        }
      };
      await expect(consume()).rejects.toBeInstanceOf(AbortedError);
      await expect(stream.object).rejects.toBeInstanceOf(AbortedError);
      expect(seen.length).toBeGreaterThan(0);
    });
  });
}
