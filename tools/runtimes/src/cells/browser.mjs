// A page in Debian's Chromium: the smoke bundled by esbuild for browsers, served from one origin and talking to the
// mock server on another (so CORS is exercised), driven by playwright-core with the system browser. The page
// streams an answer; the harness keeps a screenshot. Realtime uses a short-lived client secret minted server-side.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleForBrowser, describeBuildError } from '../bundle.mjs';
import { API_KEY, tiktokenWasmPath } from '../mock.mjs';
import { serveFolder } from '../static-server.mjs';
import { toolModule } from '../toolchain.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const browserCell = {
  name: 'chromium page',
  async run({ app, tools, startMock, workDir, artifactsDir }) {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`,
      );
    }
    const dir = join(workDir, 'browser');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(app, 'smoke', 'page.html'), join(dir, 'page.html'));
    copyFileSync(tiktokenWasmPath(app), join(dir, 'tiktoken_bg.wasm'));
    try {
      await bundleForBrowser(tools, join(app, 'smoke', 'browser-entry.mjs'), join(dir, 'page.js'));
    } catch (error) {
      return { checks: [{ name: 'bundle', ok: false, error: describeBuildError(error) }] };
    }
    const site = await serveFolder(dir);
    const mock = await startMock({ corsOrigin: site.origin });
    const profile = mkdtempSync(join(tmpdir(), 'switchboard-chromium-'));
    const { chromium } = await import(pathToFileURL(toolModule(tools.bundlers, 'playwright-core/index.mjs')).href);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1000, height: 800 },
    });
    const pageErrors = [];
    const uncaught = [];
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => {
        pageErrors.push(`pageerror: ${error.message}`);
        uncaught.push(error);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
      });
      const secret = await mintClientSecret(app, mock.origin);
      const config = {
        mockOrigin: mock.origin,
        apiKey: API_KEY,
        realtime: true,
        providerOptions: { dangerouslyAllowBrowser: true },
        ...secret,
      };
      await page.goto(`${site.origin}/page.html#${encodeURIComponent(JSON.stringify(config))}`);
      const result = await waitForResult(page, uncaught);
      const screenshot = join(artifactsDir, 'chromium-page.png');
      mkdirSync(artifactsDir, { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
      const checks = result?.checks ?? [
        {
          name: 'page',
          ok: false,
          error: `no result within 120 s: ${pageErrors.slice(0, 4).join(' | ') || 'no page error'}`,
        },
      ];
      if (mock.corsNote) checks.push({ name: 'cors', ok: false, error: mock.corsNote });
      return { checks, notes: [`screenshot: ${screenshot}`, ...pageErrors.slice(0, 3)] };
    } finally {
      await context.close();
      await site.close();
      await mock.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
};

/**
 * The server-side half of browser realtime: the packed OpenAI provider mints a short-lived client secret
 * (`provider.realtime.createClientSecret`, POST /v1/realtime/client_secrets on the mock); the page gets only that.
 */
async function mintClientSecret(app, origin) {
  try {
    const entry = join(app, 'node_modules', '@switchboard', 'openai', 'dist', 'index.js');
    const { createOpenAIProvider } = await import(pathToFileURL(entry).href);
    const provider = createOpenAIProvider({ apiKey: API_KEY, baseURL: `${origin}/v1` });
    if (typeof provider.realtime?.createClientSecret !== 'function') {
      return {
        realtimeClientSecretError: 'the OpenAI provider has no realtime.createClientSecret to mint a client secret',
      };
    }
    const secret = await provider.realtime.createClientSecret({ model: 'gpt-realtime', expiresAfterSeconds: 600 });
    return { realtimeClientSecret: JSON.parse(JSON.stringify(secret)) };
  } catch (error) {
    return { realtimeClientSecretError: `minting a client secret failed: ${String(error.message).split('\n')[0]}` };
  }
}

async function waitForResult(page, uncaught) {
  const deadline = Date.now() + 120_000;
  let loadedWithErrorsAt;
  while (Date.now() < deadline) {
    const result = await page.evaluate(() => window.__smokeResult ?? null);
    if (result) return result;
    // A module that fails to load never runs: give it a moment after the first error, then stop waiting.
    if (uncaught.length > 0) {
      loadedWithErrorsAt ??= Date.now();
      if (Date.now() - loadedWithErrorsAt > 5_000) return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}
