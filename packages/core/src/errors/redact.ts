/**
 * Masks anything that looks like a credential: OpenAI keys (`sk-...`, `sk-proj-...`, `sk-svcacct-...`), bearer
 * tokens, `api-key` values, Azure keys (32 hex characters or the newer 84-character form) and JWTs. Applied to every
 * message, excerpt and log line the library produces, so a key that leaks into an upstream message is never shown.
 */
const SECRET_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(api[-_]?key["']?\s*[:=]\s*["']?)[A-Za-z0-9._~+/=-]{12,}/gi,
  /\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g,
  /\b[0-9a-f]{32}\b/gi,
  /\b[A-Za-z0-9]{84}\b/g,
];

/** How many configured secret values are remembered; the oldest is forgotten first (rotating tokens keep coming). */
const MAX_REGISTERED = 512;
/** Values shorter than this are not registered: masking them would mangle ordinary words. */
const MIN_SECRET_LENGTH = 6;
const registered = new Set<string>();
/** Registered values, longest first, so a key that contains another is masked whole. */
let ordered: string[] = [];

/**
 * Registers a configured secret value (an API key, a token an `apiKey()` or `tokenProvider()` function returned, a
 * password in a `baseURL`'s userinfo) so that every error message, stack, `toJSON()`, `util.inspect`, `String(err)`,
 * cause, hook event and log line Switchboard produces masks it by value, whatever its shape (Azure keys, gateway
 * tokens). Its URL-encoded form is registered too. Providers call it for every key they are given or resolve; call it
 * yourself for other secrets. Values shorter than 6 characters are ignored; the most recent 512 values are kept.
 */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
  for (const form of new Set([value, encodeURIComponent(value)])) {
    registered.delete(form);
    registered.add(form);
  }
  while (registered.size > MAX_REGISTERED) registered.delete(registered.values().next().value as string);
  ordered = [...registered].sort((a, b) => b.length - a.length);
}

/** Registers the username and password of a URL's userinfo (`https://user:key@host/`) with `registerSecret`. */
export function registerUrlSecrets(url: string | URL | undefined): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return;
  }
  for (const part of [parsed.username, parsed.password]) {
    if (!part) continue;
    registerSecret(part);
    try {
      registerSecret(decodeURIComponent(part));
    } catch {
      // Not valid percent-encoding: the raw form is registered already.
    }
  }
}

/**
 * Replaces credentials in a text with a masked form that keeps only a short prefix: every value given to
 * `registerSecret`, then anything shaped like a key or token.
 */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match: string, prefix?: string) => {
      if (typeof prefix === 'string' && match.startsWith(prefix))
        return `${prefix}${maskSecret(match.slice(prefix.length))}`;
      return maskSecret(match);
    });
  }
  return out;
}

/** Masks one secret value: at most its first four characters survive, never its tail. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '***';
  const keep = secret.startsWith('sk-') ? Math.min(secret.indexOf('-', 3) + 1 || 3, 12) : 4;
  return `${secret.slice(0, keep)}***`;
}
