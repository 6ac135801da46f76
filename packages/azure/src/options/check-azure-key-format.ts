const AZURE_KEY = /^(?:[0-9a-f]{32}|[A-Za-z0-9]{84})$/i;

/**
 * Checks that a key has a shape Azure OpenAI issues (32 hex characters, or 84 letters and digits), returning a problem
 * description or undefined. The description says what was expected and never shows any part of the key.
 */
export function checkAzureKeyFormat(key: string): string | undefined {
  if (key.trim() !== key) return 'has leading or trailing white space';
  if (!AZURE_KEY.test(key)) {
    return 'does not look like an Azure OpenAI key (expected 32 hexadecimal characters or 84 letters and digits)';
  }
  return undefined;
}
