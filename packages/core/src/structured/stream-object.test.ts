import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { replayProvider } from '../../test/replay-provider.js';
import { AbortedError, ConfigError } from '../errors/error-classes.js';
import { streamObject } from './stream-object.js';
import { StructuredOutputError } from './structured-output-error.js';

const person = z.object({
  name: z.string(),
  age: z.number(),
  hobbies: z.array(z.object({ label: z.string(), years: z.number().optional() })),
});
const ANSWER =
  '{"name":"Ada Lovelace","age":36,"hobbies":[{"label":"maths","years":null},{"label":"poetry","years":3}]}';

describe('streamObject', () => {
  it('yields growing deep-partial objects, each different, and resolves the validated object', async () => {
    const provider = replayProvider([{ text: ANSWER }], { chunkSize: 4 });
    const stream = streamObject(provider, { model: 'gpt-5-mini', schema: person, prompt: 'Who?' });
    const partials: unknown[] = [];
    for await (const partial of stream.partialObjectStream) partials.push(structuredClone(partial));
    expect(partials[0]).toEqual({});
    expect(partials).toContainEqual({ name: 'Ada' });
    const midHobby = partials.find((partial) => {
      const label = (partial as { hobbies?: { label?: string }[] }).hobbies?.[0]?.label;
      return label !== undefined && label !== 'maths';
    });
    expect(midHobby).toMatchObject({ name: 'Ada Lovelace', age: 36, hobbies: [{ label: expect.any(String) }] });
    const serialised = partials.map((partial) => JSON.stringify(partial));
    expect(new Set(serialised).size).toBe(serialised.length);
    // The null of the absent optional `years` never shows up.
    expect(serialised.some((text) => text.includes('null'))).toBe(false);
    const final = { name: 'Ada Lovelace', age: 36, hobbies: [{ label: 'maths' }, { label: 'poetry', years: 3 }] };
    expect(partials.at(-1)).toEqual(final);
    await expect(stream.object).resolves.toEqual(final);
    await expect(stream.response).resolves.toMatchObject({ text: ANSWER, requestId: 'req_1' });
    expect(provider.requests[0]?.responseFormat).toMatchObject({ type: 'json_schema', strict: true });
  });

  it('resolves object without iterating, and response as well', async () => {
    const stream = streamObject(replayProvider([{ text: ANSWER }]), { model: 'gpt-4o', schema: person, prompt: 'x' });
    await expect(stream.object).resolves.toMatchObject({ name: 'Ada Lovelace' });
    const other = streamObject(replayProvider([{ text: ANSWER }]), { model: 'gpt-4o', schema: person, prompt: 'x' });
    await expect(other.response).resolves.toMatchObject({ finishReason: 'stop' });
    await expect(other.object).resolves.toMatchObject({ age: 36 });
  });

  it('can be consumed once', async () => {
    const stream = streamObject(replayProvider([{ text: ANSWER }]), { model: 'gpt-4o', schema: person, prompt: 'x' });
    await stream.object;
    expect(() => stream.partialObjectStream[Symbol.asyncIterator]()).toThrow(/consumed once/);
  });

  it('rejects object with a StructuredOutputError for an unusable answer, and the loop ends with it', async () => {
    const stream = streamObject(replayProvider([{ text: '{"name":"Ada","age":"old","hobbies":[]}' }]), {
      model: 'gpt-4o',
      schema: person,
      prompt: 'x',
    });
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const partial of stream.partialObjectStream) seen.push(partial);
      })(),
    ).rejects.toBeInstanceOf(StructuredOutputError);
    expect(seen.length).toBeGreaterThan(0);
    await expect(stream.object).rejects.toMatchObject({ reason: 'schema-mismatch' });
    await expect(stream.response).resolves.toMatchObject({ text: '{"name":"Ada","age":"old","hobbies":[]}' });

    const cut = streamObject(
      replayProvider([{ text: '{"name":"Ad', finishReason: 'length', rawFinishReason: 'length' }]),
      { model: 'gpt-4o', schema: person, prompt: 'x' },
    );
    await expect(cut.object).rejects.toMatchObject({ reason: 'length', text: '{"name":"Ad' });
    const refused = streamObject(replayProvider([{ refusal: 'No.' }]), {
      model: 'gpt-4o',
      schema: person,
      prompt: 'x',
    });
    await expect(refused.object).rejects.toMatchObject({ reason: 'refusal', text: 'No.' });
  });

  it('cancels the request on abort(), on the signal and when the loop breaks early', async () => {
    const slow = () => replayProvider([{ text: ANSWER }], { chunkSize: 2, delayMs: 5 });
    const aborted = streamObject(slow(), { model: 'gpt-4o', schema: person, prompt: 'x' });
    const iterator = aborted.partialObjectStream[Symbol.asyncIterator]();
    await iterator.next();
    aborted.abort();
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortedError);
    await expect(aborted.object).rejects.toBeInstanceOf(AbortedError);

    const controller = new AbortController();
    const signalled = streamObject(slow(), { model: 'gpt-4o', schema: person, prompt: 'x', signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(signalled.object).rejects.toBeInstanceOf(AbortedError);

    const broken = streamObject(slow(), { model: 'gpt-4o', schema: person, prompt: 'x' });
    for await (const partial of broken.partialObjectStream) if (partial.name) break;
    await expect(broken.object).rejects.toThrow(/closed before it finished/);
    await expect(broken.response).rejects.toBeInstanceOf(AbortedError);
  });

  it('rejects bad options before sending', async () => {
    const provider = replayProvider([{ text: ANSWER }]);
    const stream = streamObject(provider, { model: 'gpt-4o', schema: z.object({ x: z.any() }), prompt: 'x' });
    await expect(stream.object).rejects.toBeInstanceOf(ConfigError);
    await expect(stream.response).rejects.toBeInstanceOf(ConfigError);
    const again = streamObject(provider, { model: 'gpt-4o', schema: z.object({ x: z.any() }), prompt: 'x' });
    await expect(
      (async () => {
        for await (const _ of again.partialObjectStream) {
          // never reached
        }
      })(),
    ).rejects.toBeInstanceOf(ConfigError);
    again.abort();
    expect(provider.requests).toHaveLength(0);
  });
});
