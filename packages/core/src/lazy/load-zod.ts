import type * as zod from 'zod';
import { lazyModule } from './lazy-module.js';

/** The zod namespace (`z`), as `import { z } from 'zod'` gives it. */
export type Zod = typeof zod.z;

const loadZodModule = lazyModule<typeof zod>(() => import.meta.resolve('zod'));

/**
 * Loads zod on first call and returns its `z` namespace. Importing zod costs tens of milliseconds, so packages build
 * their schemas on first use instead of at import time. It is the same zod instance a caller's `import { z } from
 * 'zod'` gives, so caller schemas and ours mix freely.
 */
export function loadZod(): Zod {
  return loadZodModule().z;
}
