import type { CrossFieldProblem } from '@switchboard/core';

/** True in a browser page or browser worker (a `window` with a `document`, or a worker global), as the SDK judges. */
export function isBrowserLike(): boolean {
  const scope = globalThis as { window?: { document?: unknown }; WorkerGlobalScope?: unknown; importScripts?: unknown };
  const page = scope.window !== undefined && scope.window.document !== undefined;
  const worker = typeof scope.WorkerGlobalScope === 'function' && typeof scope.importScripts === 'function';
  return page || worker;
}

/**
 * The problem of creating a provider in a browser without `dangerouslyAllowBrowser: true`: the key would be readable
 * by every visitor of the page. Reported with the other option problems, before the SDK is built.
 */
export function browserProblem(input: Record<string, unknown>): CrossFieldProblem[] {
  if (!isBrowserLike() || input.dangerouslyAllowBrowser === true) return [];
  return [
    {
      path: ['dangerouslyAllowBrowser'],
      message:
        'this looks like a browser, where the API key is readable by every visitor: call the API from your server, ' +
        'or pass dangerouslyAllowBrowser: true if the key is short-lived or the page is private',
    },
  ];
}
