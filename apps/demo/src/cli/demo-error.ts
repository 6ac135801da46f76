import { isSwitchboardError } from '@switchboard/core';

/** A problem the user can fix, with what to do about it. */
export class DemoError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'DemoError';
  }
}

/** One line saying what went wrong and what to do, for any error the demo can meet. */
export function describeFailure(error: unknown): string {
  if (error instanceof DemoError) return `${error.message} ${error.hint}`;
  if (isSwitchboardError(error)) {
    const hint = HINTS[error.code] ?? '';
    return `${error.message}${hint ? ` ${hint}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

const HINTS: Record<string, string> = {
  authentication: 'Check OPENAI_API_KEY / AZURE_OPENAI_API_KEY, or unset them to use the built-in mock server.',
  permission: 'The key cannot use this model or resource; check its project and permissions.',
  'not-found': 'Check the model name (or the Azure deployment mapping in AZURE_OPENAI_DEPLOYMENTS).',
  config: 'Fix the settings named above.',
  'rate-limit': 'Wait a little and try again, or lower the request rate.',
  network: 'Check the network and the endpoint URL.',
  timeout: 'Try again, or raise the timeout.',
};
