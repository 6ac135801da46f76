import { describe, expect, it } from 'vitest';
import { batchObjectSchema, fileObjectSchema } from './batch-schemas.js';
import { mapBatchJob, mapFileInfo } from './map-batch-job.js';

describe('mapBatchJob', () => {
  it('maps a full batch', () => {
    const batch = batchObjectSchema.parse({
      id: 'batch_1',
      object: 'batch',
      endpoint: '/v1/chat/completions',
      status: 'failed',
      input_file_id: 'file-in',
      output_file_id: 'file-out',
      error_file_id: 'file-err',
      created_at: 10,
      expires_at: 20,
      request_counts: { total: 3, completed: 1, failed: 2 },
      errors: {
        object: 'list',
        data: [
          { code: 'invalid_json', message: 'bad', line: 2 },
          { code: null, message: null },
        ],
      },
      metadata: { a: 'b' },
    });
    expect(mapBatchJob(batch)).toEqual({
      id: 'batch_1',
      status: 'failed',
      endpoint: '/v1/chat/completions',
      inputFileId: 'file-in',
      outputFileId: 'file-out',
      errorFileId: 'file-err',
      requestCounts: { total: 3, completed: 1, failed: 2 },
      createdAt: 10,
      expiresAt: 20,
      errors: [
        { code: 'invalid_json', message: 'bad', line: 2 },
        { code: 'unknown', message: '' },
      ],
      metadata: { a: 'b' },
    });
  });

  it('maps a fresh batch with nulls and no counts', () => {
    const batch = batchObjectSchema.parse({
      id: 'b',
      endpoint: '/v1/embeddings',
      status: 'validating',
      input_file_id: 'f',
      created_at: 1,
      output_file_id: null,
      errors: null,
      metadata: {},
    });
    expect(mapBatchJob(batch)).toEqual({
      id: 'b',
      status: 'validating',
      endpoint: '/v1/embeddings',
      inputFileId: 'f',
      requestCounts: { total: 0, completed: 0, failed: 0 },
      createdAt: 1,
    });
  });
});

describe('mapFileInfo', () => {
  it('maps a file, filling gaps', () => {
    expect(
      mapFileInfo(
        fileObjectSchema.parse({
          id: 'f',
          filename: 'a.jsonl',
          bytes: 3,
          purpose: 'batch',
          created_at: 5,
          status: 'processed',
        }),
      ),
    ).toEqual({
      id: 'f',
      filename: 'a.jsonl',
      bytes: 3,
      purpose: 'batch',
      createdAt: 5,
      status: 'processed',
    });
    expect(mapFileInfo(fileObjectSchema.parse({ id: 'f' }))).toEqual({
      id: 'f',
      filename: '',
      bytes: 0,
      purpose: '',
      createdAt: 0,
    });
  });
});
