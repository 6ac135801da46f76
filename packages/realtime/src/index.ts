import { openRealtimeSession, type RealtimeCapableProvider } from './connect-realtime.js';
import type { ConnectRealtimeOptions } from './options.js';
import type { RealtimeSession } from './realtime-session.js';

// The browser and worker build (the package's `default` export condition): the platform WebSocket only, `ws` is never
// imported. The Node build is index.node.ts.
export * from './public-api.js';
export { wsTransport } from './transport/ws-transport-unavailable.js';

/**
 * Opens a Realtime API session for `options.model` through the provider's realtime endpoint (so the same code runs
 * against OpenAI and Azure) and resolves once the first connection is open, with the initial `session` config
 * sent. Retryable failures of the first connection are retried like later drops; a non-retryable one (a rejected
 * key, an unknown deployment) or an aborted `signal` rejects with its typed error. In a browser it needs a
 * `clientSecret` (or `dangerouslyAllowBrowser`).
 */
export function connectRealtime(
  provider: RealtimeCapableProvider,
  options: ConnectRealtimeOptions,
): Promise<RealtimeSession> {
  return openRealtimeSession(provider, options, undefined);
}
