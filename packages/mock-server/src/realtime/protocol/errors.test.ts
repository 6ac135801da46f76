import { describe, expect, it } from 'vitest';
import { describeJsonType, invalidValue, RealtimeClientEventError } from './errors.js';

describe('realtime errors', () => {
  it('describes JSON types like the real messages', () => {
    expect([null, [], 1, 1.5, 's', true, {}].map(describeJsonType)).toEqual([
      'null',
      'an array',
      'an integer',
      'a decimal',
      'a string',
      'a boolean',
      'an object',
    ]);
  });

  it('lists supported values', () => {
    expect(invalidValue('p', 'x', ['only']).message).toBe("Invalid value: 'x'. Supported values are: 'only'.");
    expect(invalidValue('p', 'x', ['a', 'b', 'c']).message).toBe(
      "Invalid value: 'x'. Supported values are: 'a', 'b' and 'c'.",
    );
  });

  it('builds the error event body with the client event id', () => {
    const error = new RealtimeClientEventError('boom', 'code_x', null, 'server_error');
    expect(error.toBody('evt_1')).toEqual({
      type: 'server_error',
      code: 'code_x',
      message: 'boom',
      param: null,
      event_id: 'evt_1',
    });
  });
});
