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
  return oneLine(describe(error));
}

function describe(error: unknown): string {
  if (error instanceof DemoError) return `${error.message} ${error.hint}`;
  if (isSwitchboardError(error)) {
    const hint = HINTS[error.code] ?? '';
    return `${error.message}${hint ? ` ${hint}` : ''}`;
  }
  const fileProblem = describeFileError(error);
  if (fileProblem) return fileProblem;
  return error instanceof Error ? error.message : String(error);
}

/** Node's file errors (ENOENT, EACCES, EISDIR) as a sentence with what to do. */
function describeFileError(error: unknown): string | undefined {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string') return undefined;
  const what = FILE_ERRORS[code];
  return what ? `Cannot use ${path}: ${what}` : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder. Check the path.',
  EACCES: 'permission denied. Check the file permissions.',
  EISDIR: 'it is a folder, not a file. Give a file path.',
  ENOTDIR: 'a part of the path is not a folder. Check the path.',
};

const HINTS: Record<string, string> = {
  authentication: 'Check OPENAI_API_KEY / AZURE_OPENAI_API_KEY, or unset them to use the built-in mock server.',
  permission: 'The key cannot use this model or resource; check its project and permissions.',
  'not-found': 'Check the model name (or the Azure deployment mapping in AZURE_OPENAI_DEPLOYMENTS).',
  config: 'Fix the settings it names.',
  template: 'Make the dataset’s variables match the template’s {{placeholders}}.',
  unsupported: 'Try the other provider (--provider openai|azure).',
  'rate-limit': 'Wait a little and try again, or lower the request rate.',
  network: 'Check the network and the endpoint URL.',
  timeout: 'Try again, or raise the timeout.',
  'context-length': 'Shorten the input or pick a model with a larger context window.',
  'content-filter': 'Rephrase the request.',
  'invalid-request': 'Check the arguments (see --help).',
  server: 'The service failed; try again in a moment.',
  'circuit-open': 'The service failed repeatedly; wait a moment and try again.',
};
