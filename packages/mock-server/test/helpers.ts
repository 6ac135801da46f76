import OpenAI, { AzureOpenAI, toFile } from 'openai';
import { type MockServer, type MockServerOptions, startMockServer } from '../src/index.js';

/** The key tests use; servers started with `apiKeys: [TEST_KEY]` reject anything else. */
export const TEST_KEY = 'sk-test-mock-key-0001';

/** Starts a server that accepts only TEST_KEY unless told otherwise. */
export function startTestServer(options: MockServerOptions = {}): Promise<MockServer> {
  return startMockServer({ apiKeys: [TEST_KEY], ...options });
}

/** The official OpenAI client pointed at the mock (SDK retries off: the project owns retries). */
export function openaiClient(server: MockServer, apiKey = TEST_KEY): OpenAI {
  return new OpenAI({ baseURL: server.url, apiKey, maxRetries: 0, timeout: 10_000 });
}

/** The official Azure client on a dated api-version (deployment URLs). */
export function azureClient(server: MockServer, apiKey = TEST_KEY): AzureOpenAI {
  return new AzureOpenAI({
    endpoint: server.azureUrl,
    apiKey,
    apiVersion: '2024-10-21',
    maxRetries: 0,
    timeout: 10_000,
  });
}

/** The official OpenAI client on Azure's v1 GA surface (`/openai/v1`, deployment name as model, api-key header). */
export function azureV1Client(server: MockServer, apiKey = TEST_KEY): OpenAI {
  return new OpenAI({
    baseURL: `${server.azureUrl}/openai/v1`,
    apiKey,
    defaultHeaders: { 'api-key': apiKey },
    maxRetries: 0,
    timeout: 10_000,
  });
}

/** Drains an async iterable into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Raw fetch against the server (for bodies the SDK would not send). */
export function rawFetch(
  server: MockServer,
  path: string,
  init: RequestInit & { key?: string | null } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.key !== null) headers.set('authorization', `Bearer ${init.key ?? TEST_KEY}`);
  if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return fetch(`${server.origin}${path}`, { ...init, headers });
}

/** Lines as JSONL (strings are written as they are, for deliberately broken lines). */
export function jsonl(lines: unknown[]): string {
  return `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`;
}

/** Uploads text as a file through the SDK. */
export async function upload(
  client: OpenAI,
  text: string,
  name = 'input.jsonl',
  purpose: 'batch' | 'assistants' = 'batch',
) {
  return client.files.create({ file: await toFile(Buffer.from(text), name), purpose });
}
