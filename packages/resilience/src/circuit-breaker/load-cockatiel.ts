import type * as Cockatiel from 'cockatiel';

let loading: Promise<typeof Cockatiel> | undefined;

/**
 * cockatiel, loaded with a dynamic `import()` when the first circuit is created rather than at import: it creates an
 * AbortController at module scope, which Cloudflare workerd forbids outside a request handler. A plain dynamic import
 * (nothing that resolves modules by hand) so bundlers see and include it.
 */
export function loadCockatiel(): Promise<typeof Cockatiel> {
  loading ??= import('cockatiel');
  return loading;
}
