import type { CallOptions, RealtimeConnectionInfo, RealtimeEndpoint } from '@switchboard/core';
import type { ProviderContext } from '../provider/provider-context.js';

/**
 * The realtime endpoint descriptor for @switchboard/realtime: resolves a logical model to the provider's `wss://` URL
 * and upgrade headers (auth resolved per call, since keys rotate; GA surface, so no `OpenAI-Beta` header).
 */
export function createRealtimeEndpoint(context: ProviderContext): RealtimeEndpoint {
  const { config } = context;
  return {
    provider: context.provider,
    async resolve(model: string, options: CallOptions = {}): Promise<RealtimeConnectionInfo> {
      const wireModel = context.wireModel(model, 'realtime');
      let headers: Record<string, string>;
      try {
        headers = { ...(await config.realtimeHeaders(options.signal)), ...options.headers };
      } catch (error) {
        throw context.mapError(error, options);
      }
      const info: RealtimeConnectionInfo = { url: config.realtimeUrl(wireModel), headers, model: wireModel };
      if (config.realtimeProtocols) info.protocols = [...config.realtimeProtocols];
      return info;
    },
  };
}
