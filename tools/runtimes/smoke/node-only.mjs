// Checks for the Node-only parts (the mock server in process, the Node-only entry points with file paths, file-based
// batch helpers): run on Node, Bun and Deno only, never bundled for browsers or workers.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError } from './smoke.mjs';

export async function runNodeOnlySmoke({ mockOrigin, apiKey }) {
  const checks = [];
  const check = async (name, body) => {
    const started = Date.now();
    try {
      checks.push({ name, ok: true, detail: String((await body()) ?? ''), ms: Date.now() - started });
    } catch (error) {
      checks.push({ name, ok: false, error: describeError(error), ms: Date.now() - started });
    }
  };

  await check('mock-server-in-process', async () => {
    // Imported here so a mock-server problem on this runtime fails this check, not the runtime packages' ones.
    const { startMockServer } = await import('@switchboard/mock-server');
    const server = await startMockServer({ apiKeys: ['sk-in-process'] });
    try {
      const response = await fetch(`${server.url}/models`, { headers: { authorization: 'Bearer sk-in-process' } });
      const body = await response.json();
      if (!response.ok || !Array.isArray(body.data)) throw new Error(`GET /v1/models: HTTP ${response.status}`);
      return `${body.data.length} models`;
    } finally {
      await server.close();
    }
  });

  await check('core-node-entry', async () => {
    const coreNode = await import('@switchboard/core/node');
    const names = Object.keys(coreNode).filter((name) => typeof coreNode[name] === 'function');
    if (names.length === 0) throw new Error('@switchboard/core/node exports no function');
    return names.join(', ');
  });

  await check('batch-files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-smoke-'));
    try {
      const input = join(dir, 'requests.jsonl');
      const checkpoint = join(dir, 'run.ckpt.jsonl');
      const lines = [1, 2].map((n) =>
        JSON.stringify({
          customId: `f${n}`,
          request: { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: `File ${n}` }] },
        }),
      );
      await writeFile(input, `${lines.join('\n')}\n`);
      // The Node entry: the main entry's API with the file-based parts (JSONL paths, checkpoint files) registered.
      const { readBatchRequests, runBatch } = await import('@switchboard/batch/node');
      const { createOpenAIProvider } = await import('@switchboard/openai');
      const provider = createOpenAIProvider({ apiKey, baseURL: `${mockOrigin}/v1` });
      const run = runBatch(provider, readBatchRequests(input), { concurrency: 2, checkpoint });
      const { results } = await run.collect();
      const saved = (await readFile(checkpoint, 'utf8')).trim().split('\n').length;
      if (results.filter((r) => r.ok).length !== 2) throw new Error('not every file request succeeded');
      if (saved < 2) throw new Error(`checkpoint holds ${saved} lines`);
      return `2/2 from JSONL, checkpoint ${saved} lines`;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  return { ok: checks.every((c) => c.ok), checks };
}
