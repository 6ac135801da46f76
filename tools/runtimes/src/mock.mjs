// One mock server per cell (faults installed by one cell cannot reach another), started in the harness process on
// 127.0.0.1 from the packed @switchboard/mock-server, with CORS for the browser page when the package offers it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const API_KEY = 'sk-runtime-matrix';

export async function loadMockServer(app) {
  const entry = join(app, 'node_modules', '@switchboard', 'mock-server', 'dist', 'index.js');
  const { startMockServer } = await import(pathToFileURL(entry).href);
  return async function startMock({ cors = false } = {}) {
    const base = { apiKeys: [API_KEY] };
    let server;
    let corsNote = '';
    if (cors) {
      try {
        server = await startMockServer({ ...base, cors: { origins: '*' } });
      } catch (error) {
        corsNote = `mock-server has no cors option (${error.message.split('\n')[0]}); started without CORS`;
        server = await startMockServer(base);
      }
    } else {
      server = await startMockServer(base);
    }
    return { origin: server.origin ?? new URL(server.url).origin, server, corsNote, close: () => server.close() };
  };
}
