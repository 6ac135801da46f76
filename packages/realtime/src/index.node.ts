import { openRealtimeSession, type RealtimeCapableProvider } from './connect-realtime.js';
import type { ConnectRealtimeOptions } from './options.js';
import type { RealtimeSession } from './realtime-session.js';
import { wsTransport } from './transport/ws-transport.js';

// The Node build (the package's `node` export condition, also taken by Bun and Deno): the same API as index.ts, with
// the `ws` transport available. On Bun and Deno the platform WebSocket is still the default.
export * from './public-api.js';
export { wsTransport } from './transport/ws-transport.js';

/**
 * Opens a Realtime API session for `options.model` through the provider's realtime endpoint (so the same code runs
 * against OpenAI and Azure) and resolves once the first connection is open, with the initial `session` config
 * sent. Retryable failures of the first connection are retried like later drops; a non-retryable one (a rejected
 * key, an unknown deployment) or an aborted `signal` rejects with its typed error.
 */
export function connectRealtime(
  provider: RealtimeCapableProvider,
  options: ConnectRealtimeOptions,
): Promise<RealtimeSession> {
  return openRealtimeSession(provider, options, wsTransport);
}
