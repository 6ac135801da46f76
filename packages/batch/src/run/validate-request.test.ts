import { InvalidRequestError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { validateBatchRequest } from './validate-request.js';

describe('validateBatchRequest', () => {
  const ok = { customId: 'a', request: { model: 'm', messages: [] } };
  it('accepts chat and embedding requests', () => {
    expect(validateBatchRequest(ok, 0)).toBe(ok);
    expect(
      validateBatchRequest({ customId: 'e', kind: 'embedding', request: { model: 'm', input: ['x'] } }, 0),
    ).toBeDefined();
  });
  it.each([
    [null, 'expected an object'],
    [{ customId: 1 }, 'customId'],
    [{ customId: 'a', kind: 'image', request: {} }, 'kind'],
    [{ customId: 'a' }, 'request must be an object'],
    [{ customId: 'a', request: { model: '' } }, 'request.model'],
    [{ customId: 'a', kind: 'embedding', request: { model: 'm' } }, 'request.input'],
    [{ customId: 'a', request: { model: 'm' } }, 'request.messages'],
  ])('refuses %j', (value, message) => {
    expect(() => validateBatchRequest(value, 4)).toThrow(InvalidRequestError);
    expect(() => validateBatchRequest(value, 4)).toThrow(message);
    expect(() => validateBatchRequest(value, 4)).toThrow('#5');
  });
});
