/** Switchboard provider names whose `gen_ai.provider.name` differs from our own name. */
const WELL_KNOWN: Readonly<Record<string, string>> = { azure: 'azure.ai.openai', openai: 'openai' };

/**
 * The `gen_ai.provider.name` of a Switchboard provider: the conventions' well-known value where there is one
 * (`openai`, `azure.ai.openai`), otherwise the provider's own name.
 */
export function genAiProviderName(providerName: string): string {
  return WELL_KNOWN[providerName] ?? providerName;
}
