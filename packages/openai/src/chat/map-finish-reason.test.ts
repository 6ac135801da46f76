import { describe, expect, it } from 'vitest';
import { mapFinishReason } from './map-finish-reason.js';

describe('mapFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['content_filter', 'content-filter'],
    ['something_new', 'other'],
    [null, 'other'],
    [undefined, 'other'],
  ])('%s → %s', (raw, mapped) => {
    expect(mapFinishReason(raw)).toBe(mapped);
  });
});
