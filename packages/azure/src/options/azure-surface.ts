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

/** The first dated preview api-version with the Responses API (`/openai/responses?api-version=`). */
export const FIRST_RESPONSES_PREVIEW = '2025-03-01-preview';

/**
 * Why a surface cannot serve the Responses API, naming the fix, or undefined when it can: the v1 surface
 * (`/openai/v1/responses`) and dated previews from 2025-03-01-preview on (`/openai/responses?api-version=`) can;
 * dated GA versions and older previews have no `/responses` route.
 */
export function responsesUnsupported(surface: AzureSurface): string | undefined {
  if (surface.kind === 'v1') return undefined;
  const version = surface.apiVersion;
  if (version.endsWith('-preview') && version >= FIRST_RESPONSES_PREVIEW) return undefined;
  return `The Responses API is not available with apiVersion '${version}': use apiVersion 'v1' (the default) or a preview api-version from ${FIRST_RESPONSES_PREVIEW} on, or api: 'chat-completions'.`;
}
