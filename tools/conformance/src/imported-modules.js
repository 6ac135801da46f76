import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const hooksUrl = new URL('./module-log-hooks.js', import.meta.url).href;
const register = `import { register } from 'node:module'; register(${JSON.stringify(hooksUrl)});`;

/**
 * Imports `specifier` in a fresh Node process (from `cwd`, so it resolves as a user there would), runs `afterImport` (module
 * code with the imported namespace as `mod`), and returns the URL of every module resolved along the way.
 */
export function importedModules(specifier, { cwd = process.cwd(), afterImport = '' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-modules-'));
  const log = join(dir, 'modules.log');
  try {
    const code = `const mod = await import(${JSON.stringify(specifier)});\n${afterImport}`;
    execFileSync(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', code],
      { cwd, env: { ...process.env, SWITCHBOARD_MODULE_LOG: log }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when one of `urls` is inside the installed package `name` (`node_modules/<name>/`). */
export function includesPackage(urls, name) {
  return urls.some((url) => url.includes(`/node_modules/${name}/`));
}

/**
 * Checks that importing `specifier` loads none of the packages in `deferred`, and that running `firstUse` afterwards
 * loads each of `loadedByFirstUse`. Returns what it found: both lists are empty when all is as it should be.
 */
export function checkDeferredImports(specifier, { cwd, deferred, firstUse, loadedByFirstUse = deferred }) {
  const atImport = importedModules(specifier, { cwd });
  if (!atImport.some((url) => url.startsWith('file:'))) throw new Error(`importing ${specifier} loaded no module`);
  const afterUse = importedModules(specifier, { cwd, afterImport: firstUse });
  return {
    loadedAtImport: deferred.filter((name) => includesPackage(atImport, name)),
    notLoadedByFirstUse: loadedByFirstUse.filter((name) => !includesPackage(afterUse, name)),
  };
}

/**
 * Node-only module loading and Node built-ins in a package's runtime sources (every `.ts` under `srcDir` but tests
 * and `__fixtures__`): `from 'node:`, `Buffer.`, `createRequire`, `import.meta.resolve`, `require(`. Returns one
 * `file: pattern` line per finding, paths relative to `srcDir`; empty when the code runs on every runtime.
 */
export function nodeOnlyUsages(srcDir) {
  const patterns = [/from 'node:/, /\bBuffer\./, /createRequire/, /import\.meta\.resolve/, /\brequire\(/];
  const sources = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : sources(path);
      return entry.name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
    });
  return sources(srcDir).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return patterns
      .filter((pattern) => pattern.test(text))
      .map((pattern) => `${file.slice(srcDir.length).replace(/^[\\/]/, '')}: ${pattern.source}`);
  });
}
