import { NetworkError } from '@switchboard/core';

/**
 * The connection dropped while a response was being generated. The server-side session that produced it is gone,
 * so the response can never finish; create a new one once the session is restored.
 */
export class ResponseInterruptedError extends NetworkError {
  /** The response that was interrupted, when the server had announced it (`response.created`). */
  readonly responseId: string | undefined;
  /** The WebSocket close code that ended the connection. */
  readonly closeCode: number;

  constructor(options: { responseId?: string; closeCode: number; provider?: string; cause?: unknown }) {
    const which = options.responseId ? `Response ${options.responseId}` : 'A requested response';
    super({
      message: `${which} was interrupted: the realtime connection closed (code ${options.closeCode}) before it finished.`,
      provider: options.provider,
      cause: options.cause,
    });
    this.responseId = options.responseId;
    this.closeCode = options.closeCode;
  }

  protected override details(): Record<string, unknown> {
    return { responseId: this.responseId, closeCode: this.closeCode };
  }
}
