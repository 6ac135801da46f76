import { isJsonObject } from '../vocabulary/json.js';
import { missingParameterMessage, unsupportedValueMessage } from '../vocabulary/messages.js';
import type { BatchLine, BatchLineError } from './batch-record.js';

const MAX_LINES = 50_000;

/** Result of checking an input file: the lines to run, or the errors that fail the batch. */
export interface InputCheck {
  lines: BatchLine[];
  errors: BatchLineError[];
}

const lineError = (
  code: string,
  message: string,
  line: number | null,
  param: string | null = null,
): BatchLineError => ({ code, message, param, line });

/**
 * Checks a JSONL input file the way the Batch API does during `validating`: every line must be JSON with a unique
 * `custom_id`, `method: POST`, the batch's `url`, a `body` object, and one model for the whole file.
 */
export function validateInput(text: string, endpoints: readonly string[]): InputCheck {
  const rawLines = text.split('\n').map((line) => line.trim());
  while (rawLines.length > 0 && rawLines.at(-1) === '') rawLines.pop();
  if (rawLines.length === 0)
    return { lines: [], errors: [lineError('empty_file', 'The batch input file is empty.', null)] };
  if (rawLines.length > MAX_LINES) {
    return {
      lines: [],
      errors: [lineError('too_many_tasks', `The batch input file has more than ${MAX_LINES} requests.`, null)],
    };
  }
  const errors: BatchLineError[] = [];
  const lines: BatchLine[] = [];
  const seen = new Set<string>();
  let model: string | undefined;
  rawLines.forEach((raw, index) => {
    const number = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      errors.push(lineError('invalid_json_line', 'This line is not parseable as valid JSON.', number));
      return;
    }
    if (!isJsonObject(value)) {
      errors.push(lineError('invalid_json_line', 'This line is not parseable as valid JSON.', number));
      return;
    }
    const { custom_id: customId, method, url, body } = value as Record<string, unknown>;
    if (typeof customId !== 'string' || customId === '') {
      errors.push(lineError('missing_required_parameter', missingParameterMessage('custom_id'), number, 'custom_id'));
      return;
    }
    if (seen.has(customId)) {
      errors.push(
        lineError(
          'duplicate_custom_id',
          'The custom_id for this request is a duplicate of another request. The custom_id parameter must be unique for each individual request in a batch.',
          number,
          'custom_id',
        ),
      );
      return;
    }
    seen.add(customId);
    if (method !== 'POST') {
      errors.push(lineError('invalid_method', unsupportedValueMessage(method, ['POST'], true), number, 'method'));
      return;
    }
    if (typeof url !== 'string' || !endpoints.includes(url)) {
      errors.push(
        lineError(
          'invalid_url',
          'The URL provided for this request does not match the endpoint specified for the batch.',
          number,
          'url',
        ),
      );
      return;
    }
    if (!isJsonObject(body)) {
      errors.push(lineError('missing_required_parameter', missingParameterMessage('body'), number, 'body'));
      return;
    }
    const lineModel = (body as Record<string, unknown>).model;
    if (typeof lineModel === 'string') {
      if (model !== undefined && lineModel !== model) {
        errors.push(
          lineError(
            'mismatched_model',
            `The provided model '${lineModel}' does not match the model '${model}' of other requests. Every request in a batch must use the same model.`,
            number,
            'body.model',
          ),
        );
        return;
      }
      model = lineModel;
    }
    lines.push({ customId, body: body as Record<string, unknown> });
  });
  return { lines, errors };
}
