import { invalidRequest, invalidValue } from '../http/api-error.js';
import { asObjectBody, optionalObject, rejectUnknown } from '../http/fields.js';
import type { RequestContext } from '../http/request-context.js';
import { CLIENT_SECRET_SECONDS } from '../realtime/transport/client-secrets.js';
import type { MockState } from '../server/state.js';
import { unsupportedValueMessage } from '../vocabulary/messages.js';

const KNOWN = new Set(['expires_after', 'session']);
const DEFAULT_MODEL = 'gpt-realtime';

/**
 * POST /v1/realtime/client_secrets (Azure: /openai/v1/realtime/client_secrets): mints a short-lived `ek_` secret a
 * browser uses to open the realtime WebSocket (subprotocol `openai-insecure-api-key.<secret>`). Authenticated with a
 * normal key, like every route; the answer is `{ value, expires_at, session }`.
 */
export function handleCreateClientSecret(ctx: RequestContext, state: MockState): void {
  const body = asObjectBody(ctx.body);
  rejectUnknown(body, KNOWN);
  const expiresAfter = optionalObject(body, 'expires_after');
  let seconds: number = CLIENT_SECRET_SECONDS.default;
  if (expiresAfter) {
    rejectUnknown(expiresAfter, new Set(['anchor', 'seconds']));
    if (expiresAfter.anchor !== undefined && expiresAfter.anchor !== 'created_at') {
      throw invalidValue('expires_after.anchor', unsupportedValueMessage(expiresAfter.anchor, ['created_at'], true));
    }
    if (expiresAfter.seconds !== undefined) {
      const value = expiresAfter.seconds;
      if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < CLIENT_SECRET_SECONDS.min ||
        value > CLIENT_SECRET_SECONDS.max
      ) {
        throw invalidRequest(
          `Invalid 'expires_after.seconds': expected an integer between ${CLIENT_SECRET_SECONDS.min} and ${CLIENT_SECRET_SECONDS.max}, but got ${JSON.stringify(value)} instead.`,
          'expires_after.seconds',
          'invalid_value',
        );
      }
      seconds = value;
    }
  }
  const session = optionalObject(body, 'session');
  const defaultModel = ctx.azure ? (ctx.model ?? DEFAULT_MODEL) : DEFAULT_MODEL;
  // A session the realtime half rejects throws its RealtimeClientEventError: an ApiError (400), answered as such.
  ctx.json(200, state.clientSecrets.mint(session, seconds, defaultModel));
}
