import { type BatchRecord, nowSeconds } from '../batches/batch-record.js';
import { runBatch } from '../batches/batch-runner.js';
import { ApiError, invalidRequest, missingParameter } from '../http/api-error.js';
import { asObjectBody, optionalEnum, optionalObject, optionalString } from '../http/fields.js';
import type { RequestContext } from '../http/request-context.js';
import type { MockState } from '../server/state.js';

const OPENAI_ENDPOINTS = [
  '/v1/responses',
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/completions',
  '/v1/moderations',
  '/v1/images/generations',
  '/v1/images/edits',
  '/v1/videos',
] as const;
const AZURE_ENDPOINTS = [
  '/chat/completions',
  '/embeddings',
  '/v1/chat/completions',
  '/v1/embeddings',
  '/responses',
  '/v1/responses',
] as const;
const CANCELLABLE = new Set(['validating', 'in_progress', 'finalizing']);

function routeOf(endpoint: string): BatchRecord['route'] {
  const bare = endpoint.replace(/^\/v1/, '');
  return bare === '/chat/completions' ? 'chat.completions' : bare === '/embeddings' ? 'embeddings' : 'unsupported';
}

function batchOf(ctx: RequestContext, state: MockState): BatchRecord {
  const id = decodeURIComponent(ctx.id ?? '');
  const record = state.batches.get(id);
  if (!record)
    throw new ApiError(404, {
      message: `No batch found with id '${id}'.`,
      type: 'invalid_request_error',
      param: 'batch_id',
    });
  return record;
}

/** POST /v1/batches: checks the request, stores the batch as `validating` and starts its lifecycle. */
export function handleCreateBatch(ctx: RequestContext, state: MockState): void {
  const body = asObjectBody(ctx.body);
  const inputFileId = optionalString(body, 'input_file_id');
  if (inputFileId === undefined) throw missingParameter('input_file_id');
  if (body.endpoint === undefined) throw missingParameter('endpoint');
  const endpoint = optionalEnum(body, 'endpoint', ctx.azure ? AZURE_ENDPOINTS : OPENAI_ENDPOINTS) as string;
  if (body.completion_window === undefined) throw missingParameter('completion_window');
  const completionWindow = optionalEnum(body, 'completion_window', ['24h'] as const) as string;
  const metadata = optionalObject(body, 'metadata') as Record<string, string> | undefined;
  const file = state.files.get(inputFileId);
  if (!file)
    throw new ApiError(404, {
      message: `No such File object: ${inputFileId}`,
      type: 'invalid_request_error',
      param: 'input_file_id',
    });
  if (file.object.purpose !== 'batch') {
    throw invalidRequest(
      `The input file must have purpose 'batch', but '${inputFileId}' has purpose '${file.object.purpose}'.`,
      'input_file_id',
    );
  }
  const created = nowSeconds();
  const record: BatchRecord = {
    object: {
      id: state.ids.next('batch_'),
      object: 'batch',
      endpoint,
      input_file_id: inputFileId,
      completion_window: completionWindow,
      status: 'validating',
      created_at: created,
      expires_at: created + 86_400,
      request_counts: { total: 0, completed: 0, failed: 0 },
      usage: {
        input_tokens: 0,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 0,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 0,
      },
      metadata: metadata ?? null,
    },
    surface: ctx.surface,
    route: routeOf(endpoint),
    output: [],
    errors: [],
    outcome: metadata?.mock_outcome,
  };
  state.batches.set(record.object.id, record);
  void runBatch(state, record, file.data);
  ctx.json(200, record.object);
}

/** GET /v1/batches/{id}. */
export function handleRetrieveBatch(ctx: RequestContext, state: MockState): void {
  ctx.json(200, batchOf(ctx, state).object);
}

/** POST /v1/batches/{id}/cancel: `cancelling` now, `cancelled` once the runner stops. */
export function handleCancelBatch(ctx: RequestContext, state: MockState): void {
  const record = batchOf(ctx, state);
  const { object } = record;
  if (object.status === 'cancelling' || object.status === 'cancelled') {
    ctx.json(200, object);
    return;
  }
  if (!CANCELLABLE.has(object.status)) {
    throw new ApiError(409, {
      message: `Cannot cancel a batch with status '${object.status}'.`,
      type: 'invalid_request_error',
    });
  }
  object.status = 'cancelling';
  object.cancelling_at = nowSeconds();
  ctx.json(200, object);
}

/** GET /v1/batches (newest first, `limit` and `after` cursor). */
export function handleListBatches(ctx: RequestContext, state: MockState): void {
  const limit = Math.min(100, Math.max(1, Number(ctx.query.get('limit') ?? 20) || 20));
  const after = ctx.query.get('after');
  let all = [...state.batches.values()].reverse().map((record) => record.object);
  if (after) {
    const index = all.findIndex((batch) => batch.id === after);
    all = index === -1 ? [] : all.slice(index + 1);
  }
  const data = all.slice(0, limit);
  const page: Record<string, unknown> = { object: 'list', data, has_more: all.length > limit };
  if (data.length > 0) {
    page.first_id = data[0]?.id;
    page.last_id = data.at(-1)?.id;
  }
  ctx.json(200, page);
}
