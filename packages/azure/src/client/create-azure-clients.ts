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
}

// biome-ignore lint/suspicious/noExplicitAny: a mixin's base constructor must accept any arguments
type ClientClass = new (...args: any[]) => OpenAI;

/**
 * Makes an SDK client send its key as Azure's `api-key` header instead of `Authorization: Bearer`, as `AzureOpenAI`
 * does for a fixed key, but also for a key function: the SDK still calls it before every request (keys rotate).
 */
function withApiKeyHeader<C extends ClientClass>(Base: C) {
  return class ApiKeyClient extends Base {
    protected override async authHeaders(...args: Parameters<OpenAI['authHeaders']>) {
      // Asked for no scheme, the SDK returns its own empty header set, which is then filled with the key.
      const headers = await super.authHeaders(args[0], {});
      headers?.values.set('api-key', this.apiKey ?? '');
      return headers;
    }
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

const ApiKeyOpenAI = withApiKeyHeader(OpenAI);
const ApiKeyAzureOpenAI = withApiKeyHeader(AzureOpenAI);
const ApiKeyDeploymentClient = withApiKeyHeader(AzureDeploymentClient);

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
  const shared = {
    baseURL: azureBaseUrl(settings.resourceUrl, surface),
    organization: null,
    project: null,
    adminAPIKey: null,
    maxRetries: 0,
    ...(settings.defaultHeaders ? { defaultHeaders: settings.defaultHeaders } : {}),
    ...(settings.timeoutMs !== undefined ? { timeout: settings.timeoutMs } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  };
  if (surface.kind === 'v1') {
    const Client = apiKeyHeader ? ApiKeyOpenAI : OpenAI;
    const client = new Client({
      ...shared,
      apiKey: credential.resolve,
      ...(surface.apiVersion ? { defaultQuery: { 'api-version': surface.apiVersion } } : {}),
    });
    return { client, filesClient: client };
  }
  const dated = {
    ...shared,
    apiVersion: surface.apiVersion,
    azureADTokenProvider: credential.resolve,
    // An explicit empty key keeps AzureOpenAI from reading AZURE_OPENAI_API_KEY, which would clash with the function.
    apiKey: '',
  };
  const client = new (apiKeyHeader ? ApiKeyDeploymentClient : AzureDeploymentClient)(dated);
  const filesClient = new (apiKeyHeader ? ApiKeyAzureOpenAI : AzureOpenAI)(dated);
  return { client, filesClient };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
