import { renderCompletion } from '../chat/render-completion.js';
import { prepareChat } from '../chat/run-chat.js';
import { ApiError } from '../http/api-error.js';
import { runEmbeddings } from '../routes/embeddings.js';
import type { MockState } from '../server/state.js';
import type { BatchLine, BatchRecord } from './batch-record.js';

/** What one line produced: the output-file line and its token usage. */
export interface LineResult {
  ok: boolean;
  json: string;
  inputTokens: number;
  outputTokens: number;
}

/**
 * Runs one batch line through the same code as the HTTP routes (chat or embeddings), never streaming, and renders
 * the output-file line: `{ id, custom_id, response: { status_code, request_id, body }, error: null }`.
 */
export function processLine(state: MockState, record: BatchRecord, line: BatchLine): LineResult {
  const requestId = state.ids.next('req_');
  let statusCode = 200;
  let body: unknown;
  let inputTokens = 0;
  let outputTokens = 0;
  try {
    if (record.route === 'chat.completions') {
      const { stream: _stream, stream_options: _options, ...rest } = line.body;
      const prepared = prepareChat(state, record.surface, undefined, rest);
      body = renderCompletion(prepared.answer, prepared.meta);
      inputTokens = prepared.answer.promptTokens;
      outputTokens = prepared.answer.completionTokens;
    } else if (record.route === 'embeddings') {
      const result = runEmbeddings(state, record.surface, undefined, line.body);
      body = result.body;
      inputTokens = result.tokens;
    } else {
      throw new ApiError(404, {
        message: `Invalid URL (POST ${record.object.endpoint})`,
        type: 'invalid_request_error',
      });
    }
  } catch (error) {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(500, {
            message: 'The server had an error while processing your request. Sorry about that!',
            type: 'server_error',
          });
    statusCode = apiError.status;
    body = record.surface === 'azure' ? apiError.toAzureBody() : apiError.openaiBody();
  }
  const json = JSON.stringify({
    id: state.ids.next('batch_req_'),
    custom_id: line.customId,
    response: { status_code: statusCode, request_id: requestId, body },
    error: null,
  });
  return { ok: statusCode === 200, json, inputTokens, outputTokens };
}

/** The error-file line of a request that never ran (batch expired or cancelled). */
export function unexecutedLine(state: MockState, line: BatchLine, code: 'batch_expired' | 'batch_cancelled'): string {
  const message =
    code === 'batch_expired'
      ? 'This request could not be executed before the completion window expired.'
      : 'This request was not executed because the batch was cancelled.';
  return JSON.stringify({
    id: state.ids.next('batch_req_'),
    custom_id: line.customId,
    response: null,
    error: { code, message },
  });
}
