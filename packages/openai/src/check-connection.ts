import type { CallOptions, ConnectionStatus, SwitchboardError } from '@switchboard/core';
import type { ProbeRequest } from './provider/provider-config.js';
import type { ProviderContext } from './provider/provider-context.js';

/** Words a person can act on, per error code. */
function describeProblem(error: SwitchboardError, endpoint: string): string {
  switch (error.code) {
    case 'authentication':
      return `The API key was rejected by ${endpoint} (HTTP ${error.status ?? 401}); check that it is current and meant for this endpoint.`;
    case 'permission':
      return `The key is valid but not allowed to use ${endpoint} (HTTP 403); check the project, organization or region.`;
    case 'not-found':
      return `Nothing answers at ${endpoint} (HTTP 404); check the base URL (it usually ends in /v1).`;
    case 'rate-limit':
      return error.retryable
        ? `The endpoint answered but is rate limiting this key right now (HTTP 429); the key works.`
        : `The key has no quota left (insufficient_quota); check the plan and billing.`;
    case 'timeout':
      return `No answer from ${endpoint} within ${error.message.match(/\d+ ms/)?.[0] ?? 'the timeout'}; check the network or proxy.`;
    case 'network':
      return `Could not reach ${endpoint}: ${error.message}`;
    case 'server':
      return `${endpoint} is failing (HTTP ${error.status ?? '5xx'}); try again later.`;
    default:
      return `${endpoint} answered with an error: ${error.message}`;
  }
}

/**
 * `Provider.checkConnection`: makes the provider's cheap probe (listing models by default) and reports whether the
 * key and endpoint work, how long it took and, if not, what is wrong. It never throws for a failed check; aborting
 * the signal does throw.
 */
export async function checkConnection(context: ProviderContext, call: CallOptions = {}): Promise<ConnectionStatus> {
  const endpoint = context.config.endpoint;
  const started = performance.now();
  const send = async (request: ProbeRequest): Promise<void> => {
    const method = request.body === undefined ? 'GET' : 'POST';
    await context.text({ method, ...request }, call);
  };
  try {
    await (context.config.probe ? context.config.probe(send) : send({ path: '/models' }));
    return { ok: true, provider: context.provider, endpoint, latencyMs: performance.now() - started };
  } catch (thrown) {
    const error = context.mapError(thrown, call);
    if (error.code === 'aborted') throw error;
    const status: ConnectionStatus = {
      ok: error.code === 'rate-limit' && error.retryable,
      provider: context.provider,
      endpoint,
      latencyMs: performance.now() - started,
      problem: describeProblem(error, endpoint),
      error,
    };
    return status;
  }
}
