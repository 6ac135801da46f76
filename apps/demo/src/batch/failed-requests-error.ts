/**
 * The command ran to the end but requests failed: the CLI prints the message and exits 1 (a DemoError would mean bad
 * input, exit 2). Thrown after the results and the JSON output are written, so scripts get both.
 */
export class FailedRequestsError extends Error {
  constructor(
    message: string,
    /** Requests that failed. */
    readonly failed: number,
  ) {
    super(message);
    this.name = 'FailedRequestsError';
  }
}
