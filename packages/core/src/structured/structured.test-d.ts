import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { ChatResponse } from '../types/chat-response.js';
import type { Provider } from '../types/provider.js';
import type { DeepPartial } from './deep-partial.js';
import { generateObject } from './generate-object.js';
import { streamObject } from './stream-object.js';

declare const provider: Provider;

const schema = z.object({
  title: z.string(),
  servings: z.number().default(1),
  tags: z.array(z.string()).optional(),
  size: z.string().transform((value) => value.length),
});
type Output = { title: string; servings: number; tags?: string[] | undefined; size: number };

describe('generateObject and streamObject inference', () => {
  it('types the object as the schema output (defaults filled, transforms applied)', async () => {
    const { object, response } = await generateObject(provider, { model: 'gpt-5-mini', schema, prompt: 'x' });
    expectTypeOf(object).toEqualTypeOf<Output>();
    expectTypeOf(object.servings).toEqualTypeOf<number>();
    expectTypeOf(object.size).toEqualTypeOf<number>();
    expectTypeOf(response).toEqualTypeOf<ChatResponse>();
  });

  it('takes messages or a prompt, not both, plus request fields and call options', () => {
    generateObject(provider, { model: 'm', schema, messages: [{ role: 'user', content: 'x' }], temperature: 0 });
    generateObject(provider, { model: 'm', schema, prompt: 'x', signal: AbortSignal.timeout(1), reasoning: {} });
    // @ts-expect-error both
    generateObject(provider, { model: 'm', schema, prompt: 'x', messages: [] });
    // @ts-expect-error tools are not part of an object call
    generateObject(provider, { model: 'm', schema, prompt: 'x', tools: [] });
    // @ts-expect-error the schema is required
    generateObject(provider, { model: 'm', prompt: 'x' });
  });

  it('streams deep-partial objects of the output and resolves the output', async () => {
    const stream = streamObject(provider, { model: 'm', schema, prompt: 'x' });
    expectTypeOf(stream.object).toEqualTypeOf<Promise<Output>>();
    expectTypeOf(stream.response).toEqualTypeOf<Promise<ChatResponse>>();
    for await (const partial of stream.partialObjectStream) {
      expectTypeOf(partial).toEqualTypeOf<DeepPartial<Output>>();
      expectTypeOf(partial.title).toEqualTypeOf<string | undefined>();
      expectTypeOf(partial.tags).toEqualTypeOf<string[] | undefined>();
    }
  });

  it('makes nested objects and array items partial', () => {
    type Nested = DeepPartial<{ a: { b: number; c: { d: string }[] } }>;
    expectTypeOf<Nested>().toEqualTypeOf<{ a?: { b?: number; c?: { d?: string }[] } }>();
  });
});
