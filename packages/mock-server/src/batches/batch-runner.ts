import type { MockState } from '../server/state.js';
import { type BatchLine, type BatchRecord, nowSeconds } from './batch-record.js';
import { processLine, unexecutedLine } from './process-line.js';
import { validateInput } from './validate-input.js';

/** Lines processed between event-loop yields when there is no per-line delay. */
const LINES_PER_TICK = 200;

/** Read through a function: cancel requests change the status while the runner awaits. */
const isCancelling = (record: BatchRecord): boolean => record.object.status === 'cancelling';

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function writeFiles(state: MockState, record: BatchRecord): void {
  const { object } = record;
  if (record.output.length > 0) {
    object.output_file_id = state.files.add(
      `batch_${object.id}_output.jsonl`,
      'batch_output',
      Buffer.from(`${record.output.join('\n')}\n`),
    ).object.id;
  }
  if (record.errors.length > 0) {
    object.error_file_id = state.files.add(
      `batch_${object.id}_error.jsonl`,
      'batch_output',
      Buffer.from(`${record.errors.join('\n')}\n`),
    ).object.id;
  }
}

async function finish(state: MockState, record: BatchRecord, rest: BatchLine[]): Promise<void> {
  const { object } = record;
  if (object.status === 'cancelling') {
    for (const line of rest) record.errors.push(unexecutedLine(state, line, 'batch_cancelled'));
    await state.sleeper.sleep(state.batch.stepMs);
    writeFiles(state, record);
    object.status = 'cancelled';
    object.cancelled_at = nowSeconds();
    return;
  }
  if (record.outcome === 'expire') {
    for (const line of rest) record.errors.push(unexecutedLine(state, line, 'batch_expired'));
    writeFiles(state, record);
    object.status = 'expired';
    object.expired_at = nowSeconds();
    return;
  }
  object.status = 'finalizing';
  object.finalizing_at = nowSeconds();
  await state.sleeper.sleep(state.batch.stepMs);
  writeFiles(state, record);
  // A cancel that arrived while finalizing wins: the batch ends cancelled, with the results it already has.
  if (isCancelling(record)) {
    object.status = 'cancelled';
    object.cancelled_at = nowSeconds();
    return;
  }
  object.status = 'completed';
  object.completed_at = nowSeconds();
}

function endpointsFor(record: BatchRecord): string[] {
  const { endpoint } = record.object;
  const bare = endpoint.replace(/^\/v1/, '');
  return record.surface === 'azure' ? [bare, `/v1${bare}`] : [endpoint];
}

/**
 * Moves a batch through validating → in_progress → finalizing → completed (or failed, expired, cancelling →
 * cancelled) at the configured speed, running every line through the same code as the HTTP routes.
 * Stops at once when the server closes.
 */
export async function runBatch(state: MockState, record: BatchRecord, input: Buffer): Promise<void> {
  const { object } = record;
  await state.sleeper.sleep(state.batch.stepMs);
  if (state.sleeper.closed) return;
  if (isCancelling(record)) return finish(state, record, []);
  const check = validateInput(input.toString('utf8'), endpointsFor(record));
  if (record.outcome === 'fail')
    check.errors.push({
      code: 'mock_failure',
      message: 'The batch failed (requested by metadata.mock_outcome).',
      param: null,
      line: null,
    });
  if (check.errors.length > 0) {
    object.status = 'failed';
    object.failed_at = nowSeconds();
    object.errors = { object: 'list', data: check.errors };
    return;
  }
  object.model = typeof check.lines[0]?.body.model === 'string' ? check.lines[0].body.model : undefined;
  object.status = 'in_progress';
  object.in_progress_at = nowSeconds();
  object.request_counts.total = check.lines.length;
  const stopAt = record.outcome === 'expire' ? Math.ceil(check.lines.length / 2) : check.lines.length;
  let index = 0;
  for (; index < stopAt; index++) {
    if (state.sleeper.closed) return;
    if (isCancelling(record)) break;
    const result = processLine(state, record, check.lines[index] as BatchLine);
    (result.ok ? record.output : record.errors).push(result.json);
    if (result.ok) object.request_counts.completed++;
    else object.request_counts.failed++;
    const usage = object.usage as NonNullable<typeof object.usage>;
    usage.input_tokens += result.inputTokens;
    usage.output_tokens += result.outputTokens;
    usage.total_tokens += result.inputTokens + result.outputTokens;
    if (state.batch.lineMs > 0) await state.sleeper.sleep(state.batch.lineMs);
    else if (index % LINES_PER_TICK === LINES_PER_TICK - 1) await yieldToLoop();
  }
  if (state.sleeper.closed) return;
  await finish(state, record, check.lines.slice(index));
}
