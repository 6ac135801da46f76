import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { missingParameterMessage } from '../../vocabulary/messages.js';
import type { RealtimeCredential, RealtimeOptions, RealtimeRoute } from '../types.js';
import { isClientSecret } from './client-secrets.js';

/** The subprotocol prefix browsers use to carry a key, since they cannot set headers on a WebSocket. */
export const KEY_SUBPROTOCOL_PREFIX = 'openai-insecure-api-key.';

/** Where an accepted upgrade goes. */
export interface RealtimeTarget {
  route: RealtimeRoute;
  provider: 'openai' | 'azure';
  model: string;
  apiVersion?: string;
}

/** An upgrade refused before the handshake: an HTTP status with the provider's error body. */
export interface Rejection {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const ROUTES: Record<string, RealtimeRoute> = {
  '/v1/realtime': 'openai',
  '/openai/v1/realtime': 'azure-v1',
  '/openai/realtime': 'azure-deployments',
};

/** The realtime route of a request URL, or undefined when the path is not one this module serves. */
export function routeOf(url: string | undefined): RealtimeRoute | undefined {
  const path = new URL(url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
  return ROUTES[path];
}

/** Reads the model / deployment and API version for `route`; a Rejection when a required parameter is missing. */
export function resolveTarget(
  url: string | undefined,
  route: RealtimeRoute,
  options: RealtimeOptions,
): RealtimeTarget | Rejection {
  const query = new URL(url ?? '/', 'http://localhost').searchParams;
  if (route === 'openai') {
    const model = query.get('model');
    if (!model)
      return openAIRejection(
        400,
        missingParameterMessage('model'),
        'invalid_request_error',
        'missing_required_parameter',
        'model',
      );
    return { route, provider: 'openai', model };
  }
  const apiVersion = query.get('api-version') ?? undefined;
  if (route === 'azure-deployments' && !apiVersion) {
    return azureRejection(404, '404', 'Resource not found');
  }
  const model = route === 'azure-v1' ? (query.get('model') ?? query.get('deployment')) : query.get('deployment');
  if (!model)
    return azureRejection(
      400,
      'BadRequest',
      `Missing required query parameter '${route === 'azure-v1' ? 'model' : 'deployment'}'.`,
    );
  if (options.azureDeployments && !options.azureDeployments.includes(model)) {
    return azureRejection(
      404,
      'DeploymentNotFound',
      'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
    );
  }
  return apiVersion ? { route, provider: 'azure', model, apiVersion } : { route, provider: 'azure', model };
}

/** Every credential the request carries for `provider`. */
export function credentialsOf(request: IncomingMessage, provider: 'openai' | 'azure'): RealtimeCredential[] {
  const found: RealtimeCredential[] = [];
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  if (bearer) found.push({ provider, scheme: 'bearer', key: bearer });
  const apiKey = request.headers['api-key'];
  if (provider === 'azure' && typeof apiKey === 'string' && apiKey)
    found.push({ provider, scheme: 'api-key', key: apiKey });
  for (const protocol of subprotocolsOf(request)) {
    if (protocol.startsWith(KEY_SUBPROTOCOL_PREFIX) && protocol.length > KEY_SUBPROTOCOL_PREFIX.length) {
      found.push({ provider, scheme: 'subprotocol', key: protocol.slice(KEY_SUBPROTOCOL_PREFIX.length) });
    }
  }
  return found;
}

/** The subprotocols a client offered. */
export function subprotocolsOf(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  if (!header) return [];
  return header
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Checks the request's credentials; returns the accepted one, or the 401 the real service would send. */
export function authenticate(
  request: IncomingMessage,
  target: RealtimeTarget,
  options: RealtimeOptions,
): RealtimeCredential | Rejection {
  const credentials = credentialsOf(request, target.provider);
  const keys = target.provider === 'azure' ? (options.azureApiKeys ?? options.apiKeys) : options.apiKeys;
  const check = options.authorize ?? ((credential: RealtimeCredential) => !keys || keys.includes(credential.key));
  const secrets = options.clientSecrets;
  let expired = false;
  const accepted = credentials.find((credential) => {
    if (!secrets || !isClientSecret(credential.key)) return check(credential);
    const status = secrets.status(credential.key);
    if (status === 'expired') expired = true;
    return status === 'valid';
  });
  if (accepted) return accepted;
  if (expired && target.provider === 'openai') {
    return openAIRejection(401, 'Your ephemeral key has expired.', 'invalid_request_error', 'invalid_api_key');
  }
  if (target.provider === 'azure') {
    return azureRejection(
      401,
      '401',
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
    );
  }
  if (credentials.length === 0) {
    return openAIRejection(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      'invalid_request_error',
      null,
    );
  }
  // The real message shows a masked key; the mock leaves the key out altogether so it can never leak into logs.
  return openAIRejection(
    401,
    'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
    'invalid_request_error',
    'invalid_api_key',
  );
}

/** The refusal injected by `refuseConnections`, in the route's provider's error shape. */
export function refusal(status: number, provider: 'openai' | 'azure'): Rejection {
  const headers: Record<string, string> = status === 429 ? { 'retry-after': '1', 'retry-after-ms': '1000' } : {};
  const message =
    status === 429
      ? 'Rate limit reached for requests. Please try again in 1s.'
      : 'The server is overloaded or not ready yet.';
  const rejection =
    provider === 'azure'
      ? azureRejection(status, status === 429 ? '429' : 'ServiceUnavailable', message)
      : openAIRejection(
          status,
          message,
          status === 429 ? 'requests' : 'server_error',
          status === 429 ? 'rate_limit_exceeded' : null,
        );
  return { ...rejection, headers };
}

/** The 404 for an upgrade on a path nothing serves (`unhandledUpgrade: 'not-found'`). */
export function notFound(): Rejection {
  return openAIRejection(404, 'Invalid URL (GET /)', 'invalid_request_error', null);
}

/** True for a Rejection (as opposed to a target or credential). */
export function isRejection(value: object): value is Rejection {
  return 'status' in value && 'body' in value;
}

/** Answers an upgrade request with a plain HTTP response and closes the socket. */
export function writeRejection(socket: Duplex, rejection: Rejection): void {
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(rejection.body);
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
    ...rejection.headers,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${rejection.status} ${STATUS_CODES[rejection.status] ?? 'Error'}\r\n${head}\r\n${body}`);
}

function openAIRejection(
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
): Rejection {
  return { status, body: { error: { message, type, param, code } } };
}

function azureRejection(status: number, code: string, message: string): Rejection {
  return { status, body: { error: { code, message } } };
}
