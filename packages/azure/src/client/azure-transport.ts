import type { OpenAITransport } from '@switchboard/openai/internal';
import { type AzureSurface, azureBaseUrl } from '../options/azure-surface.js';
import { type AzureCredential, authHeader } from './azure-credential.js';

/** What the transport is built from. */
export interface AzureTransportSettings {
  resourceUrl: string;
  surface: AzureSurface;
  credential: AzureCredential;
  defaultHeaders?: Record<string, string> | undefined;
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
}

/** The dated operations whose URL names the deployment (`/openai/deployments/{deployment}/...`). */
const DEPLOYMENT_PATHS = new Set(['/chat/completions', '/embeddings', '/images/generations']);

/**
 * Dated API versions: deployment operations go to `/deployments/{deployment}/...`, the deployment taken from the
 * body's `model`, which is left out of the body (the dated request schemas have no such field, the URL carries it).
 */
export function routeDeployment(
  path: string,
  body: Record<string, unknown> | undefined,
): { path: string; body?: Record<string, unknown> } {
  if (!DEPLOYMENT_PATHS.has(path) || !body || typeof body.model !== 'string') return body ? { path, body } : { path };
  const { model, ...rest } = body;
  return { path: `/deployments/${encodeURIComponent(model)}${path}`, body: rest };
}

/**
 * How the Azure provider reaches its resource. v1 GA: `{resource}/openai/v1` (the deployment is the body's `model`;
 * `preview` adds `?api-version=preview`). Dated: `{resource}/openai` with `?api-version=` on every URL and the
 * deployment operations routed through `/deployments/{deployment}` (files and batches stay resource level). The key
 * goes in the `api-key` header, an Entra ID token in `Authorization: Bearer`, resolved before every request (keys and
 * tokens rotate). Nothing is read from `OPENAI_*` / `AZURE_OPENAI_*` variables here.
 */
export function azureTransport(settings: AzureTransportSettings): OpenAITransport {
  const { surface, credential } = settings;
  const transport: OpenAITransport = {
    baseURL: azureBaseUrl(settings.resourceUrl, surface),
    auth: async () => authHeader(credential, await credential.resolve()),
  };
  if (surface.apiVersion) transport.defaultQuery = { 'api-version': surface.apiVersion };
  if (surface.kind === 'dated') transport.route = routeDeployment;
  if (settings.defaultHeaders) transport.defaultHeaders = settings.defaultHeaders;
  if (settings.fetch) transport.fetch = settings.fetch;
  if (settings.timeoutMs !== undefined) transport.timeoutMs = settings.timeoutMs;
  return transport;
}
