import type {
  CallOptions,
  RealtimeClientSecretRequest,
  RealtimeConnectionInfo,
  RealtimeEndpoint,
  RealtimeResolveOptions,
} from '@switchboard/core';
import type { ProviderContext } from '../provider/provider-context.js';
import { createClientSecret } from './create-client-secret.js';
import { headersToSubprotocols, secretSubprotocols } from './subprotocol-auth.js';

/**
 * The realtime endpoint descriptor for @switchboard/realtime: resolves a logical model to the provider's `wss://` URL
 * and its auth (resolved per call, since keys rotate; GA surface, so no `OpenAI-Beta` header). Auth goes in the
 * upgrade headers, or, for sockets that cannot send headers, in the documented subprotocols: a client secret, else the
 * provider's key. `createClientSecret` mints short-lived secrets for browsers.
 */
export function createRealtimeEndpoint(context: ProviderContext): RealtimeEndpoint {
  const { config } = context;
  return {
    provider: context.provider,
    async resolve(model: string, options: RealtimeResolveOptions = {}): Promise<RealtimeConnectionInfo> {
      const wireModel = context.wireModel(model, 'realtime');
      const info: RealtimeConnectionInfo = { url: config.realtimeUrl(wireModel), headers: {}, model: wireModel };
      const extraProtocols = config.realtimeProtocols ?? [];
      if (options.clientSecret !== undefined) {
        info.protocols = [...secretSubprotocols(options.clientSecret), ...extraProtocols];
        return info;
      }
      let headers: Record<string, string>;
      try {
        headers = { ...(await config.realtimeHeaders(options.signal)), ...options.headers };
      } catch (error) {
        throw context.mapError(error, options);
      }
      if (options.auth === 'subprotocols') {
        info.protocols = [...headersToSubprotocols(headers), ...extraProtocols];
        return info;
      }
      info.headers = headers;
      if (config.realtimeProtocols) info.protocols = [...config.realtimeProtocols];
      return info;
    },
    createClientSecret: (request: RealtimeClientSecretRequest, options?: CallOptions) =>
      createClientSecret(context, request, options),
  };
}
