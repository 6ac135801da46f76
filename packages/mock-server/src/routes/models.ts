import { ApiError } from '../http/api-error.js';
import type { RequestContext } from '../http/request-context.js';
import type { MockState } from '../server/state.js';

const CREATED = 1_686_935_002;

function modelObject(id: string) {
  return {
    id,
    object: 'model',
    created: CREATED,
    owned_by: id.startsWith('dall-e') || id.startsWith('text-') ? 'system' : 'openai',
  };
}

/** GET /v1/models. */
export function handleListModels(ctx: RequestContext, state: MockState): void {
  const ids = ctx.azure && state.deployments ? Object.keys(state.deployments) : state.models;
  ctx.json(200, { object: 'list', data: ids.map(modelObject) });
}

/** GET /v1/models/{id}. */
export function handleRetrieveModel(ctx: RequestContext, state: MockState): void {
  const id = decodeURIComponent(ctx.id ?? '');
  const known = ctx.azure && state.deployments ? id in state.deployments : state.models.includes(id);
  if (!known) {
    throw new ApiError(404, {
      message: `The model '${id}' does not exist`,
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
    });
  }
  ctx.json(200, modelObject(id));
}
