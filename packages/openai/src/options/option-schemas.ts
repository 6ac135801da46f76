import { z } from 'zod';

const isFunction = (value: unknown): boolean => typeof value === 'function';

/** An API key, or a (async) function returning one (called before every request, so keys can rotate). */
export const apiKeySchema = z.union([
  z.string().min(1, 'must not be empty'),
  z.custom<() => string | Promise<string>>(isFunction, 'must be a string or a function returning one'),
]);

/** Headers sent with every request. */
export const headersSchema = z.record(z.string(), z.string());

/** A custom fetch implementation. */
export const fetchSchema = z.custom<typeof fetch>(isFunction, 'must be a fetch function');

/** A positive whole number of milliseconds. */
export const timeoutMsSchema = z.number().int().positive();

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for `localhost`, `127.x.x.x` and `[::1]`, where plain http never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * An absolute URL whose scheme is https, or http (any host when `httpAnywhere`, else loopback hosts only: a key sent
 * over plain http to another machine can be read on the way).
 */
export function webUrlSchema(options: { httpAnywhere: boolean; example: string }) {
  const message = options.httpAnywhere
    ? `must be an absolute http(s) URL such as ${options.example}`
    : `must be an absolute https URL such as ${options.example} (http only for localhost)`;
  return z.string({ message }).refine((value) => {
    const url = parseUrl(value);
    if (!url) return false;
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && (options.httpAnywhere || isLoopbackHost(url.hostname));
  }, message);
}

/** The host name of a URL, or undefined when it does not parse. */
export function hostOf(value: unknown): string | undefined {
  return typeof value === 'string' ? parseUrl(value)?.hostname : undefined;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
