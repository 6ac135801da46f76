// `pnpm bench` for issue 11: each package's cold import time and install footprint, beside the Vercel AI SDK
// (`ai` + `@ai-sdk/openai`) and `@langchain/openai` installed the same way (plain npm into a throwaway project).
// Import times are medians of several fresh `node` processes; machines here are shared, so compare the ratios.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishablePackages } from './packages.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const work = mkdtempSync(join(tmpdir(), 'switchboard-footprint-'));
const npm = (args, cwd) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });

try {
  const tarballs = {};
  for (const { dir, manifest } of publishablePackages()) {
    const packed = JSON.parse(
      execFileSync('pnpm', ['pack', '--pack-destination', join(work, 'tarballs'), '--json'], {
        cwd: dir,
        encoding: 'utf8',
      }),
    );
    tarballs[manifest.name] = packed.filename;
  }
  const overrides = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
  const sets = [
    {
      label: 'switchboard core + openai',
      deps: ['@switchboard/core', '@switchboard/openai'],
      imports: ['@switchboard/openai'],
    },
    {
      label: 'switchboard core + azure',
      deps: ['@switchboard/core', '@switchboard/azure'],
      imports: ['@switchboard/azure'],
    },
    {
      label: 'switchboard + resilience',
      deps: ['@switchboard/core', '@switchboard/openai', '@switchboard/resilience'],
      imports: ['@switchboard/resilience'],
    },
    { label: 'ai + @ai-sdk/openai', deps: ['ai', '@ai-sdk/openai'], imports: ['ai', '@ai-sdk/openai'], registry: true },
    {
      label: '@langchain/openai',
      deps: ['@langchain/openai', '@langchain/core'],
      imports: ['@langchain/openai'],
      registry: true,
    },
  ];
  const rows = [];
  for (const set of sets) {
    const dir = join(work, set.label.replace(/[^a-z0-9]+/gi, '-'));
    mkdirSync(dir, { recursive: true });
    const dependencies = Object.fromEntries(
      set.deps.map((name) => [name, set.registry ? 'latest' : `file:${tarballs[name]}`]),
    );
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ private: true, type: 'module', dependencies, overrides }),
    );
    try {
      npm(['install'], dir);
    } catch (error) {
      rows.push({ label: set.label, error: `install failed: ${String(error.message).split('\n')[0]}` });
      continue;
    }
    rows.push({
      label: set.label,
      ...footprint(join(dir, 'node_modules')),
      importMs: medianImportMs(dir, set.imports),
    });
  }
  const allDir = join(work, 'all');
  mkdirSync(allDir, { recursive: true });
  writeFileSync(
    join(allDir, 'package.json'),
    JSON.stringify({ private: true, type: 'module', dependencies: overrides, overrides }),
  );
  npm(['install'], allDir);

  console.log(`\nInstall footprint and cold import time (median of ${RUNS} fresh processes):`);
  const baseline = rows.find((r) => r.label === 'switchboard core + openai');
  for (const row of rows) {
    if (row.error) {
      console.log(`  ${row.label.padEnd(28)} ${row.error}`);
      continue;
    }
    // Only the other libraries are compared with the reference install (core + openai).
    const ratio =
      baseline && !row.label.startsWith('switchboard')
        ? `  (${(row.megabytes / baseline.megabytes).toFixed(1)}× the size and ${(row.importMs / baseline.importMs).toFixed(1)}× the import time of switchboard core + openai)`
        : '';
    console.log(
      `  ${row.label.padEnd(28)} ${String(row.packages).padStart(4)} packages ${row.megabytes.toFixed(1).padStart(6)} MB   import ${row.importMs.toFixed(1).padStart(6)} ms${ratio}`,
    );
  }
  console.log('\nCold import time per package (target < 50 ms each):');
  for (const { manifest } of publishablePackages()) {
    const ms = medianImportMs(allDir, [manifest.name]);
    console.log(`  ${manifest.name.padEnd(28)} ${ms.toFixed(1).padStart(6)} ms ${ms < 50 ? 'ok' : 'OVER 50 ms'}`);
  }
  // Reference lines: what the heavy dependencies cost on their own. The packages load them on first use (a provider
  // created, a schema used, a socket or circuit opened), so a package's import time no longer includes them.
  console.log('\nThird-party dependencies loaded on first use (their own cold import time, for reference):');
  for (const name of ['zod', 'openai', 'ws', 'cockatiel']) {
    const ms = medianImportMs(allDir, [name]);
    console.log(`  ${name.padEnd(28)} ${ms.toFixed(1).padStart(6)} ms`);
  }
  const firstUse = medianImportMs(
    allDir,
    ['@switchboard/openai'],
    "mod.createOpenAIProvider({ apiKey: 'sk-bench', baseURL: 'http://127.0.0.1:9/v1' });",
  );
  console.log(
    `  ${'import + createOpenAIProvider'.padEnd(28)} ${firstUse.toFixed(1).padStart(6)} ms (zod and the SDK load here)`,
  );
  // The encoder is WASM loaded on first use: importing must be cheap, the first count pays for the load.
  const lazy = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const t = await import('@switchboard/tokenizer'); const a = process.memoryUsage().rss; const s = performance.now(); t.countTokens('hello', { model: 'gpt-4o' }); console.log(JSON.stringify({ importRss: a, firstCountMs: performance.now() - s, afterRss: process.memoryUsage().rss }));",
    ],
    { cwd: allDir, encoding: 'utf8' },
  );
  const lazyResult = JSON.parse(lazy.stdout.trim());
  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `  tokenizer: RSS ${mb(lazyResult.importRss)} MB after import, ${mb(lazyResult.afterRss)} MB after the first count (encoder loaded then, ${lazyResult.firstCountMs.toFixed(0)} ms)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

function medianImportMs(cwd, specifiers, firstUse = '') {
  const imports = specifiers.map((s) => `mod = await import(${JSON.stringify(s)});`).join(' ');
  const script = `let mod; const t = performance.now(); ${imports} ${firstUse} console.log(performance.now() - t);`;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`import of ${specifiers.join(', ')} failed: ${run.stderr}`);
    times.push(Number(run.stdout.trim()));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function footprint(nodeModules) {
  let packages = 0;
  let bytes = 0;
  const walk = (dir, top) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === '.bin') continue;
        const scope = top && entry.name.startsWith('@');
        if (top && !scope) packages += 1;
        walk(path, scope || entry.name === 'node_modules');
      } else if (entry.isFile()) bytes += statSync(path).size;
    }
  };
  walk(nodeModules, true);
  return { packages, megabytes: bytes / 1024 / 1024 };
}
