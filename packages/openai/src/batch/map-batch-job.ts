import type { BatchJob, FileInfo } from '@switchboard/core';
import type { BatchObject, FileObject } from './batch-schemas.js';

/** Maps a batch object to the neutral `BatchJob`. */
export function mapBatchJob(batch: BatchObject): BatchJob {
  const job: BatchJob = {
    id: batch.id,
    status: batch.status,
    endpoint: batch.endpoint,
    inputFileId: batch.input_file_id,
    requestCounts: {
      total: batch.request_counts?.total ?? 0,
      completed: batch.request_counts?.completed ?? 0,
      failed: batch.request_counts?.failed ?? 0,
    },
    createdAt: batch.created_at,
  };
  if (batch.output_file_id) job.outputFileId = batch.output_file_id;
  if (batch.error_file_id) job.errorFileId = batch.error_file_id;
  if (batch.expires_at) job.expiresAt = batch.expires_at;
  const errors = batch.errors?.data ?? [];
  if (errors.length > 0) {
    job.errors = errors.map((error) => ({
      code: error.code ?? 'unknown',
      message: error.message ?? '',
      ...(typeof error.line === 'number' ? { line: error.line } : {}),
    }));
  }
  if (batch.metadata && Object.keys(batch.metadata).length > 0) job.metadata = batch.metadata;
  return job;
}

/** Maps a file object to the neutral `FileInfo`. */
export function mapFileInfo(file: FileObject): FileInfo {
  const info: FileInfo = {
    id: file.id,
    filename: file.filename ?? '',
    bytes: file.bytes ?? 0,
    purpose: file.purpose ?? '',
    createdAt: file.created_at ?? 0,
  };
  if (file.status) info.status = file.status;
  return info;
}
