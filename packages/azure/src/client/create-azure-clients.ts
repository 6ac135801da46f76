import { AzureOpenAI, OpenAI } from 'openai';
import { type AzureSurface, azureBaseUrl } from '../options/azure-surface.js';
import type { AzureCredential } from './azure-credential.js';

/** The SDK clients of one provider. */
export interface AzureClients {
  /** Inference calls (chat, embeddings, images, models). */
  client: OpenAI;
  /** Files and batches: resource level, never scoped to a deployment. */
  filesClient: OpenAI;
}

/** What the clients are built from. */
export interface AzureClientSettings {
  resourceUrl: string;
  surface: AzureSurface;
  credential: AzureCredential;
  defaultHeaders?: Record<string, string> | undefined;
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** What the SDK is told the key is when the real one goes in the `api-key` header (it never leaves the process). */
const HEADER_KEY_PLACEHOLDER = 'switchboard-azure-api-key-header';

/**
 * A fetch that sends the key as Azure's `api-key` header instead of `Authorization: Bearer`, resolving a key function
 * before every request (keys rotate). Done at the fetch level rather than by overriding the SDK's private auth
 * methods, whose shape differs between openai 6.x and 7.x.
 */
function apiKeyHeaderFetch(resolveKey: () => Promise<string>, baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.delete('authorization');
    headers.set('api-key', await resolveKey());
    return baseFetch(input, { ...init, headers });
  };
}

/** The dated operations whose URL names the deployment (`/openai/deployments/{deployment}/...`). */
const DEPLOYMENT_PATHS = new Set(['/chat/completions', '/embeddings', '/images/generations']);

/**
 * `AzureOpenAI` for dated API versions, routing deployment operations by the body's `model` (the deployment) and
 * leaving `model` out of the body: the dated request schemas have no such field, the URL carries it.
 */
class AzureDeploymentClient extends AzureOpenAI {
  override buildRequest(...[options, props]: Parameters<AzureOpenAI['buildRequest']>) {
    const body = options.body;
    if (DEPLOYMENT_PATHS.has(options.path) && isRecord(body) && typeof body.model === 'string') {
      const { model, ...rest } = body;
      return super.buildRequest(
        { ...options, path: `/deployments/${encodeURIComponent(model)}${options.path}`, body: rest },
        props,
      );
    }
    return super.buildRequest(options, props);
  }
}

/**
 * Builds the SDK clients, always with `maxRetries: 0` (retries belong to @switchboard/resilience). v1 GA: one `OpenAI`
 * client on `/openai/v1` (its files and batches URLs are resource level already). Dated: an `AzureOpenAI` client that
 * routes to `/openai/deployments/{deployment}/...`, and a plain resource-level one for `/openai/files` and
 * `/openai/batches`. Every `OPENAI_*` / `AZURE_OPENAI_*` default the SDK would read from the environment is set
 * explicitly, so nothing (an organization header, a clashing key) leaks in from there.
 */
export function createAzureClients(settings: AzureClientSettings): AzureClients {
  const { surface, credential } = settings;
  const apiKeyHeader = credential.kind === 'api-key';
  const fetchImpl = apiKeyHeader ? apiKeyHeaderFetch(credential.resolve, settings.fetch) : settings.fetch;
  const shared = {
    baseURL: azureBaseUrl(settings.resourceUrl, surface),
    organization: null,
    project: null,
    adminAPIKey: null,
    maxRetries: 0,
    ...(settings.dangerouslyAllowBrowser ? { dangerouslyAllowBrowser: true } : {}),
    ...(settings.defaultHeaders ? { defaultHeaders: settings.defaultHeaders } : {}),
    ...(settings.timeoutMs !== undefined ? { timeout: settings.timeoutMs } : {}),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  };
  if (surface.kind === 'v1') {
    const client = new OpenAI({
      ...shared,
      // With an api-key the fetch above replaces this header; a token provider is the bearer itself.
      apiKey: apiKeyHeader ? HEADER_KEY_PLACEHOLDER : credential.resolve,
      ...(surface.apiVersion ? { defaultQuery: { 'api-version': surface.apiVersion } } : {}),
    });
    return { client, filesClient: client };
  }
  // An explicit credential keeps AzureOpenAI from reading AZURE_OPENAI_API_KEY from the environment.
  const dated = {
    ...shared,
    apiVersion: surface.apiVersion,
    ...(apiKeyHeader ? { apiKey: HEADER_KEY_PLACEHOLDER } : { azureADTokenProvider: credential.resolve, apiKey: '' }),
  };
  return { client: new AzureDeploymentClient(dated), filesClient: new AzureOpenAI(dated) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
