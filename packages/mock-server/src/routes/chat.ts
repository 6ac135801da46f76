import { renderCompletion } from '../chat/render-completion.js';
import { renderStreamEvents } from '../chat/render-stream.js';
import { prepareChat } from '../chat/run-chat.js';
import { writeStream } from '../chat/stream-writer.js';
import { asObjectBody } from '../http/fields.js';
import type { RequestContext } from '../http/request-context.js';
import { latencyFor, type MockState } from '../server/state.js';

/** POST /v1/chat/completions (and the Azure equivalents): JSON or SSE. */
export async function handleChat(ctx: RequestContext, state: MockState): Promise<void> {
  const prepared = prepareChat(state, ctx.surface, ctx.deployment, asObjectBody(ctx.body));
  const { answer, meta, request } = prepared;
  // Like the real limiter, the up-front estimate (prompt + max tokens) is what the token bucket is charged.
  ctx.extraHeaders = state.limiter.admit(ctx.apiKey, prepared.bucket, prepared.estimatedTokens, ctx.route, ctx.azure);
  const { timeToFirstTokenMs, interChunkMs } = latencyFor(state, prepared.bucket);
  if (!request.stream) {
    const wait = timeToFirstTokenMs + interChunkMs * answer.completionTokens;
    if (wait > 0) await state.sleeper.sleep(wait);
    ctx.json(200, renderCompletion(answer, meta));
    return;
  }
  const events = renderStreamEvents(answer, meta, request.includeUsage);
  await writeStream(
    ctx,
    events,
    { timeToFirstTokenMs, interChunkMs, leadingEvents: meta.azure ? 1 : 0 },
    state.sleeper,
  );
}
