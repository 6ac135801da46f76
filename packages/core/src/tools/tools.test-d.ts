import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { Provider } from '../types/provider.js';
import { runTools } from './run-tools.js';
import { streamTools } from './stream-tools.js';
import { type Tool, tool } from './tool.js';
import type { ToolCallError } from './tool-call-error.js';

declare const provider: Provider;

const weather = tool({
  parameters: z.object({ city: z.string(), unit: z.enum(['c', 'f']).default('c') }),
  execute: async (args, context) => {
    expectTypeOf(args).toEqualTypeOf<{ city: string; unit: 'c' | 'f' }>();
    expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
    expectTypeOf(context.toolCallId).toEqualTypeOf<string>();
    return { temperature: 18 };
  },
});
const echo = tool({ parameters: z.object({ text: z.string() }), execute: ({ text }) => text });

describe('tool and runTools inference', () => {
  it('types execute’s arguments from the parameters and keeps the result type', () => {
    expectTypeOf(weather).toEqualTypeOf<
      Tool<
        z.ZodObject<{ city: z.ZodString; unit: z.ZodDefault<z.ZodEnum<{ c: 'c'; f: 'f' }>> }>,
        { temperature: number }
      >
    >();
    // @ts-expect-error execute's arguments follow the schema
    tool({ parameters: z.object({ n: z.number() }), execute: ({ n }: { n: string }) => n });
  });

  it('types every tool result by tool name', async () => {
    const result = await runTools(provider, { model: 'm', prompt: 'x', tools: { weather, echo } });
    expectTypeOf(result.text).toEqualTypeOf<string>();
    expectTypeOf(result.stoppedBy).toEqualTypeOf<'answer' | 'max-steps'>();
    for (const toolResult of result.steps.flatMap((step) => step.toolResults)) {
      if (toolResult.isError) {
        expectTypeOf(toolResult.error).toEqualTypeOf<ToolCallError>();
        continue;
      }
      if (toolResult.toolName === 'weather') {
        expectTypeOf(toolResult.args).toEqualTypeOf<{ city: string; unit: 'c' | 'f' }>();
        expectTypeOf(toolResult.result).toEqualTypeOf<{ temperature: number }>();
      } else {
        expectTypeOf(toolResult.toolName).toEqualTypeOf<'echo'>();
        expectTypeOf(toolResult.result).toEqualTypeOf<string>();
      }
    }
  });

  it('streams typed events and resolves the same result', async () => {
    const stream = streamTools(provider, { model: 'm', prompt: 'x', tools: { weather }, toolErrors: 'throw' });
    for await (const event of stream) {
      expectTypeOf(event.step).toEqualTypeOf<number>();
      if (event.type === 'text-delta') expectTypeOf(event.delta).toEqualTypeOf<string>();
      if (event.type === 'tool-result' && !event.toolResult.isError) {
        expectTypeOf(event.toolResult.result).toEqualTypeOf<{ temperature: number }>();
      }
    }
    expectTypeOf((await stream.result).steps[0]?.toolResults).toEqualTypeOf<
      (typeof stream extends { result: Promise<infer R> } ? R : never)['steps'][number]['toolResults'] | undefined
    >();
  });

  it('rejects unknown options', () => {
    // @ts-expect-error not a mode
    runTools(provider, { model: 'm', prompt: 'x', tools: {}, toolErrors: 'ignore' });
    runTools(provider, { model: 'm', prompt: 'x', tools: {}, toolChoice: (step) => (step > 0 ? 'auto' : 'required') });
  });
});
