import { type EnvironmentVariables, readEnvOptions } from '@switchboard/core';

/** The environment variables of the OpenAI provider, by option (the names the official SDK reads). */
export const OPENAI_ENV_VARIABLES = {
  apiKey: 'OPENAI_API_KEY',
  baseURL: 'OPENAI_BASE_URL',
  organization: 'OPENAI_ORG_ID',
  project: 'OPENAI_PROJECT_ID',
} as const;

/**
 * Reads the OpenAI variables (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`) into
 * options, undefined when neither a key nor a base URL is set. The sources name each variable for error messages.
 */
export function readOpenAIEnv(env: EnvironmentVariables): {
  options: Partial<Record<keyof typeof OPENAI_ENV_VARIABLES, string>> | undefined;
  sources: Record<string, string>;
} {
  const { values, sources } = readEnvOptions(OPENAI_ENV_VARIABLES, env, 'openai');
  const configured = values.apiKey !== undefined || values.baseURL !== undefined;
  return { options: configured ? values : undefined, sources };
}
