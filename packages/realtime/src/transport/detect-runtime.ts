/** Where the code runs, as far as the choice of WebSocket and the exposure of keys go. */
export type RuntimeKind = 'node' | 'bun' | 'deno' | 'browser' | 'worker';

interface RuntimeGlobals {
  Deno?: { version?: { deno?: unknown } };
  Bun?: unknown;
  window?: { document?: unknown };
  importScripts?: unknown;
  process?: { versions?: { node?: unknown } };
}

/**
 * The runtime, from its globals. Bun and Deno are checked first because both also present `process.versions.node`;
 * a page or a browser web worker is `browser` (anything there is visible to the user); other runtimes without Node's
 * `process` (Cloudflare workerd, edge runtimes) are `worker`.
 */
export function detectRuntime(globals: RuntimeGlobals = globalThis as RuntimeGlobals): RuntimeKind {
  if (typeof globals.Deno?.version?.deno === 'string') return 'deno';
  if (globals.Bun !== undefined) return 'bun';
  if (typeof globals.window?.document === 'object' || typeof globals.importScripts === 'function') return 'browser';
  if (typeof globals.process?.versions?.node === 'string') return 'node';
  return 'worker';
}
