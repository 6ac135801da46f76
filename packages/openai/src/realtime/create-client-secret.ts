import {
  type CallOptions,
  ConfigError,
  ParseError,
  type RealtimeClientSecret,
  type RealtimeClientSecretRequest,
  unknownOptionIssues,
} from '@switchboard/core';
import type { ProviderContext } from '../provider/provider-context.js';
import { clientSecretsUrl } from './client-secrets-url.js';

/** The lifetimes the service accepts, in seconds. */
const MIN_EXPIRY_S = 10;
const MAX_EXPIRY_S = 7200;
const REQUEST_KEYS = ['model', 'expiresAfterSeconds', 'session'];

/**
 * Mints a short-lived client secret with the provider's own key (`POST {base}/realtime/client_secrets`, GA body
 * `{ expires_after: { anchor: 'created_at', seconds }, session }`), for a browser to open a realtime session with.
 * The session's `type` and `model` are filled in (the model mapped like any call, so an Azure deployment name).
 * Server side only: it needs the long-lived key. HTTP failures come back as the usual typed errors.
 */
export async function createClientSecret(
  context: ProviderContext,
  request: RealtimeClientSecretRequest,
  options: CallOptions = {},
): Promise<RealtimeClientSecret> {
  checkRequest(request);
  const model = context.wireModel(request.model, 'realtime');
  const url = context.config.realtimeUrl(model);
  const body: Record<string, unknown> = { session: { type: 'realtime', ...request.session, model } };
  if (request.expiresAfterSeconds !== undefined) {
    body.expires_after = { anchor: 'created_at', seconds: request.expiresAfterSeconds };
  }
  const { text } = await context.text({ method: 'POST', path: clientSecretsUrl(url), body }, options);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  const minted = readAnswer(answer, context.provider);
  return { ...minted, url, model, provider: context.provider };
}

function checkRequest(request: RealtimeClientSecretRequest): void {
  const issues: { path: string; message: string }[] = [];
  const input = (request ?? {}) as unknown as Record<string, unknown>;
  if (typeof input.model !== 'string' || input.model === '') {
    issues.push({ path: 'createClientSecret.model', message: 'must be a non-empty string' });
  }
  const seconds = input.expiresAfterSeconds;
  if (
    seconds !== undefined &&
    (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < MIN_EXPIRY_S || seconds > MAX_EXPIRY_S)
  ) {
    issues.push({
      path: 'createClientSecret.expiresAfterSeconds',
      message: `must be a whole number of seconds from ${MIN_EXPIRY_S} to ${MAX_EXPIRY_S}`,
    });
  }
  const session = input.session;
  if (session !== undefined && (typeof session !== 'object' || session === null || Array.isArray(session))) {
    issues.push({ path: 'createClientSecret.session', message: 'must be an object' });
  }
  issues.push(...unknownOptionIssues(input, REQUEST_KEYS, 'createClientSecret'));
  if (issues.length > 0) throw new ConfigError({ issues });
}

/** The `{ value, expires_at, session }` answer, checked at the edge (the secret itself never goes in an error). */
function readAnswer(answer: unknown, provider: string): Pick<RealtimeClientSecret, 'value' | 'expiresAt' | 'session'> {
  const record = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  const { value, expires_at: expiresAt, session } = record;
  if (typeof value !== 'string' || value === '' || typeof expiresAt !== 'number') {
    const shape = Object.fromEntries(Object.entries(record).map(([key, field]) => [key, typeof field]));
    throw new ParseError({
      message: 'The client secret answer has no `value` string and `expires_at` number',
      raw: JSON.stringify(shape),
      provider,
    });
  }
  const secret: Pick<RealtimeClientSecret, 'value' | 'expiresAt' | 'session'> = { value, expiresAt };
  if (typeof session === 'object' && session !== null) secret.session = session as Record<string, unknown>;
  return secret;
}
