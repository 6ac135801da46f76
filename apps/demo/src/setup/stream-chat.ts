import type { ChatRequest, ChatStream, Provider } from '@switchboard/core';

/**
 * `provider.streamChat(request, { signal })`, plus a direct `stream.abort()` when the signal fires, until `unlink()`.
 * Core's `withHooks` (0.1.0) builds its outer stream without the caller's signal, so on a hooked provider the
 * signal alone does not stop the stream; aborting the stream itself does, with or without that fix.
 */
export function streamChat(
  provider: Provider,
  request: ChatRequest,
  signal: AbortSignal,
): { stream: ChatStream; unlink: () => void } {
  const stream = provider.streamChat(request, { signal });
  const onAbort = () => stream.abort();
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return { stream, unlink: () => signal.removeEventListener('abort', onAbort) };
}
