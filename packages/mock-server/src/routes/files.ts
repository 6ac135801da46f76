import { UPLOAD_PURPOSES } from '../files/file-store.js';
import { parseMultipart } from '../files/multipart.js';
import { ApiError, invalidRequest, missingParameter } from '../http/api-error.js';
import type { RequestContext } from '../http/request-context.js';
import type { MockState } from '../server/state.js';

function notFound(id: string): ApiError {
  return new ApiError(404, { message: `No such File object: ${id}`, type: 'invalid_request_error', param: 'id' });
}

function fileOf(ctx: RequestContext, state: MockState) {
  const id = decodeURIComponent(ctx.id ?? '');
  const file = state.files.get(id);
  if (!file) throw notFound(id);
  return file;
}

/** POST /v1/files (multipart: `file`, `purpose`, optional `expires_after[anchor]`/`expires_after[seconds]`). */
export async function handleCreateFile(ctx: RequestContext, state: MockState): Promise<void> {
  const upload = await parseMultipart(ctx.rawBody ?? Buffer.alloc(0), ctx.req.headers['content-type']);
  const purpose = upload.fields.get('purpose');
  if (purpose === undefined) throw missingParameter('purpose');
  if (!(UPLOAD_PURPOSES as readonly string[]).includes(purpose)) {
    throw invalidRequest(
      `'${purpose}' is not one of ${JSON.stringify(UPLOAD_PURPOSES).replace(/"/g, "'")} - 'purpose'`,
      'purpose',
      'invalid_value',
    );
  }
  if (!upload.file) throw missingParameter('file');
  if (upload.file.data.length === 0) throw invalidRequest('File is empty.', 'file');
  if (purpose === 'batch' && !upload.file.name.endsWith('.jsonl')) {
    throw invalidRequest('Invalid file format for Batch API. Must be .jsonl', 'file');
  }
  const seconds = upload.fields.get('expires_after[seconds]');
  const expires = seconds === undefined ? undefined : Number(seconds);
  if (expires !== undefined && !(Number.isInteger(expires) && expires >= 3600 && expires <= 2_592_000)) {
    throw invalidRequest(
      "Invalid 'expires_after.seconds': expected an integer between 3600 and 2592000.",
      'expires_after.seconds',
      'invalid_value',
    );
  }
  ctx.json(200, state.files.add(upload.file.name, purpose, upload.file.data, expires).object);
}

/** GET /v1/files. */
export function handleListFiles(ctx: RequestContext, state: MockState): void {
  const purpose = ctx.query.get('purpose');
  const data = state.files
    .list()
    .map((file) => file.object)
    .filter((file) => !purpose || file.purpose === purpose);
  ctx.json(200, { object: 'list', data, first_id: data[0]?.id ?? '', last_id: data.at(-1)?.id ?? '', has_more: false });
}

/** GET /v1/files/{id}. */
export function handleRetrieveFile(ctx: RequestContext, state: MockState): void {
  ctx.json(200, fileOf(ctx, state).object);
}

/** GET /v1/files/{id}/content. */
export function handleFileContent(ctx: RequestContext, state: MockState): void {
  ctx.bytes(200, 'application/octet-stream', fileOf(ctx, state).data);
}

/** DELETE /v1/files/{id}. */
export function handleDeleteFile(ctx: RequestContext, state: MockState): void {
  const { id } = fileOf(ctx, state).object;
  state.files.delete(id);
  ctx.json(200, { id, object: 'file', deleted: true });
}
