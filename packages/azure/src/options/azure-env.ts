import { type CrossFieldProblem, type EnvironmentVariables, readEnvOptions } from '@switchboard/core';
import { z } from 'zod';

/** The environment variables of the Azure provider, by option (the names the official SDK reads, and deployments). */
export const AZURE_ENV_VARIABLES = {
  endpoint: 'AZURE_OPENAI_ENDPOINT',
  apiKey: 'AZURE_OPENAI_API_KEY',
  apiVersion: 'AZURE_OPENAI_API_VERSION',
  deployments: 'AZURE_OPENAI_DEPLOYMENTS',
} as const;

const deploymentMapSchema = z.record(z.string().min(1), z.string().min(1));

/**
 * Reads the Azure variables into options, undefined when neither an endpoint nor a key is set.
 * `AZURE_OPENAI_DEPLOYMENTS` is `model=deployment,model2=deployment2` or a JSON object; a malformed value is returned
 * as a problem, to be reported with the others. The sources name each variable for error messages.
 */
export function readAzureEnv(env: EnvironmentVariables): {
  options: Record<string, unknown> | undefined;
  sources: Record<string, string>;
  problems: CrossFieldProblem[];
} {
  const { values, sources } = readEnvOptions(AZURE_ENV_VARIABLES, env, 'azure');
  const problems: CrossFieldProblem[] = [];
  if (values.endpoint === undefined && values.apiKey === undefined) return { options: undefined, sources, problems };
  const { deployments, ...rest } = values;
  const options: Record<string, unknown> = { ...rest };
  if (deployments !== undefined) {
    const parsed = parseDeployments(deployments);
    if (typeof parsed === 'string') problems.push({ path: ['deployments'], message: parsed });
    else options.deployments = parsed;
  }
  return { options, sources, problems };
}

/** Parses `model=deployment,model2=deployment2` or a JSON object; returns a problem description on failure. */
function parseDeployments(raw: string): Record<string, string> | string {
  if (raw.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return 'is not valid JSON (use {"model":"deployment"} or model=deployment,model2=deployment2)';
    }
    const parsed = deploymentMapSchema.safeParse(value);
    return parsed.success ? parsed.data : 'must be a JSON object of model names to deployment names';
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
