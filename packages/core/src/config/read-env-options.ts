import type { ConfigSources } from './parse-config.js';

/** Environment variables, as `process.env` has them. */
export type EnvironmentVariables = Record<string, string | undefined>;

/** Options read from environment variables, with the variable each came from. */
export interface EnvOptions {
  /** The options whose variables are set (blank values count as unset). */
  values: Record<string, string>;
  /** Option path (with the prefix) → variable name, for `parseConfig`'s `sources`. */
  sources: ConfigSources;
}

/**
 * Reads the variables a provider declares (option → variable name) from `env`; blank values are left out. The
 * sources name every declared variable, so a missing required option names the variable to set.
 */
export function readEnvOptions(
  variables: Readonly<Record<string, string>>,
  env: EnvironmentVariables,
  prefix?: string,
): EnvOptions {
  const values: Record<string, string> = {};
  const sources: ConfigSources = {};
  for (const [option, variable] of Object.entries(variables)) {
    sources[prefix ? `${prefix}.${option}` : option] = variable;
    const value = env[variable]?.trim();
    if (value) values[option] = value;
  }
  return { values, sources };
}

/**
 * The process environment where there is one (Node, Bun, Deno with `process`), otherwise an empty one: browsers and
 * workers have no environment, so options must be passed there.
 */
export function processEnv(): EnvironmentVariables {
  const holder = globalThis as { process?: { env?: EnvironmentVariables } };
  return holder.process?.env ?? {};
}
