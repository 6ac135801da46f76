import { lazyModule } from '@switchboard/core/node';
import type * as OpenAISdk from 'openai';

/**
 * The official `openai` SDK, loaded on first call (when the first provider is created or the first error is mapped)
 * rather than at import, since importing it costs tens of milliseconds. It is the instance `import 'openai'` gives.
 */
export const loadOpenAISdk: () => typeof OpenAISdk = lazyModule(() => import.meta.resolve('openai'));
