import type { Provider } from '../types/provider.js';
import type { ToolSet } from './tool.js';
import { toolLoop } from './tool-loop.js';
import type { RunToolsOptions, RunToolsResult } from './tool-loop-types.js';

/**
 * Lets the model call tools until it answers: each step sends the conversation with the tools, runs the calls the model
 * makes concurrently (arguments validated by each tool's zod schema), and sends the results back. Stops at an answer
 * without tool calls or after `maxSteps` model calls. Invalid arguments, unknown tools and tools that throw go back to
 * the model as errors (or are thrown as `ToolCallError` with `toolErrors: 'throw'`); aborting `signal` aborts the
 * running tools and rejects with an `AbortedError`. Bad options throw a `ConfigError` naming every problem.
 */
export async function runTools<T extends ToolSet>(
  provider: Provider,
  options: RunToolsOptions<T>,
): Promise<RunToolsResult<T>> {
  const loop = toolLoop(provider, options, false);
  for (;;) {
    const next = await loop.next();
    if (next.done) return next.value;
  }
}
