/**
 * Which Azure OpenAI URL scheme a provider talks to: the v1 GA surface (`/openai/v1/...`, the deployment as `model`;
 * `preview` adds `?api-version=preview`) or a dated API version (`/openai/deployments/{deployment}/...?api-version=`).
 */
export type AzureSurface = { kind: 'v1'; apiVersion?: 'preview' } | { kind: 'dated'; apiVersion: string };

/** The surface for an `apiVersion` option (undefined and `v1` mean the v1 GA surface). */
export function azureSurface(apiVersion: string | undefined): AzureSurface {
  if (apiVersion === undefined || apiVersion === 'v1') return { kind: 'v1' };
  if (apiVersion === 'preview') return { kind: 'v1', apiVersion };
  return { kind: 'dated', apiVersion };
}

/** The API base URL of a surface under a resource URL, as the SDK client uses it. */
export function azureBaseUrl(resourceUrl: string, surface: AzureSurface): string {
  return surface.kind === 'v1' ? `${resourceUrl}/openai/v1` : `${resourceUrl}/openai`;
}
