import {
  ConfigError,
  type RealtimeClientSecret,
  type RealtimeConnectionInfo,
  type RealtimeEndpoint,
  type RealtimeResolveOptions,
  UnsupportedError,
} from '@switchboard/core';

/**
 * A short-lived client secret for a browser: the object a server minted with `provider.realtime.createClientSecret`
 * (it carries the URL), its `value` alone (the provider's endpoint then supplies the URL), or a function returning
 * either, called before every connection attempt so that reconnects can fetch a fresh one.
 */
export type ClientSecretSource =
  | string
  | RealtimeClientSecret
  | ((signal: AbortSignal | undefined) => string | RealtimeClientSecret | Promise<string | RealtimeClientSecret>);

const SUBPROTOCOL_PREFIX = 'openai-insecure-api-key.';

/**
 * A realtime endpoint that authenticates with a client secret in the documented subprotocols (`realtime`,
 * `openai-insecure-api-key.<secret>`) and never with the provider's key. A minted secret object is enough on its own;
 * a bare value needs the provider's `endpoint` for the URL.
 */
export function clientSecretEndpoint(
  provider: string,
  source: ClientSecretSource,
  endpoint: RealtimeEndpoint | undefined,
): RealtimeEndpoint {
  return {
    provider,
    async resolve(model: string, options: RealtimeResolveOptions = {}): Promise<RealtimeConnectionInfo> {
      const secret = typeof source === 'function' ? await source(options.signal) : source;
      if (typeof secret === 'string') {
        if (secret === '') throw invalidSecret('is empty');
        if (!endpoint) {
          throw new UnsupportedError({
            message: `The ${provider} provider has no realtime endpoint to take the URL from; pass the minted client secret object (it carries the URL).`,
            provider,
          });
        }
        return endpoint.resolve(model, { ...options, auth: 'subprotocols', clientSecret: secret });
      }
      if (typeof secret !== 'object' || secret === null || typeof secret.value !== 'string' || secret.value === '') {
        throw invalidSecret('has no `value`');
      }
      if (typeof secret.url !== 'string') throw invalidSecret('has no `url`');
      return {
        url: secret.url,
        headers: {},
        protocols: ['realtime', `${SUBPROTOCOL_PREFIX}${secret.value}`],
        model: typeof secret.model === 'string' ? secret.model : model,
      };
    },
  };
}

function invalidSecret(problem: string): ConfigError {
  return new ConfigError({
    issues: [{ path: 'connectRealtime.clientSecret', message: `the client secret ${problem}` }],
  });
}
