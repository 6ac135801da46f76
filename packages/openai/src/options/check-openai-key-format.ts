const OPENAI_KEY = /^sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,}$/;

/**
 * Checks that a key has the shape OpenAI issues (`sk-`, `sk-proj-`, `sk-svcacct-` or `sk-admin-` and at least 20
 * more characters), returning a problem description or undefined. The description says what was expected and never
 * shows any part of the key.
 */
export function checkOpenAIKeyFormat(key: string): string | undefined {
  if (key.trim() !== key) return 'has leading or trailing white space';
  if (!OPENAI_KEY.test(key)) {
    return 'does not look like an OpenAI key (expected a key starting with sk-, sk-proj- or sk-svcacct-)';
  }
  return undefined;
}
