import { runTools, tool } from '@switchboard/core';
import { z } from 'zod';
import { DEMO_MODELS } from '../commands/command.js';
import { formatUsd } from '../tokens/token-report.js';
import type { Scene } from './scene.js';

const LINES: Record<string, number> = { paris: 42, berlin: 17, london: 63, rome: 8 };

/** A tool with typed arguments: the model asks how many lines of an exchange are busy. */
const busyLines = tool({
  description: 'How many lines of a city’s telephone exchange are busy right now',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, busy: LINES[city.toLowerCase()] ?? 12 }),
});

/**
 * The tool loop: the model calls `busy_lines` in two steps (the tool choice of the first two steps requires it), each
 * result goes back as a tool message, and the third step answers. Usage and cost are added up over all steps.
 */
export const toolLoopScene: Scene = {
  title: 'Tool loop (runTools)',
  async run({ demo, output, signal }) {
    const result = await runTools(demo.provider, {
      model: DEMO_MODELS.chat,
      prompt: 'Which exchange is busier, Paris or Berlin? Check each one.',
      tools: { busy_lines: busyLines },
      toolChoice: (step) => (step < 2 ? { type: 'tool', name: 'busy_lines' } : 'auto'),
      maxSteps: 4,
      signal,
    });
    const calls = result.steps.flatMap((step) =>
      step.toolResults.map((toolResult) =>
        toolResult.isError
          ? `step ${step.stepNumber}: ${toolResult.toolName} failed (${toolResult.error.message})`
          : `step ${step.stepNumber}: ${toolResult.toolName}(${JSON.stringify(toolResult.args)}) → ${JSON.stringify(toolResult.result)}`,
      ),
    );
    for (const call of calls) output.detail('tool', call);
    output.detail('answer', result.text);
    output.detail(
      'total',
      `${result.steps.length} steps, ${result.usage.totalTokens} tokens, ${formatUsd(result.cost.totalUsd)}`,
    );
    return { steps: result.steps.length, toolCalls: calls.length, stoppedBy: result.stoppedBy, text: result.text };
  },
};
