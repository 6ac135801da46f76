import {
  type ChatResponse,
  type EmbeddingResponse,
  type ErrorSeverity,
  type ErrorSource,
  SwitchboardError,
  type SwitchboardErrorCode,
} from '@switchboard/core';
import type { BatchResult } from '../types/batch-result.js';

/** A checkpoint line for one finished request. */
export interface ResultRecord {
  /** Discriminator. */
  type: 'result';
  /** The request's id. */
  customId: string;
  /** The hash of the request the result answers. */
  requestHash: string;
  /** The result. */
  result: BatchResult;
}

/** Serialises a result as one checkpoint line (no newline). Embedding vectors become plain number arrays. */
export function serializeResultRecord(result: BatchResult, requestHash: string): string {
  const base = {
    type: 'result',
    customId: result.customId,
    requestHash,
    ok: result.ok,
    latencyMs: result.latencyMs,
    attempts: result.attempts,
    costUsd: result.costUsd,
  };
  if (!result.ok) return JSON.stringify({ ...base, error: result.error.toJSON() });
  const embedding = result.embedding && {
    ...result.embedding,
    embeddings: result.embedding.embeddings.map((vector) => Array.from(vector)),
  };
  return JSON.stringify({ ...base, chat: result.chat, embedding });
}

/** Parses a checkpoint result line back into a result (replayed with `source: 'checkpoint'`), or undefined. */
export function parseResultRecord(value: unknown): ResultRecord | undefined {
  if (!isObject(value) || value.type !== 'result') return undefined;
  const { customId, requestHash, ok } = value;
  if (typeof customId !== 'string' || typeof requestHash !== 'string' || typeof ok !== 'boolean') return undefined;
  const base = {
    customId,
    source: 'checkpoint' as const,
    latencyMs: numberOr(value.latencyMs, 0),
    attempts: numberOr(value.attempts, 0),
    costUsd: numberOr(value.costUsd, 0),
  };
  if (!ok) {
    const error = reviveError(value.error);
    return error && { type: 'result', customId, requestHash, result: { ...base, ok: false, error } };
  }
  const result: BatchResult = { ...base, ok: true };
  if (isObject(value.chat)) result.chat = value.chat as unknown as ChatResponse;
  if (isObject(value.embedding)) result.embedding = reviveEmbedding(value.embedding);
  if (!result.chat && !result.embedding) return undefined;
  return { type: 'result', customId, requestHash, result };
}

/** Rebuilds a typed error from its `toJSON()` form: a base `SwitchboardError` with the same code and fields. */
export function reviveError(value: unknown): SwitchboardError | undefined {
  if (!isObject(value) || typeof value.code !== 'string' || typeof value.message !== 'string') return undefined;
  return new SwitchboardError(value.code as SwitchboardErrorCode, {
    message: value.message,
    retryable: value.retryable === true,
    status: typeof value.status === 'number' ? value.status : undefined,
    provider: typeof value.provider === 'string' ? value.provider : undefined,
    requestId: typeof value.requestId === 'string' ? value.requestId : undefined,
    retryAfterMs: typeof value.retryAfterMs === 'number' ? value.retryAfterMs : undefined,
    severity: typeof value.severity === 'string' ? (value.severity as ErrorSeverity) : undefined,
    source: typeof value.source === 'string' ? (value.source as ErrorSource) : undefined,
  });
}

function reviveEmbedding(value: Record<string, unknown>): EmbeddingResponse {
  const vectors = Array.isArray(value.embeddings) ? value.embeddings : [];
  return {
    ...(value as unknown as EmbeddingResponse),
    embeddings: vectors.map((vector) => Float32Array.from(Array.isArray(vector) ? (vector as number[]) : [])),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
