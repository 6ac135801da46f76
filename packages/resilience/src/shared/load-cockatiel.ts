import { lazyModule } from '@switchboard/core/node';
import type * as Cockatiel from 'cockatiel';

/** cockatiel, loaded when the first circuit is created rather than at import. */
export const loadCockatiel: () => typeof Cockatiel = lazyModule(() => import.meta.resolve('cockatiel'));
