import type { Attributes } from '@opentelemetry/api';
import { GENERAL } from './semconv.js';

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'https:': 443, 'http:': 80 };

/**
 * `server.address` and `server.port` of the endpoint the provider talks to. Only the host and port are kept: a
 * URL's userinfo, path and query never reach a span (a key can hide in any of them).
 */
export function serverAttributes(server: string | URL | undefined): Attributes {
  if (server === undefined) return {};
  let url: URL;
  try {
    url = new URL(String(server));
  } catch {
    return {};
  }
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  return {
    [GENERAL.serverAddress]: url.hostname,
    ...(port !== undefined ? { [GENERAL.serverPort]: port } : {}),
  };
}
