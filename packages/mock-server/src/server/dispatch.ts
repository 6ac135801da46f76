import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault } from '../faults/apply-fault.js';
import type { RouteName } from '../faults/fault-spec.js';
import { ApiError } from '../http/api-error.js';
import { corsHeaders } from '../http/cors.js';
import { internalError, malformedJson, unknownRoute } from '../http/not-found.js';
import { ClientGoneError, readBody } from '../http/read-body.js';
import { RequestContext } from '../http/request-context.js';
import type { RouteMatch } from '../http/router.js';
import { authenticate } from './auth.js';
import type { MockState } from './state.js';

/** A route handler: answers through the context, throws ApiError for error answers. */
export type RouteHandler = (ctx: RequestContext, state: MockState) => void | Promise<void>;

const EMPTY_QUERY = new URLSearchParams();
const BODYLESS_ROUTES = new Set<RouteName>(['files.create']);

function bodyExcerpt(raw: Buffer): string {
  return raw.length > 512 ? `${raw.subarray(0, 512).toString('utf8')}…` : raw.toString('utf8');
}

/**
 * Runs one API request: log, body, faults, auth, JSON parsing, the route, and turning every failure into the real
 * error shape. Nothing thrown here escapes to the HTTP server.
 */
export async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  queryString: string | undefined,
  match: RouteMatch | undefined,
  handlers: ReadonlyMap<RouteName, RouteHandler>,
  state: MockState,
): Promise<void> {
  const method = req.method ?? 'GET';
  const requestId = state.ids.next('req_');
  const log = state.log.begin(method, req.url ?? path, req.headers, requestId);
  res.once('close', () => {
    log.durationMs = Math.round((performance.now() - log.started) * 100) / 100;
  });
  const query = queryString ? new URLSearchParams(queryString) : EMPTY_QUERY;
  const surface = match?.surface ?? (path.startsWith('/openai/') ? 'azure' : 'openai');
  const ctx = new RequestContext(
    req,
    res,
    match ?? { surface, route: 'models.list', id: undefined, deployment: undefined },
    query,
    requestId,
    log,
  );
  if (req.headers.origin !== undefined) ctx.cors = corsHeaders(req.headers.origin, state.corsOrigins);
  try {
    const handler = match && handlers.get(match.route);
    if (!match || !handler || (match.dated && !query.has('api-version'))) {
      req.resume();
      throw unknownRoute(method, path);
    }
    log.surface = match.surface;
    log.route = match.route;
    let parseFailed = false;
    if (method === 'POST' || method === 'PUT') {
      const raw = await readBody(req, match.route === 'files.create' ? state.maxFileBytes : state.maxBodyBytes);
      ctx.rawBody = raw;
      if (BODYLESS_ROUTES.has(match.route)) log.body = `[${raw.length} bytes]`;
      else if (raw.length > 0) {
        try {
          ctx.body = JSON.parse(raw.toString('utf8'));
          log.body = ctx.body;
        } catch {
          parseFailed = true;
          log.body = bodyExcerpt(raw);
        }
      } else ctx.body = {};
    } else req.resume();
    const body = ctx.body as Record<string, unknown> | undefined;
    ctx.model = match.deployment ?? (typeof body?.model === 'string' ? body.model : undefined);
    const fault = state.faults.pick(
      { route: match.route, surface: match.surface, model: ctx.model },
      body?.stream === true,
    );
    if (fault && !(await applyFault(ctx, fault, state.sleeper))) return;
    ctx.apiKey = authenticate(req, match.surface, state.apiKeys);
    if (parseFailed) throw malformedJson();
    await handler(ctx, state);
  } catch (error) {
    if (error instanceof ClientGoneError) return;
    if (error instanceof ApiError) {
      ctx.error(error);
      return;
    }
    log.fault = `internal: ${error instanceof Error ? error.message : String(error)}`;
    if (res.headersSent) res.destroy();
    else ctx.error(internalError());
  }
}
