import { AbortedError, NetworkError } from './error-classes.js';
import { isSwitchboardError, type SwitchboardError } from './switchboard-error.js';

/**
 * Makes any thrown value a `SwitchboardError`: Switchboard errors pass through, `AbortError`s become `AbortedError`,
 * anything else a `NetworkError` with the original as `cause`. Providers map HTTP errors themselves before this.
 */
export function toSwitchboardError(error: unknown, provider?: string): SwitchboardError {
  if (isSwitchboardError(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') return new AbortedError({ provider, cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError({ message: `Unexpected failure: ${message}`, provider, cause: error });
}
