import type { OpenAI } from 'openai';
import type { OpenAITransport } from '../http/transport.js';

/** The openai SDK module, loaded on first use by the Batch API (the only part that still goes through the SDK). */
export type OpenAISdk = typeof import('openai');

let sdkModule: Promise<OpenAISdk> | undefined;

/** Loads the openai SDK once, on first need: importing the package and every inference call never load it. */
export function loadOpenAISdk(): Promise<OpenAISdk> {
  sdkModule ??= import('openai');
  return sdkModule;
}

/** What the SDK is told the key is; the real auth headers replace it at the fetch level and never leave the process. */
const PLACEHOLDER_KEY = 'switchboard-transport-auth';

/**
 * An SDK client for files and batches over a transport description: same base URL, default query (Azure's
 * `api-version`), default headers, headers timeout and `fetch`; the transport's auth headers, resolved per request,
 * replace the SDK's own `Authorization`. Built with `maxRetries: 0` (retries belong to @switchboard/resilience) and
 * every environment default set explicitly, so nothing (an organization header, a clashing key) leaks in.
 */
export async function createFilesClient(transport: OpenAITransport): Promise<OpenAI> {
  const { OpenAI: Client } = await loadOpenAISdk();
  const authFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.delete('authorization');
    const signal = init?.signal ?? undefined;
    for (const [name, value] of Object.entries(await transport.auth(signal))) headers.set(name, value);
    return (transport.fetch ?? globalThis.fetch)(input, { ...init, headers });
  };
  return new Client({
    apiKey: PLACEHOLDER_KEY,
    baseURL: transport.baseURL,
    organization: null,
    project: null,
    adminAPIKey: null,
    maxRetries: 0,
    // The provider's options already refused a browser without dangerouslyAllowBrowser (see browser-guard).
    dangerouslyAllowBrowser: true,
    fetch: authFetch,
    ...(transport.defaultQuery ? { defaultQuery: transport.defaultQuery } : {}),
    ...(transport.defaultHeaders ? { defaultHeaders: transport.defaultHeaders } : {}),
    ...(transport.timeoutMs !== undefined ? { timeout: transport.timeoutMs } : {}),
  });
}
