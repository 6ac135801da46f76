import { createRequire } from 'node:module';

/** The parts of the `tiktoken` package this package uses. */
export type TiktokenModule = typeof import('tiktoken');

let tiktoken: TiktokenModule | undefined;

/**
 * The `tiktoken` package, required on first use. Requiring it instantiates its 5 MB WASM module, so importing this
 * package stays cheap until something is actually counted.
 */
export function loadTiktoken(): TiktokenModule {
  tiktoken ??= createRequire(import.meta.url)('tiktoken') as TiktokenModule;
  return tiktoken;
}

/** Whether the WASM encoder has been loaded yet (for tests of the cold import). */
export function isTiktokenLoaded(): boolean {
  return tiktoken !== undefined;
}
