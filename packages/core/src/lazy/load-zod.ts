import { z } from 'zod';

/** The zod namespace (`z`), as `import { z } from 'zod'` gives it. */
export type Zod = typeof z;

/**
 * Returns zod's `z` namespace, imported statically (so bundlers, workers and browsers see the dependency). It is the
 * same zod instance a caller's `import { z } from 'zod'` gives, so caller schemas and ours mix freely.
 *
 * @deprecated Import `z` from `zod` directly; kept for packages that still build schemas through `lazySchema`.
 */
export function loadZod(): Zod {
  return z;
}
