import type { RouteName } from '../faults/fault-spec.js';

/** Which API a path belongs to. */
export type Surface = 'openai' | 'azure';

/** A matched API route. */
export interface RouteMatch {
  surface: Surface;
  route: RouteName;
  /** `/files/{id}`, `/batches/{id}`, `/models/{id}`. */
  id: string | undefined;
  /** Azure dated URLs: the deployment from the path. */
  deployment: string | undefined;
  /** Azure dated URL (`/openai/deployments/...` or resource-level `/openai/files`): needs `api-version`. */
  dated: boolean;
}

/**
 * Matches the part after the base path (`/v1`, `/openai/v1`, `/openai`) against the routes both surfaces share.
 * Returns undefined for anything else (the caller answers the real 404).
 */
function matchResource(method: string, parts: string[], start: number): Pick<RouteMatch, 'route' | 'id'> | undefined {
  const a = parts[start];
  const b = parts[start + 1];
  const c = parts[start + 2];
  const count = parts.length - start;
  switch (a) {
    case 'chat':
      return method === 'POST' && b === 'completions' && count === 2
        ? { route: 'chat.completions', id: undefined }
        : undefined;
    case 'responses':
      if (count === 1) return method === 'POST' ? { route: 'responses.create', id: undefined } : undefined;
      if (count === 2 && b)
        return method === 'GET'
          ? { route: 'responses.retrieve', id: b }
          : method === 'DELETE'
            ? { route: 'responses.delete', id: b }
            : undefined;
      return undefined;
    case 'realtime':
      return method === 'POST' && b === 'client_secrets' && count === 2
        ? { route: 'realtime.client_secrets', id: undefined }
        : undefined;
    case 'embeddings':
      return method === 'POST' && count === 1 ? { route: 'embeddings', id: undefined } : undefined;
    case 'images':
      return method === 'POST' && b === 'generations' && count === 2
        ? { route: 'images.generations', id: undefined }
        : undefined;
    case 'models':
      if (method !== 'GET') return undefined;
      if (count === 1) return { route: 'models.list', id: undefined };
      return count === 2 && b ? { route: 'models.retrieve', id: b } : undefined;
    case 'files':
      if (count === 1)
        return method === 'POST'
          ? { route: 'files.create', id: undefined }
          : method === 'GET'
            ? { route: 'files.list', id: undefined }
            : undefined;
      if (count === 2 && b)
        return method === 'GET'
          ? { route: 'files.retrieve', id: b }
          : method === 'DELETE'
            ? { route: 'files.delete', id: b }
            : undefined;
      return count === 3 && b && c === 'content' && method === 'GET' ? { route: 'files.content', id: b } : undefined;
    case 'batches':
      if (count === 1)
        return method === 'POST'
          ? { route: 'batches.create', id: undefined }
          : method === 'GET'
            ? { route: 'batches.list', id: undefined }
            : undefined;
      if (count === 2 && b && method === 'GET') return { route: 'batches.retrieve', id: b };
      return count === 3 && b && c === 'cancel' && method === 'POST' ? { route: 'batches.cancel', id: b } : undefined;
    default:
      return undefined;
  }
}

const DEPLOYMENT_ROUTES = new Set<RouteName>(['chat.completions', 'embeddings', 'images.generations']);
const RESOURCE_ROUTES = new Set<RouteName>([
  'responses.create',
  'responses.retrieve',
  'responses.delete',
  'files.create',
  'files.list',
  'files.retrieve',
  'files.delete',
  'files.content',
  'batches.create',
  'batches.list',
  'batches.retrieve',
  'batches.cancel',
  'models.list',
  'models.retrieve',
]);

/** Matches a request path (without query) to a route on either surface. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const parts = path.split('/');
  // parts[0] is '' (paths start with '/'); a trailing slash leaves an empty last part, which the real APIs reject.
  if (parts[1] === 'v1') {
    const found = matchResource(method, parts, 2);
    return found && { surface: 'openai', ...found, deployment: undefined, dated: false };
  }
  if (parts[1] !== 'openai') return undefined;
  if (parts[2] === 'v1') {
    const found = matchResource(method, parts, 3);
    return found && { surface: 'azure', ...found, deployment: undefined, dated: false };
  }
  if (parts[2] === 'deployments' && parts[3]) {
    const found = matchResource(method, parts, 4);
    if (!found || !DEPLOYMENT_ROUTES.has(found.route)) return undefined;
    return { surface: 'azure', ...found, deployment: decodeURIComponent(parts[3]), dated: true };
  }
  const found = matchResource(method, parts, 2);
  if (!found || !RESOURCE_ROUTES.has(found.route)) return undefined;
  return { surface: 'azure', ...found, deployment: undefined, dated: true };
}
