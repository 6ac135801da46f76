import type { IncomingMessage } from 'node:http';
import { ApiError } from '../http/api-error.js';
import type { Surface } from '../http/router.js';

const OPENAI_MISSING_KEY =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";
const AZURE_DENIED =
  'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.';

/** Masks a key the way OpenAI's 401 message does, keeping only a short prefix and the last four characters. */
export function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(Math.min(20, key.length - 7))}${key.slice(-4)}`;
}

/**
 * Reads the caller's key (OpenAI: `Authorization: Bearer`; Azure: `api-key` or a Bearer token) and checks it.
 * Returns the key (the rate-limit identity) or throws the real 401.
 */
export function authenticate(req: IncomingMessage, surface: Surface, accepted: Set<string> | undefined): string {
  const header = req.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const azureKey = surface === 'azure' ? req.headers['api-key'] : undefined;
  const key = typeof azureKey === 'string' && azureKey !== '' ? azureKey : bearer;
  if (key && (accepted === undefined || accepted.has(key))) return key;
  if (surface === 'azure') {
    throw new ApiError(
      401,
      { message: AZURE_DENIED, type: 'invalid_request_error', code: '401' },
      {
        azureBody: { error: { code: '401', message: AZURE_DENIED } },
      },
    );
  }
  if (!key) throw new ApiError(401, { message: OPENAI_MISSING_KEY, type: 'invalid_request_error' });
  throw new ApiError(401, {
    message: `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  });
}
