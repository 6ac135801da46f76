import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Ws from 'ws';

const require = createRequire(import.meta.url);
let loaded: typeof Ws | undefined;

/**
 * `ws`, loaded synchronously when the first server attaches realtime rather than at import (require(esm) of the URL
 * `import` resolves, so it is the same instance an `import 'ws'` gives). Its own copy of core's `lazyModule`: this
 * package must not depend on the packages it serves.
 */
export function loadWs(): typeof Ws {
  loaded ??= require(fileURLToPath(import.meta.resolve('ws'))) as typeof Ws;
  return loaded;
}
