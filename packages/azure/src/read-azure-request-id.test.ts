import { describe, expect, it } from 'vitest';
import { readAzureRequestId } from './read-azure-request-id.js';

describe('readAzureRequestId', () => {
  it('reads x-request-id, then apim-request-id', () => {
    expect(readAzureRequestId(new Headers({ 'x-request-id': 'a', 'apim-request-id': 'b' }))).toBe('a');
    expect(readAzureRequestId(new Headers({ 'apim-request-id': 'b' }))).toBe('b');
    expect(readAzureRequestId(new Headers())).toBeUndefined();
  });
});
