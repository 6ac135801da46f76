import type { Logger } from '../logging/logger.js';
import { silentLogger } from '../logging/logger.js';
import { redactingLogger } from '../logging/redacting-logger.js';
import type { Hooks } from './hook-events.js';

const HOOK_NAMES = [
  'onRequest',
  'onResponse',
  'onError',
  'onRetry',
  'onRetryBudgetExhausted',
  'onRateLimitWait',
  'onCircuitStateChange',
] as const;

/**
 * Merges several hook sets into one that calls each in order. A hook that throws is logged and skipped, so an
 * observer can never break a call.
 */
export function combineHooks(hooks: (Hooks | undefined)[], logger: Logger = silentLogger): Required<Hooks> {
  const present = hooks.filter((h): h is Hooks => h !== undefined);
  const log = redactingLogger(logger);
  const combined = {} as Record<(typeof HOOK_NAMES)[number], (event: never) => void>;
  for (const name of HOOK_NAMES) {
    combined[name] = (event: never) => {
      for (const set of present) {
        const hook = set[name] as ((event: never) => void) | undefined;
        if (!hook) continue;
        try {
          hook.call(set, event);
        } catch (error) {
          log.warn(
            { hook: name, error: error instanceof Error ? error.message : String(error) },
            'A hook threw; ignored.',
          );
        }
      }
    };
  }
  return combined as Required<Hooks>;
}
