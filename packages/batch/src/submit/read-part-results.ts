import {
  type BatchJob,
  type BatchService,
  type CallOptions,
  isSwitchboardError,
  type ModelCatalog,
} from '@switchboard/core';
import { resultCost } from '../run/result-cost.js';
import type { BatchFailure, BatchLineOutcome, BatchResult } from '../types/batch-result.js';
import { lineOutcome, mapLineError, partError } from './map-line-error.js';

/** Times a download that breaks off is started again (lines already read are skipped). */
const DOWNLOAD_ATTEMPTS = 3;

/** What is needed to read one part's results. */
export interface PartToRead {
  /** The finished provider batch. */
  batch: BatchJob;
  /** The model of its lines (for prices). */
  model: string;
  /** The ids the part holds, when known (then ids without a result are reported as missing). */
  ids: Set<string> | undefined;
}

/**
 * Streams the results of one finished provider batch: its output file, then its error file, each line joined back
 * to its `custom_id` and mapped to a result (failures carry a typed error and the reason). Requests of a batch that
 * failed validation, and requests no file mentions, are reported last. Each id is reported once.
 */
export async function* readPartResults(
  service: BatchService,
  providerName: string,
  part: PartToRead,
  options: { signal?: AbortSignal; catalog?: ModelCatalog } = {},
): AsyncGenerator<BatchResult> {
  const seen = new Set<string>();
  const call: CallOptions = options.signal ? { signal: options.signal } : {};
  for (const fileId of [part.batch.outputFileId, part.batch.errorFileId]) {
    if (!fileId) continue;
    for (let attempt = 1; ; attempt += 1) {
      try {
        for await (const text of service.downloadFileLines(fileId, call)) {
          if (text.trim() === '') continue;
          const line = service.parseResultLine(text);
          if (seen.has(line.customId) || (part.ids && !part.ids.has(line.customId))) continue;
          seen.add(line.customId);
          const common = { customId: line.customId, source: 'batch-api' as const, latencyMs: 0, attempts: 0 };
          if (!line.error && (line.chat || line.embedding)) {
            const response = { chat: line.chat, embedding: line.embedding };
            yield {
              ...common,
              ok: true,
              ...(line.chat ? { chat: line.chat } : {}),
              ...(line.embedding ? { embedding: line.embedding } : {}),
              costUsd: resultCost(part.model, response, { batch: true, catalog: options.catalog }),
            };
          } else {
            yield {
              ...common,
              ok: false,
              costUsd: 0,
              error: mapLineError(line, providerName),
              batchOutcome: lineOutcome(line),
            };
          }
        }
        break;
      } catch (error) {
        const retryable = isSwitchboardError(error) && error.retryable && !options.signal?.aborted;
        if (!retryable || attempt >= DOWNLOAD_ATTEMPTS) throw error;
      }
    }
  }
  if (!part.ids) return;
  const why = part.batch.errors?.map((e) => e.message || e.code).join('; ') || part.batch.status;
  const outcome = unseenOutcome(part.batch.status);
  for (const customId of part.ids) {
    if (seen.has(customId)) continue;
    const failure: BatchFailure = {
      customId,
      source: 'batch-api',
      latencyMs: 0,
      attempts: 0,
      costUsd: 0,
      ok: false,
      error: partError(outcome, customId, providerName, why),
      batchOutcome: outcome,
    };
    yield failure;
  }
}

/** Why a request no result file mentions has no answer, from its batch's final state. */
function unseenOutcome(status: BatchJob['status']): Exclude<BatchLineOutcome, 'failed'> {
  if (status === 'failed') return 'batch-failed';
  if (status === 'expired') return 'expired';
  if (status === 'cancelled') return 'cancelled';
  return 'missing';
}
