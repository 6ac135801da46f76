import type { IncomingMessage, ServerResponse } from 'node:http';

/** Which browser origins may call the mock: every origin (`'*'`), or a list of exact origins. */
export type CorsOrigins = '*' | readonly string[];

/** Response headers a browser page may read (request id, processing time, rate limits, retry hints). */
const EXPOSED = [
  'x-request-id',
  'apim-request-id',
  'openai-processing-ms',
  'openai-version',
  'retry-after',
  'retry-after-ms',
  'x-should-retry',
  'x-ratelimit-limit-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-requests',
  'x-ratelimit-reset-tokens',
].join(', ');

const METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
/** Headers the SDKs send, allowed on a preflight that does not list its own. */
const DEFAULT_ALLOWED_HEADERS =
  'authorization, content-type, api-key, openai-organization, openai-project, openai-beta, x-stainless-retry-count, x-stainless-timeout';
const NO_HEADERS: readonly string[] = Object.freeze([]);

/** True when `origin` may call the mock. */
function allowed(origin: string, origins: CorsOrigins): boolean {
  return origins === '*' || origins.includes(origin);
}

/**
 * The CORS headers of an answer to a request from `origin` (flat name/value list). Requests without an `Origin`
 * (SDKs, curl, benchmarks) get none, so the hot path pays nothing; a listed origin is echoed with `vary: origin`.
 */
export function corsHeaders(origin: string | undefined, origins: CorsOrigins): readonly string[] {
  if (origin === undefined || !allowed(origin, origins)) return NO_HEADERS;
  return origins === '*'
    ? ['access-control-allow-origin', '*', 'access-control-expose-headers', EXPOSED]
    : ['access-control-allow-origin', origin, 'vary', 'origin', 'access-control-expose-headers', EXPOSED];
}

/**
 * Answers a preflight (`OPTIONS` with `Access-Control-Request-Method`): 204 with the allowed methods and the
 * requested headers for an allowed origin; 403 without CORS headers otherwise (the browser then blocks the call).
 * A plain OPTIONS without an Origin gets 204 and an `allow` header.
 */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, origins: CorsOrigins): void {
  req.resume();
  const origin = req.headers.origin;
  if (origin === undefined) {
    res.writeHead(204, ['allow', METHODS]);
    res.end();
    return;
  }
  if (!allowed(origin, origins)) {
    res.writeHead(403, ['content-length', '0']);
    res.end();
    return;
  }
  const requested = req.headers['access-control-request-headers'];
  res.writeHead(204, [
    ...corsHeaders(origin, origins),
    'access-control-allow-methods',
    METHODS,
    'access-control-allow-headers',
    typeof requested === 'string' && requested !== '' ? requested : DEFAULT_ALLOWED_HEADERS,
    'access-control-max-age',
    '600',
  ]);
  res.end();
}
