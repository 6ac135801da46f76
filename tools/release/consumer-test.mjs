// Proves "install only the packages you need" the way a user does it: packs the packages into tarballs, creates
// projects in a temporary folder outside the workspace, installs only some packages from the tarballs with plain npm,
// type-checks a script with tsc and runs it against the mock server (installed the same way). Runs on this Node
// (the oldest supported, 20) with the openai 6.x the lockfile pins, and on Node 24 (the registry's `node` package)
// with the latest openai 7.x. Prints each install's footprint. Needs `pnpm build` first.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishablePackages } from './packages.mjs';

const NODE24 = process.env.CONSUMER_NODE24_VERSION ?? '24';
const scenarios = [
  { name: 'openai', script: 'openai-consumer.ts', packages: ['core', 'openai', 'resilience'] },
  { name: 'azure', script: 'azure-consumer.ts', packages: ['core', 'azure'] },
  { name: 'tokenizer', script: 'tokenizer-consumer.ts', packages: ['core', 'tokenizer'], noServer: true },
];

const work = mkdtempSync(join(tmpdir(), 'switchboard-consumer-'));
const npm = (args, cwd, env = {}) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });

try {
  const tarballs = packAll(join(work, 'tarballs'));
  const node24 = installNode24(join(work, 'node24'));
  const runtimes = [
    { label: `node ${process.versions.node}`, node: process.execPath, openai: undefined },
    {
      label: `node ${execFileSync(node24, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()}`,
      node: node24,
      openai: '^7',
    },
  ];
  const rows = [];
  for (const runtime of runtimes) {
    for (const scenario of scenarios) {
      const dir = join(work, `${scenario.name}-${runtime.openai ? 'node24' : 'node20'}`);
      rows.push({ runtime: runtime.label, scenario: scenario.name, ...runScenario(dir, scenario, runtime, tarballs) });
    }
  }
  console.log('\nConsumer installs (runtime dependencies only, before the dev tools are added):');
  for (const row of rows) {
    console.log(
      `  ${row.runtime.padEnd(12)} ${row.scenario.padEnd(10)} ${String(row.packages).padStart(4)} packages ${row.megabytes.toFixed(1).padStart(6)} MB   ${row.output}`,
    );
  }
  console.log('Every consumer installed, type-checked and ran.');
} finally {
  rmSync(work, { recursive: true, force: true });
}

function packAll(out) {
  mkdirSync(out, { recursive: true });
  const tarballs = {};
  for (const { dir, manifest } of publishablePackages()) {
    const packed = JSON.parse(
      execFileSync('pnpm', ['pack', '--pack-destination', out, '--json'], { cwd: dir, encoding: 'utf8' }),
    );
    tarballs[manifest.name.replace('@switchboard/', '')] = packed.filename;
  }
  return tarballs;
}

function installNode24(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}');
  npm(['install', `node@${NODE24}`], dir);
  return join(dir, 'node_modules', 'node', 'bin', 'node');
}

function runScenario(dir, scenario, runtime, tarballs) {
  mkdirSync(dir, { recursive: true });
  const wanted = [...scenario.packages, ...(scenario.noServer ? [] : ['mock-server'])];
  // Every @switchboard package resolves to its tarball, even as a dependency of another one.
  const overrides = Object.fromEntries(
    Object.entries(tarballs).map(([name, file]) => [`@switchboard/${name}`, `file:${file}`]),
  );
  if (runtime.openai) overrides.openai = runtime.openai;
  const manifest = {
    name: `consumer-${scenario.name}`,
    private: true,
    type: 'module',
    dependencies: Object.fromEntries(wanted.map((name) => [`@switchboard/${name}`, `file:${tarballs[name]}`])),
    overrides,
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  const env = { PATH: `${join(runtime.node, '..')}:${process.env.PATH}` };
  npm(['install'], dir, env);
  const footprint = measure(join(dir, 'node_modules'));
  npm(['install', '--save-dev', 'typescript@7', '@types/node@20'], dir, env);
  copyFileSync(join(import.meta.dirname, 'consumers', scenario.script), join(dir, 'index.ts'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        outDir: 'out',
        types: ['node'],
        skipLibCheck: false,
      },
      include: ['index.ts'],
    }),
  );
  execFileSync(runtime.node, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], {
    cwd: dir,
    stdio: 'inherit',
  });
  const output = execFileSync(runtime.node, [join(dir, 'out', 'index.js')], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  }).trim();
  return { ...footprint, output };
}

function measure(nodeModules) {
  let packages = 0;
  let bytes = 0;
  const walk = (dir, depthInPackage) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === '.bin') continue;
        const isScope = entry.name.startsWith('@') && depthInPackage === 0;
        if (!isScope && depthInPackage === 0) packages += 1;
        walk(path, isScope ? 0 : entry.name === 'node_modules' ? 0 : depthInPackage + 1);
      } else if (entry.isFile()) bytes += statSync(path).size;
    }
  };
  walk(nodeModules, 0);
  return { packages, megabytes: bytes / 1024 / 1024 };
}
