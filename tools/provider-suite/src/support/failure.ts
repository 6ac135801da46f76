import type { SwitchboardError } from '@switchboard/core';

/** The error `promise` rejects with (undefined counts as resolving); throws when it resolves instead. */
export async function failure(promise: Promise<unknown> | undefined): Promise<SwitchboardError> {
  try {
    await promise;
  } catch (error) {
    return error as SwitchboardError;
  }
  throw new Error('expected a failure');
}
