import { AbortedError, ConfigError, type RealtimeEndpoint, UnsupportedError } from '@switchboard/core';
import { clientSecretEndpoint } from './auth/client-secret-endpoint.js';
import { type ConnectRealtimeOptions, resolveOptions } from './options.js';
import { RealtimeSession } from './realtime-session.js';
import { detectRuntime, type RuntimeKind } from './transport/detect-runtime.js';
import { selectTransport, type WsTransportLoader } from './transport/select-transport.js';

/** Anything with a realtime endpoint: a `Provider` from `@switchboard/openai` or `@switchboard/azure`. */
export interface RealtimeCapableProvider {
  /** The provider name. */
  readonly name: string;
  /** Its realtime endpoint; without one, only a minted client secret object (it carries the URL) can connect. */
  readonly realtime?: RealtimeEndpoint;
}

/**
 * `connectRealtime` of one build of the package: the Node build passes the `ws` transport, the browser and worker
 * build passes none (so `ws` is never bundled there).
 */
export async function openRealtimeSession(
  provider: RealtimeCapableProvider,
  options: ConnectRealtimeOptions,
  ws: WsTransportLoader | undefined,
  runtime: RuntimeKind = detectRuntime(),
): Promise<RealtimeSession> {
  const resolved = resolveOptions(options);
  if (runtime === 'browser' && !resolved.clientSecret && !resolved.dangerouslyAllowBrowser) {
    throw new ConfigError({
      issues: [
        {
          path: 'connectRealtime.clientSecret',
          message:
            'in a browser, connect with a short-lived client secret minted on your server (provider.realtime.createClientSecret); set dangerouslyAllowBrowser: true only if exposing the long-lived key to every visitor is acceptable',
        },
      ],
    });
  }
  const endpoint = resolved.clientSecret
    ? clientSecretEndpoint(provider.name, resolved.clientSecret, provider.realtime)
    : provider.realtime;
  if (!endpoint) {
    throw new UnsupportedError({
      message: `The ${provider.name} provider has no realtime endpoint.`,
      provider: provider.name,
    });
  }
  const transport = selectTransport(resolved.transport, ws, runtime);
  if (resolved.signal?.aborted) {
    throw new AbortedError({ message: 'connectRealtime was aborted.', cause: resolved.signal.reason });
  }
  const session = new RealtimeSession(endpoint, resolved, transport);
  const ready = session.ready(resolved.signal);
  session.start();
  await ready;
  return session;
}
