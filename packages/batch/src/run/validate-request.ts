import { InvalidRequestError } from '@switchboard/core';
import type { BatchRequest } from '../types/batch-request.js';

/** Checks one input item's shape and throws an `InvalidRequestError` naming its position when it is wrong. */
export function validateBatchRequest(value: unknown, position: number): BatchRequest {
  const problem = describeProblem(value);
  if (problem) {
    throw new InvalidRequestError({ message: `Batch input #${position + 1}: ${problem}.`, source: 'client' });
  }
  return value as BatchRequest;
}

function describeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'expected an object with customId and request';
  const item = value as Record<string, unknown>;
  if (typeof item.customId !== 'string' || item.customId === '') return 'customId must be a non-empty string';
  if (item.kind !== undefined && item.kind !== 'chat' && item.kind !== 'embedding') {
    return `kind must be 'chat' or 'embedding' (customId ${item.customId})`;
  }
  const request = item.request as Record<string, unknown> | undefined;
  if (typeof request !== 'object' || request === null) return `request must be an object (customId ${item.customId})`;
  if (typeof request.model !== 'string' || request.model === '') {
    return `request.model must be a non-empty string (customId ${item.customId})`;
  }
  if (item.kind === 'embedding') {
    if (typeof request.input !== 'string' && !Array.isArray(request.input)) {
      return `request.input must be a string or an array of strings (customId ${item.customId})`;
    }
  } else if (!Array.isArray(request.messages)) {
    return `request.messages must be an array (customId ${item.customId})`;
  }
  return undefined;
}
