import { type ApiKeySource, AuthenticationError, isSwitchboardError, resolveApiKey } from '@switchboard/core';

/**
 * Resolves a key (or token) source for one request. A function that throws or returns nothing becomes an
 * `AuthenticationError` (its own Switchboard errors pass through), so every caller sees the same failure.
 */
export async function resolveKey(source: ApiKeySource, provider: string, what = 'API key'): Promise<string> {
  let key: unknown;
  try {
    key = await resolveApiKey(source);
  } catch (error) {
    if (isSwitchboardError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AuthenticationError({
      message: `Could not get the ${what}: ${reason}`,
      provider,
      source: 'client',
      cause: error,
    });
  }
  if (typeof key !== 'string' || key === '') {
    throw new AuthenticationError({ message: `The ${what} function returned no ${what}.`, provider, source: 'client' });
  }
  return key;
}
