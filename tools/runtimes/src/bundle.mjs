// Bundles the smoke with the build tools from the toolchain cache (esbuild, Vite), the way an application would.
import { builtinModules } from 'node:module';
import { pathToFileURL } from 'node:url';
import { toolModule } from './toolchain.mjs';

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node:*'];

async function esbuildOf(tools) {
  return import(pathToFileURL(toolModule(tools.bundlers, 'esbuild/lib/main.js')).href);
}

/**
 * An ESM bundle for Node: dependencies inlined. CommonJS dependencies that `require()` Node builtins (ws) need a
 * `require` in an ESM bundle; the banner is esbuild's documented recipe that applications use, not a workaround
 * for our packages.
 */
export async function bundleForNode(tools, entry, outfile) {
  const esbuild = await esbuildOf(tools);
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    banner: {
      js: "import { createRequire as __smokeRequire } from 'node:module'; const require = __smokeRequire(import.meta.url);",
    },
  });
}

/**
 * An ESM bundle for browsers or workers (with their conditions). A browser build must not need Node builtins, so by
 * default esbuild fails on one; workers list them as external so workerd itself reports a module it lacks.
 */
export async function bundleForBrowser(
  tools,
  entry,
  outfile,
  { conditions = [], external = [], externalNodeBuiltins = false } = {},
) {
  const esbuild = await esbuildOf(tools);
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    conditions,
    external: [...(externalNodeBuiltins ? NODE_BUILTINS : []), ...external],
    logLevel: 'silent',
    metafile: true,
  });
  const nodeBuiltins = nodeBuiltinImporters(result.metafile);
  return { nodeBuiltins, notes: builtinNotes(nodeBuiltins) };
}

/** Which bundled files import which Node builtin (left external), e.g. { 'node:util': ['@switchboard/core/dist/...'] }. */
function nodeBuiltinImporters(metafile) {
  const importers = {};
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      if (!imported.external || !NODE_BUILTINS.includes(imported.path)) continue;
      importers[imported.path] ??= [];
      importers[imported.path].push(file.replace(/^.*node_modules\//, ''));
    }
  }
  return importers;
}

/** A Vite library build (Rollup/Rolldown) of one entry, every dependency inlined, resolved as for browsers. */
export async function bundleWithVite(tools, root, entry, outDir) {
  const { build } = await import(pathToFileURL(toolModule(tools.bundlers, 'vite/dist/node/index.js')).href);
  const warnings = [];
  const keep = (message) => warnings.push(String(message).split('\n')[0]);
  const customLogger = {
    hasWarned: false,
    info() {},
    warn: keep,
    warnOnce: keep,
    error: keep,
    clearScreen() {},
    hasErrorLogged: () => false,
  };
  await build({
    root,
    configFile: false,
    customLogger,
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: () => 'smoke.mjs' },
    },
  });
  // Vite turns Node builtins into stubs for browser builds and says so in a warning: those name the culprits.
  const nodeBuiltins = {};
  const other = [];
  for (const warning of warnings) {
    const match = /Module "([^"]+)" has been externalized.*imported by "([^"]+)"/.exec(warning);
    if (!match) {
      other.push(warning);
      continue;
    }
    nodeBuiltins[match[1]] ??= [];
    nodeBuiltins[match[1]].push(match[2].replace(/^.*node_modules\//, ''));
  }
  return { notes: [...builtinNotes(nodeBuiltins), ...other.slice(0, 5)] };
}

/** One line per Node builtin a bundle needs, naming the package files that import it. */
export function builtinNotes(nodeBuiltins) {
  return Object.entries(nodeBuiltins).map(
    ([builtin, files]) =>
      `imports ${builtin}: ${files.slice(0, 3).join(', ')}${files.length > 3 ? ` +${files.length - 3} more` : ''}`,
  );
}

/** esbuild's errors grouped by message, each with the first package file that caused it (one line per cause). */
export function describeBuildError(error) {
  if (!Array.isArray(error.errors) || error.errors.length === 0)
    return `build failed: ${String(error.message).split('\n')[0]}`;
  const causes = new Map();
  for (const item of error.errors) {
    const file = item.location?.file?.replace(/^.*node_modules\//, '') ?? '?';
    if (!causes.has(item.text)) causes.set(item.text, []);
    causes.get(item.text).push(file);
  }
  const lines = [...causes].map(
    ([text, files]) => `${text} (from ${files[0]}${files.length > 1 ? ` +${files.length - 1} more` : ''})`,
  );
  return `build failed with ${error.errors.length} errors: ${lines.join('; ')}`;
}
