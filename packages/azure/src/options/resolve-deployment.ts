import type { ModelKind } from '@switchboard/openai/internal';

/**
 * Maps a logical model name to a deployment: `deployments['<kind>:<model>']` first (say `batch:gpt-4o` for a
 * GlobalBatch deployment, `realtime:gpt-realtime`), then `deployments[model]`, then the name itself (deployments are
 * often named after their model).
 */
export function resolveDeployment(deployments: Record<string, string>, model: string, kind: ModelKind): string {
  return deployments[`${kind}:${model}`] ?? deployments[model] ?? model;
}
