import { NetworkError, type SwitchboardError } from '@switchboard/core';

/** The session could not be restored: every reconnection attempt failed. `cause` is the last attempt's error. */
export class ReconnectFailedError extends NetworkError {
  /** How many attempts were made. */
  readonly attempts: number;

  constructor(options: { attempts: number; lastError: SwitchboardError; provider?: string }) {
    super({
      message: `Could not restore the realtime connection after ${options.attempts} attempt${options.attempts === 1 ? '' : 's'}: ${options.lastError.message}`,
      provider: options.provider,
      status: options.lastError.status,
      cause: options.lastError,
      retryable: false,
    });
    this.attempts = options.attempts;
  }

  protected override details(): Record<string, unknown> {
    return { attempts: this.attempts };
  }
}
