import { generateObject } from '@switchboard/core';
import { z } from 'zod';
import { DEMO_MODELS } from '../commands/command.js';
import type { Scene } from './scene.js';

/** The shape the answer must take: zod types the result and checks the model's JSON. */
const operatorCard = z.object({
  name: z.string().describe('The operator’s name'),
  city: z.string(),
  yearsOfService: z.int().min(1).max(50),
  shifts: z.array(z.enum(['morning', 'evening', 'night'])),
  supervisor: z.string().optional(),
});

/** Structured output: a zod schema in, a typed and validated object out (strict JSON schema on the wire). */
export const structuredOutputScene: Scene = {
  title: 'Structured output (generateObject)',
  async run({ demo, output, signal }) {
    const { object, response } = await generateObject(demo.provider, {
      model: DEMO_MODELS.chat,
      schema: operatorCard,
      schemaName: 'operator_card',
      prompt: 'Invent a 1930s telephone switchboard operator.',
      signal,
    });
    // `object` is typed from the schema: object.yearsOfService is a number, object.shifts an array of the enum.
    output.detail('object', JSON.stringify(object));
    output.detail('typed', `${object.name} served ${object.yearsOfService} years on ${object.shifts.length} shift(s)`);
    output.detail(
      'usage',
      `${response.usage?.inputTokens ?? '?'} in / ${response.usage?.outputTokens ?? '?'} out tokens`,
    );
    return { object, finishReason: response.finishReason };
  },
};
