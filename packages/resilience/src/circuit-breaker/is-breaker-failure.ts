import { isSwitchboardError } from '@switchboard/core';

/**
 * Whether a failure says the provider is unwell: 5xx, network and timeout errors count; 4xx (408 and 409 included),
 * 429, content filters, aborts and everything the caller caused do not.
 */
export function isBreakerFailure(error: unknown): boolean {
  if (!isSwitchboardError(error)) return true;
  switch (error.code) {
    case 'network':
    case 'timeout':
      return true;
    case 'server':
      return error.status === undefined || error.status >= 500;
    default:
      return false;
  }
}
