/** The limiter and breaker key of a call: provider name and model (or Azure deployment), e.g. `openai:gpt-4o`. */
export function rateLimitKey(provider: string, model: string | undefined): string {
  return `${provider}:${model ?? '*'}`;
}
