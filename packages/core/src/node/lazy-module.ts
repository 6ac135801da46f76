import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * Returns a loader that imports an ES module synchronously on its first call (require(esm), Node ≥ 20.19) and then
 * returns it from memory, so a heavy dependency costs nothing until it is used. `resolve` returns the module's URL:
 * pass `() => import.meta.resolve('pkg')` so the caller's own dependency is found. Node keeps one instance per URL,
 * so the loader returns the very module a plain `import` of the same URL gives (same classes, same `instanceof`).
 *
 * @deprecated Node-only (createRequire, require of ESM): it hides the dependency from bundlers and fails on workers,
 * browsers and Node 22.0–22.11. Use a static import, or `await import()` where a module truly must be deferred. Moved
 * from the main entry to `@switchboard/core/node` so the main entry runs everywhere.
 */
export function lazyModule<T>(resolve: () => string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(fileURLToPath(resolve())) as T;
    return loaded;
  };
}
