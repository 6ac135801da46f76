import { createRequire } from 'node:module';
import type * as Ws from 'ws';

const require = createRequire(import.meta.url);
let loaded: typeof Ws | undefined;

/**
 * `ws`, loaded synchronously when the first server attaches realtime rather than at import. `ws` is CommonJS (its
 * ESM entry wraps the same module), so `require` gives the instance an `import 'ws'` would; it works on Node 20.19+,
 * 22 and 24, Bun and Deno alike. This package is a Node test tool, not runtime code.
 */
export function loadWs(): typeof Ws {
  loaded ??= require('ws') as typeof Ws;
  return loaded;
}
