import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { replayProvider } from '../../test/replay-provider.js';
import { AbortedError, ConfigError } from '../errors/error-classes.js';
import type { ChatResponse } from '../types/chat-response.js';
import { streamTools } from './stream-tools.js';
import { tool } from './tool.js';

const add = tool({
  description: 'Adds two numbers',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

const addCall: Partial<ChatResponse> = {
  toolCalls: [{ id: 'c1', name: 'add', arguments: '{"a":2,"b":3}', parsedArguments: { a: 2, b: 3 } }],
  finishReason: 'tool-calls',
  rawFinishReason: 'tool_calls',
};

describe('streamTools', () => {
  it('emits each step’s chat events between step boundaries, the tool results, and resolves the result', async () => {
    const provider = replayProvider([addCall, { text: 'It is 5.' }], { chunkSize: 4 });
    const stream = streamTools(provider, { model: 'gpt-4o', prompt: '2+3?', tools: { add } });
    const events: string[] = [];
    let text = '';
    for await (const event of stream) {
      events.push(`${event.step}:${event.type}`);
      if (event.type === 'text-delta') text += event.delta;
      if (event.type === 'tool-result' && !event.toolResult.isError) expect(event.toolResult.result).toBe(5);
    }
    expect(events).toEqual([
      '0:step-start',
      '0:start',
      '0:tool-call-delta',
      '0:tool-call',
      '0:finish',
      '0:tool-result',
      '0:step-finish',
      '1:step-start',
      '1:start',
      '1:text-delta',
      '1:text-delta',
      '1:finish',
      '1:step-finish',
    ]);
    expect(text).toBe('It is 5.');
    const result = await stream.result;
    expect(result.text).toBe('It is 5.');
    expect(result.steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(provider.requests[1]?.messages.at(-1)).toEqual({ role: 'tool', toolCallId: 'c1', content: '5' });
  });

  it('runs to the end when only result is awaited, and has a text-only stream', async () => {
    const stream = streamTools(replayProvider([addCall, { text: 'Five.' }]), {
      model: 'gpt-4o',
      prompt: 'x',
      tools: { add },
    });
    await expect(stream.result).resolves.toMatchObject({ text: 'Five.', stoppedBy: 'answer' });
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/consumed once/);

    const texts = streamTools(replayProvider([addCall, { text: 'Five.' }], { chunkSize: 2 }), {
      model: 'gpt-4o',
      prompt: 'x',
      tools: { add },
    });
    const pieces: string[] = [];
    for await (const piece of texts.textStream) pieces.push(piece);
    expect(pieces.join('')).toBe('Five.');
    const early = streamTools(replayProvider([{ text: 'Hello there' }], { chunkSize: 2 }), {
      model: 'gpt-4o',
      prompt: 'x',
      tools: { add },
    });
    for await (const piece of early.textStream) {
      expect(piece).toBe('He');
      break;
    }
    await expect(early.result).rejects.toBeInstanceOf(AbortedError);
  });

  it('closes the current request when the consumer breaks out, and rejects result', async () => {
    const provider = replayProvider([{ text: 'a long answer that streams slowly' }], { chunkSize: 1, delayMs: 2 });
    const stream = streamTools(provider, { model: 'gpt-4o', prompt: 'x', tools: { add } });
    for await (const event of stream) if (event.type === 'text-delta') break;
    await expect(stream.result).rejects.toThrow(/closed before it finished/);
  });

  it('rejects result and the iteration with the loop’s error', async () => {
    const stream = streamTools(replayProvider([{ text: 'x' }]), {
      model: 'gpt-4o',
      prompt: 'x',
      tools: { add },
      maxSteps: -1,
    });
    await expect(
      (async () => {
        for await (const _ of stream) {
          // never reached
        }
      })(),
    ).rejects.toBeInstanceOf(ConfigError);
    await expect(stream.result).rejects.toBeInstanceOf(ConfigError);
  });
});
