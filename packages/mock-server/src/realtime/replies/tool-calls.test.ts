import { describe, expect, it } from 'vitest';
import { planToolCall, synthesizeArguments } from './tool-calls.js';

const weather = {
  type: 'function',
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
};
const orders = { type: 'function', name: 'lookupOrderStatus' };

describe('planToolCall', () => {
  it('calls a tool whose name or a long word of it appears in the text (auto)', () => {
    expect(planToolCall([weather], 'auto', 'Weather for Oslo?')).toEqual({
      name: 'get_weather',
      arguments: '{"city":"Oslo"}',
    });
    expect(planToolCall([weather, orders], 'auto', 'where is my order')).toEqual({
      name: 'lookupOrderStatus',
      arguments: '{}',
    });
    expect(planToolCall([weather], 'auto', 'please run GET_WEATHER')?.name).toBe('get_weather');
    expect(planToolCall([weather], 'auto', 'get me a coffee')).toBeUndefined();
  });

  it('follows required, named and none choices, and ignores non-function tools', () => {
    expect(planToolCall([weather, orders], 'required', 'hi')?.name).toBe('get_weather');
    expect(planToolCall([weather, orders], { type: 'function', name: 'lookupOrderStatus' }, 'hi')?.name).toBe(
      'lookupOrderStatus',
    );
    expect(planToolCall([weather], { type: 'function', name: 'missing' }, 'weather')).toBeUndefined();
    expect(planToolCall([weather], 'none', 'weather')).toBeUndefined();
    expect(planToolCall([{ type: 'mcp', server_label: 'x' }], 'required', 'weather')).toBeUndefined();
  });
});

describe('synthesizeArguments', () => {
  it('fills every schema type deterministically', () => {
    const schema = {
      type: 'object',
      properties: {
        place: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', minimum: 3 },
        ratio: { type: 'number' },
        detailed: { type: 'boolean' },
        tags: { type: 'array' },
        filter: { type: 'object', properties: { kind: { type: 'string' } } },
        loose: true,
      },
    };
    expect(synthesizeArguments(schema, 'forecast at Lake Tahoe, please')).toEqual({
      place: 'Lake Tahoe',
      unit: 'celsius',
      days: 3,
      ratio: 1,
      detailed: true,
      tags: [],
      filter: { kind: 'Lake Tahoe' },
      loose: 'Lake Tahoe',
    });
  });

  it('uses only required properties when listed, the whole text without a place, and nothing without a schema', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['b'] };
    expect(synthesizeArguments(schema, 'plain words')).toEqual({ b: 'plain words' });
    expect(synthesizeArguments(undefined, 'x')).toEqual({});
    expect(synthesizeArguments({ type: 'object' }, 'x')).toEqual({});
  });
});
