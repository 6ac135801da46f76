import { AbortedError, type RealtimeEndpoint, UnsupportedError } from '@switchboard/core';
import { type ConnectRealtimeOptions, resolveOptions } from './options.js';
import { RealtimeSession } from './realtime-session.js';

/** Anything with a realtime endpoint: a `Provider` from `@switchboard/openai` or `@switchboard/azure`. */
export interface RealtimeCapableProvider {
  /** The provider name. */
  readonly name: string;
  /** Its realtime endpoint; providers without one are rejected with UnsupportedError. */
  readonly realtime?: RealtimeEndpoint;
}

/**
 * Opens a Realtime API session for `options.model` through the provider's realtime endpoint (so the same code runs
 * against OpenAI and Azure) and resolves once the first connection is open, with the initial `session` config
 * sent. Retryable failures of the first connection are retried like later drops; a non-retryable one (a rejected
 * key, an unknown deployment) or an aborted `signal` rejects with its typed error.
 */
export async function connectRealtime(
  provider: RealtimeCapableProvider,
  options: ConnectRealtimeOptions,
): Promise<RealtimeSession> {
  const resolved = resolveOptions(options);
  const endpoint = provider.realtime;
  if (!endpoint) {
    throw new UnsupportedError({
      message: `The ${provider.name} provider has no realtime endpoint.`,
      provider: provider.name,
    });
  }
  if (resolved.signal?.aborted) {
    throw new AbortedError({ message: 'connectRealtime was aborted.', cause: resolved.signal.reason });
  }
  const session = new RealtimeSession(endpoint, resolved);
  const ready = session.ready(resolved.signal);
  session.start();
  await ready;
  return session;
}
