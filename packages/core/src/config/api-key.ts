import { maskSecret } from '../errors/redact.js';

/** A key, or a function returning one (so keys can rotate). */
export type ApiKeySource = string | (() => string | Promise<string>);

const OPENAI_KEY = /^sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,}$/;
const AZURE_KEY = /^(?:[0-9a-f]{32}|[A-Za-z0-9]{84})$/i;

/**
 * Checks that a key has the shape the service issues, returning a problem description or undefined. The description
 * shows only a masked prefix of the key, never the key.
 */
export function checkApiKeyFormat(provider: 'openai' | 'azure', key: string): string | undefined {
  if (key.trim() !== key) return `has leading or trailing white space (${maskSecret(key.trim())})`;
  if (provider === 'openai' && !OPENAI_KEY.test(key)) {
    return `does not look like an OpenAI key (expected sk-..., sk-proj-... or sk-svcacct-...; got ${maskSecret(key)})`;
  }
  if (provider === 'azure' && !AZURE_KEY.test(key)) {
    return `does not look like an Azure OpenAI key (expected 32 hex characters or an 84-character key; got ${maskSecret(key)})`;
  }
  return undefined;
}

/** Resolves a key source to the current key. */
export async function resolveApiKey(source: ApiKeySource): Promise<string> {
  return typeof source === 'function' ? await source() : source;
}
