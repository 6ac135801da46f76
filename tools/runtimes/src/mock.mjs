// One mock server per cell (faults installed by one cell cannot reach another), started in the harness process on
// 127.0.0.1 from the packed @switchboard/mock-server, with CORS for the browser page when the package offers it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const API_KEY = 'sk-runtime-matrix';

/** tiktoken's lite WASM as installed with the packages: the file bundles, workers and the page are given. */
export function tiktokenWasmPath(app) {
  return join(app, 'node_modules', 'tiktoken', 'lite', 'tiktoken_bg.wasm');
}

export async function loadMockServer(app) {
  const entry = join(app, 'node_modules', '@switchboard', 'mock-server', 'dist', 'index.js');
  const { startMockServer } = await import(pathToFileURL(entry).href);
  return async function startMock({ corsOrigin } = {}) {
    const base = { apiKeys: [API_KEY] };
    let server;
    let corsNote = '';
    if (corsOrigin) {
      try {
        server = await startMockServer({ ...base, cors: true });
      } catch (error) {
        corsNote = `startMockServer({ cors: true }) threw (${String(error.message).split('\n')[0]}); started without it. `;
        server = await startMockServer(base);
      }
    } else {
      server = await startMockServer(base);
    }
    const origin = server.origin ?? new URL(server.url).origin;
    if (corsOrigin) corsNote += await checkCors(origin, corsOrigin);
    return { origin, server, corsNote: corsNote.trim(), close: () => server.close() };
  };
}

/** A browser's preflight for a JSON POST with a bearer key; '' when the mock allows it, else what is missing. */
async function checkCors(origin, pageOrigin) {
  const response = await fetch(`${origin}/v1/chat/completions`, {
    method: 'OPTIONS',
    headers: {
      origin: pageOrigin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
  const allowOrigin = response.headers.get('access-control-allow-origin');
  if (allowOrigin === '*' || allowOrigin === pageOrigin) return '';
  return `the mock server answers a CORS preflight from ${pageOrigin} with HTTP ${response.status} and no matching access-control-allow-origin (got ${allowOrigin ?? 'none'})`;
}
