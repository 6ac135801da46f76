/** The subprotocol every Realtime API WebSocket offers. */
export const REALTIME_SUBPROTOCOL = 'realtime';

/** The documented subprotocol prefix that carries a key or client secret where headers cannot be set. */
export const KEY_SUBPROTOCOL_PREFIX = 'openai-insecure-api-key.';

/** The subprotocols that authenticate with a client secret (or a key) instead of an `Authorization` header. */
export function secretSubprotocols(secret: string): string[] {
  return [REALTIME_SUBPROTOCOL, `${KEY_SUBPROTOCOL_PREFIX}${secret}`];
}

/**
 * The upgrade headers rewritten as subprotocols, for the platform WebSocket (browsers, workers, Deno, Bun), which
 * cannot send headers: the bearer token or Azure `api-key` becomes `openai-insecure-api-key.<key>`, organization and
 * project become `openai-organization.<id>` and `openai-project.<id>`. Other headers cannot travel and are dropped.
 */
export function headersToSubprotocols(headers: Record<string, string>): string[] {
  let key: string | undefined;
  const extra: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') key = /^Bearer\s+(.+)$/i.exec(value)?.[1]?.trim() ?? key;
    else if (lower === 'api-key') key = value;
    else if (lower === 'openai-organization') extra.push(`openai-organization.${value}`);
    else if (lower === 'openai-project') extra.push(`openai-project.${value}`);
  }
  return key === undefined ? [REALTIME_SUBPROTOCOL, ...extra] : [...secretSubprotocols(key), ...extra];
}
