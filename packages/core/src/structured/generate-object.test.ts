import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { replayProvider } from '../../test/replay-provider.js';
import { ConfigError } from '../errors/error-classes.js';
import { generateObject } from './generate-object.js';
import { StructuredOutputError } from './structured-output-error.js';

const recipe = z.object({
  title: z.string(),
  servings: z.int().positive(),
  tags: z.array(z.string()).default([]),
  note: z.string().optional(),
});

async function failure(promise: Promise<unknown>): Promise<StructuredOutputError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StructuredOutputError);
  return error as StructuredOutputError;
}

describe('generateObject', () => {
  it('sends a strict json_schema request and returns the validated object with defaults applied', async () => {
    const provider = replayProvider([{ text: '{"title":"Soup","servings":2,"tags":null,"note":null}' }]);
    const controller = new AbortController();
    const { object, response } = await generateObject(provider, {
      model: 'gpt-5-mini',
      schema: recipe,
      schemaName: 'recipe',
      schemaDescription: 'A recipe',
      system: 'You cook.',
      prompt: 'A soup for two',
      maxOutputTokens: 500,
      reasoning: { effort: 'low' },
      signal: controller.signal,
      timeoutMs: 5_000,
    });
    expect(object).toEqual({ title: 'Soup', servings: 2, tags: [] });
    expect(response.requestId).toBe('req_1');
    const request = provider.requests[0];
    expect(request?.messages).toEqual([
      { role: 'system', content: 'You cook.' },
      { role: 'user', content: 'A soup for two' },
    ]);
    expect(request?.maxOutputTokens).toBe(500);
    expect(request?.reasoning).toEqual({ effort: 'low' });
    expect(request).not.toHaveProperty('signal');
    expect(request).not.toHaveProperty('timeoutMs');
    expect(request?.responseFormat).toMatchObject({
      type: 'json_schema',
      name: 'recipe',
      description: 'A recipe',
      strict: true,
      schema: { type: 'object', additionalProperties: false, required: ['title', 'servings', 'tags', 'note'] },
    });
    expect(provider.callOptions[0]).toEqual({ signal: controller.signal, timeoutMs: 5_000 });
  });

  it('takes a whole conversation instead of a prompt', async () => {
    const provider = replayProvider([{ text: '{"title":"Tea","servings":1,"tags":["hot"],"note":"steep"}' }]);
    const { object } = await generateObject(provider, {
      model: 'gpt-4o-mini',
      schema: recipe,
      messages: [
        { role: 'user', content: 'Something warm' },
        { role: 'assistant', content: 'Tea?' },
        { role: 'user', content: 'Yes' },
      ],
    });
    expect(object).toEqual({ title: 'Tea', servings: 1, tags: ['hot'], note: 'steep' });
    expect(provider.requests[0]?.messages).toHaveLength(3);
    expect(provider.requests[0]?.responseFormat).toMatchObject({ name: 'response' });
  });

  it('throws a typed error for a refusal, a cut-off answer, text that is not JSON and JSON off the schema', async () => {
    const call = (answer: Parameters<typeof replayProvider>[0][number]) =>
      generateObject(replayProvider([answer]), { model: 'gpt-4o', schema: recipe, prompt: 'x' });

    const refusal = await failure(call({ refusal: 'I cannot help with that.', text: '' }));
    expect(refusal.reason).toBe('refusal');
    expect(refusal.text).toBe('I cannot help with that.');

    const cut = await failure(call({ text: '{"title":"So', finishReason: 'length', rawFinishReason: 'length' }));
    expect(cut.reason).toBe('length');
    expect(cut.text).toBe('{"title":"So');
    expect(cut.message).toContain('maxOutputTokens');

    const notJson = await failure(call({ text: 'Here is your recipe: soup' }));
    expect(notJson.reason).toBe('invalid-json');
    expect(notJson.cause).toBeInstanceOf(SyntaxError);

    const mismatch = await failure(call({ text: '{"title":"Soup","servings":-1,"tags":[3],"note":null}' }));
    expect(mismatch.reason).toBe('schema-mismatch');
    expect(mismatch.issues.map((issue) => issue.path)).toEqual(['servings', 'tags.0']);
    expect(mismatch.message).toMatch(/does not match the schema: servings: .*; tags\.0: /);
    expect(mismatch.usage).toEqual({ inputTokens: 100, outputTokens: 20, totalTokens: 120 });
    expect(mismatch.provider).toBe('replay');
    expect(mismatch.requestId).toBe('req_1');
  });

  it('serialises its errors safely: raw text with secrets masked, long text cut in toJSON', async () => {
    const secret = `sk-proj-${'a'.repeat(40)}`;
    const error = await failure(
      generateObject(replayProvider([{ text: `not json ${secret} ${'x'.repeat(3_000)}` }]), {
        model: 'gpt-4o',
        schema: recipe,
        prompt: 'x',
      }),
    );
    const json = error.toJSON();
    expect(JSON.stringify(json)).not.toContain(secret);
    expect(error.text).not.toContain(secret);
    expect(json).toMatchObject({ code: 'structured-output', reason: 'invalid-json', retryable: false });
    expect((json.text as string).length).toBeLessThanOrEqual(2_001);
  });

  it('lists more than five schema problems with a count', async () => {
    const wide = z.object(Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((key) => [key, z.number()])));
    const error = await failure(
      generateObject(replayProvider([{ text: '{}' }]), { model: 'gpt-4o', schema: wide, prompt: 'x' }),
    );
    expect(error.issues).toHaveLength(7);
    expect(error.message).toContain('(and 2 more)');
  });

  it('rejects bad options and unusable schemas before sending, naming every problem', async () => {
    const provider = replayProvider([{ text: '{}' }]);
    // @ts-expect-error prompt and messages are exclusive
    const bad = generateObject(provider, {
      model: 'gpt-4o',
      schema: recipe,
      schemaName: 'has spaces',
      prompt: 'x',
      messages: [],
    });
    await expect(bad).rejects.toBeInstanceOf(ConfigError);
    await expect(bad).rejects.toMatchObject({
      issues: [
        { path: 'prompt', message: expect.stringContaining('not both') },
        { path: 'schemaName', message: expect.any(String) },
      ],
    });
    // @ts-expect-error a prompt or messages is required
    await expect(generateObject(provider, { model: 'gpt-4o', schema: recipe })).rejects.toMatchObject({
      issues: [{ path: 'messages' }],
    });
    await expect(
      generateObject(provider, {
        model: 'gpt-4o',
        schema: z.object({ m: z.map(z.string(), z.string()) }),
        prompt: 'x',
      }),
    ).rejects.toBeInstanceOf(ConfigError);
    expect(provider.requests).toHaveLength(0);
  });

  it('runs async refinements and transforms of the schema', async () => {
    const schema = z.object({
      word: z
        .string()
        .refine(async (value) => value.length > 2, 'too short')
        .transform((value) => value.toUpperCase()),
    });
    const provider = replayProvider([{ text: '{"word":"hello"}' }, { text: '{"word":"hi"}' }]);
    const { object } = await generateObject(provider, { model: 'gpt-4o', schema, prompt: 'x' });
    expect(object).toEqual({ word: 'HELLO' });
    const error = await failure(generateObject(provider, { model: 'gpt-4o', schema, prompt: 'x' }));
    expect(error.issues).toEqual([{ path: 'word', message: 'too short' }]);
  });
});
