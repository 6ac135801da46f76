import type { BatchResult } from '@switchboard/batch';

/** One line of the output file: the answer (or the error) of one request, keyed by its customId. */
export function resultLine(result: BatchResult): Record<string, unknown> {
  const common = {
    customId: result.customId,
    ok: result.ok,
    source: result.source,
    latencyMs: Math.round(result.latencyMs),
    attempts: result.attempts,
    costUsd: result.costUsd,
  };
  if (!result.ok) return { ...common, error: { code: result.error.code, message: result.error.message } };
  if (result.embedding) {
    const [first] = result.embedding.embeddings;
    return {
      ...common,
      embedding: { vectors: result.embedding.embeddings.length, dimensions: first?.length ?? 0 },
      usage: result.embedding.usage,
    };
  }
  return { ...common, text: result.chat?.text, finishReason: result.chat?.finishReason, usage: result.chat?.usage };
}
