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
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    conditions,
    external: [...(externalNodeBuiltins ? NODE_BUILTINS : []), ...external],
    logLevel: 'silent',
  });
}

/** A Vite library build (Rollup/Rolldown) of one entry, every dependency inlined, resolved as for browsers. */
export async function bundleWithVite(tools, root, entry, outDir) {
  const { build } = await import(pathToFileURL(toolModule(tools.bundlers, 'vite/dist/node/index.js')).href);
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: () => 'smoke.mjs' },
    },
  });
}
