// `pnpm test:runtimes`: packs the runtime packages, installs them outside the workspace, and runs one smoke program
// against @switchboard/mock-server on every runtime cell. Every cell ends PASS or FAIL (a cell that cannot run
// fails with the reason); the table at the end lists cell, result and seconds, and the exit code is non-zero when
// any cell failed. Runtimes and build tools are cached in .cache/runtimes (see toolchain.json).
//
// Environment: RUNTIMES_CELLS=name,name (substring match) runs a subset; RUNTIMES_KEEP=1 keeps the work folder.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { browserCell } from './cells/browser.mjs';
import { bundleCells } from './cells/bundles.mjs';
import { cliCells } from './cells/cli-runtimes.mjs';
import { workerdCells } from './cells/workerd.mjs';
import { loadMockServer } from './mock.mjs';
import { packAndInstall } from './pack-install.mjs';
import { installToolchain } from './toolchain.mjs';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const cacheDir = join(repoRoot, '.cache', 'runtimes');
const artifactsDir = join(repoRoot, '.cache', 'artifacts', 'runtimes');
const CELL_LIMIT_MS = 240_000;
const log = (message) => console.log(`[runtimes] ${message}`);

const allCells = [...cliCells, ...workerdCells, browserCell, ...bundleCells];
const wanted = process.env.RUNTIMES_CELLS?.split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);
const cells = wanted ? allCells.filter((cell) => wanted.some((w) => cell.name.toLowerCase().includes(w))) : allCells;
if (cells.length === 0) {
  console.error(
    `RUNTIMES_CELLS=${process.env.RUNTIMES_CELLS} matches no cell; cells: ${allCells.map((c) => c.name).join(', ')}`,
  );
  process.exit(2);
}

// A cell abandoned at its time limit may still fail later (its folder is gone by then): say so, do not crash.
process.on('unhandledRejection', (error) => log(`late error from an abandoned cell: ${error?.message ?? error}`));

const matrixStarted = Date.now();
const workDir = mkdtempSync(join(tmpdir(), 'switchboard-runtimes-'));
const rows = [];
try {
  mkdirSync(cacheDir, { recursive: true });
  log('installing runtimes and build tools (cached) and packing the packages…');
  const [tools, installed] = await Promise.all([installToolchain(cacheDir, log), packAndInstall(repoRoot, workDir)]);
  log(`packages installed outside the workspace in ${installed.app} (${secondsSince(matrixStarted)} s)`);
  const startMock = await loadMockServer(installed.app);
  for (const cell of cells) {
    const started = Date.now();
    log(`cell ${cell.name}…`);
    let row;
    try {
      const outcome = await withCellLimit(cell.run({ app: installed.app, tools, startMock, workDir, artifactsDir }));
      const failed = outcome.checks.filter((check) => !check.ok);
      row = {
        cell: cell.name,
        ok: outcome.checks.length > 0 && failed.length === 0,
        checks: outcome.checks,
        notes: outcome.notes ?? [],
        version: outcome.version,
      };
      if (outcome.checks.length === 0) row.checks = [{ name: 'cell', ok: false, error: 'the cell ran no check' }];
    } catch (error) {
      row = { cell: cell.name, ok: false, checks: [{ name: 'cell', ok: false, error: error.message }], notes: [] };
    }
    row.seconds = secondsSince(started);
    rows.push(row);
    printCell(row);
  }
} catch (error) {
  console.error(`\nThe matrix could not start: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  if (process.env.RUNTIMES_KEEP) log(`work folder kept: ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
}

printTable(rows);
if (rows.length < cells.length || rows.some((row) => !row.ok)) process.exitCode = 1;

/** A cell that hangs fails after CELL_LIMIT_MS and the matrix goes on (its processes have their own limits). */
function withCellLimit(running) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the cell did not finish within ${CELL_LIMIT_MS / 1000} s`)),
      CELL_LIMIT_MS,
    );
  });
  return Promise.race([running, limit]).finally(() => clearTimeout(timer));
}

function printCell(row) {
  console.log(`  ${row.ok ? 'PASS' : 'FAIL'} ${row.cell}${row.version ? ` (${row.version})` : ''} in ${row.seconds} s`);
  for (const check of row.checks) {
    console.log(
      `    ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.ok ? `: ${check.detail ?? ''}` : `: ${check.error}`}`,
    );
  }
  for (const note of row.notes) console.log(`    note: ${note}`);
}

function printTable(results) {
  const width = Math.max(4, ...results.map((row) => row.cell.length));
  console.log('\nRuntime matrix');
  console.log(`${'cell'.padEnd(width)}  result  seconds  failed checks`);
  for (const row of results) {
    const failed = row.checks.filter((check) => !check.ok).map((check) => check.name);
    console.log(
      `${row.cell.padEnd(width)}  ${(row.ok ? 'PASS' : 'FAIL').padEnd(6)}  ${String(row.seconds).padStart(7)}  ${failed.join(', ')}`,
    );
  }
  const passed = results.filter((row) => row.ok).length;
  console.log(`total ${secondsSince(matrixStarted)} s`);
  // The plain closing line CI reads: one line, counts of cells.
  console.log(`runtimes: ${passed} passed, ${cells.length - passed} failed`);
}

function secondsSince(start) {
  return Math.round((Date.now() - start) / 100) / 10;
}
