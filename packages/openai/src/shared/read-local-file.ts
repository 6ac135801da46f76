import type { ReadImageFile } from '@switchboard/core';

interface FsPromises {
  readFile(path: string, options: { signal?: AbortSignal }): Promise<Uint8Array>;
}

interface ProcessWithBuiltins {
  getBuiltinModule?: (id: string) => unknown;
}

/**
 * A file reader for image paths where the runtime has a file system (Node 20.16+, Bun, Deno), found through
 * `process.getBuiltinModule` so that no Node module is imported (the package runs in browsers and workers too, and a
 * bundler sees no `node:` import). Undefined elsewhere: core's `toImageUrl` then refuses the path with a clear error.
 */
export function localFileReader(): ReadImageFile | undefined {
  const runtime = (globalThis as { process?: ProcessWithBuiltins }).process;
  const fs = runtime?.getBuiltinModule?.('fs/promises') as FsPromises | undefined;
  if (!fs) return undefined;
  return (path, signal) => fs.readFile(path, signal ? { signal } : {});
}
