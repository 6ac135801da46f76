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

/** Replaces credentials in a text with a masked form that keeps only a short prefix. */
export function redactSecrets(text: string): string {
  let out = text;
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
