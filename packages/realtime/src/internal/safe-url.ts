import { ConfigError } from '@switchboard/core';

/** Query parameters that carry credentials; a realtime URL must never have them (URLs end up in logs). */
const SECRET_PARAMS = /^(api[-_]?key|key|access[-_]?token|token|authorization|sig|signature|client[-_]?secret)$/i;

/**
 * Checks an endpoint URL before connecting: `ws:`/`wss:` (an `http(s):` URL is converted), no user info and no
 * credential in the query string. Returns the URL to use; throws ConfigError otherwise (without echoing the URL).
 */
export function assertSafeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError({ issues: [{ path: 'realtime.url', message: 'is not a valid URL' }] });
  }
  if (parsed.protocol === 'http:') parsed.protocol = 'ws:';
  else if (parsed.protocol === 'https:') parsed.protocol = 'wss:';
  else if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new ConfigError({
      issues: [{ path: 'realtime.url', message: `must be a ws: or wss: URL (got ${parsed.protocol})` }],
    });
  }
  const issues = [];
  if (parsed.username || parsed.password)
    issues.push({ path: 'realtime.url', message: 'must not contain credentials' });
  for (const name of parsed.searchParams.keys()) {
    if (SECRET_PARAMS.test(name)) {
      issues.push({
        path: 'realtime.url',
        message: `must not carry a credential in the query string (${name}); send it as a header`,
      });
    }
  }
  if (issues.length > 0) throw new ConfigError({ issues });
  return parsed.toString();
}
