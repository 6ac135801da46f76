import { ConfigError, type ConfigIssue } from '../errors/error-classes.js';
import { lazySchema } from '../lazy/lazy-schema.js';
import { toConfigIssues } from './parse-config.js';
import { type AzureOptions, azureOptionsSchema, type OpenAIOptions, openAIOptionsSchema } from './schemas.js';

/** Provider options read from the environment; a provider is present when its variables are set. */
export interface EnvConfig {
  /** OpenAI options, when `OPENAI_API_KEY` is set. */
  openai?: OpenAIOptions;
  /** Azure options, when `AZURE_OPENAI_ENDPOINT` or `AZURE_OPENAI_API_KEY` is set. */
  azure?: AzureOptions;
}

const OPENAI_VARIABLES = {
  apiKey: 'OPENAI_API_KEY',
  baseURL: 'OPENAI_BASE_URL',
  organization: 'OPENAI_ORG_ID',
  project: 'OPENAI_PROJECT_ID',
} as const;

const AZURE_VARIABLES = {
  endpoint: 'AZURE_OPENAI_ENDPOINT',
  apiKey: 'AZURE_OPENAI_API_KEY',
  apiVersion: 'AZURE_OPENAI_API_VERSION',
  deployments: 'AZURE_OPENAI_DEPLOYMENTS',
} as const;

/**
 * Reads `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`, `AZURE_OPENAI_ENDPOINT`,
 * `AZURE_OPENAI_API_KEY`, `AZURE_OPENAI_API_VERSION` and `AZURE_OPENAI_DEPLOYMENTS` (`model=deployment,...` or a JSON
 * object). Every problem in either provider's settings is reported in one `ConfigError` that names the variable;
 * secret values are masked.
 */
export function loadConfigFromEnv(env: Record<string, string | undefined> = process.env): EnvConfig {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const issues: ConfigIssue[] = [];
  const config: EnvConfig = {};

  if (read(OPENAI_VARIABLES.apiKey) || read(OPENAI_VARIABLES.baseURL)) {
    const input = pick(OPENAI_VARIABLES, read);
    const result = openAIOptionsSchema.safeParse(input);
    if (result.success) config.openai = result.data;
    else
      issues.push(
        ...toConfigIssues(result.error.issues, { prefix: 'openai', sources: sourcesOf('openai', OPENAI_VARIABLES) }),
      );
  }

  if (read(AZURE_VARIABLES.endpoint) || read(AZURE_VARIABLES.apiKey)) {
    const { deployments: rawDeployments, ...rest } = pick(AZURE_VARIABLES, read);
    const input: Record<string, unknown> = { ...rest };
    if (rawDeployments) {
      const parsed = parseDeployments(rawDeployments);
      if (typeof parsed === 'string')
        issues.push({ path: 'azure.deployments', message: parsed, variable: AZURE_VARIABLES.deployments });
      else input.deployments = parsed;
    }
    const result = azureOptionsSchema.safeParse(input);
    if (result.success) config.azure = result.data;
    else
      issues.push(
        ...toConfigIssues(result.error.issues, { prefix: 'azure', sources: sourcesOf('azure', AZURE_VARIABLES) }),
      );
  }

  if (issues.length > 0) throw new ConfigError({ issues });
  return config;
}

function pick(variables: Record<string, string>, read: (name: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [option, variable] of Object.entries(variables)) {
    const value = read(variable);
    if (value !== undefined) out[option] = value;
  }
  return out;
}

function sourcesOf(prefix: string, variables: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).map(([option, variable]) => [`${prefix}.${option}`, variable]));
}

const deploymentMapSchema = lazySchema((z) => z.record(z.string().min(1), z.string().min(1)));

/** Parses `model=deployment,model2=deployment2` or a JSON object; returns a problem description on failure. */
function parseDeployments(raw: string): Record<string, string> | string {
  if (raw.startsWith('{')) {
    try {
      const parsed = deploymentMapSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : 'must be a JSON object of model names to deployment names';
    } catch {
      return 'is not valid JSON (use {"model":"deployment"} or model=deployment,model2=deployment2)';
    }
  }
  const map: Record<string, string> = {};
  for (const entry of raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [model, deployment, extra] = entry.split('=').map((s) => s.trim());
    if (!model || !deployment || extra !== undefined) {
      return `entry ${JSON.stringify(entry)} is not of the form model=deployment`;
    }
    map[model] = deployment;
  }
  return map;
}
