import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonBody, parseJsonValue } from './parse-json-body.js';

const schema = z.object({ id: z.string() });
const context = { provider: 'openai', what: 'thing', requestId: 'req_1' };

describe('parseJsonBody', () => {
  it('parses and checks', () => {
    expect(parseJsonBody('{"id":"a","x":1}', schema, context)).toEqual({ id: 'a' });
  });

  it('fails with a parse error for text that is not JSON, with the request id', () => {
    expect(() => parseJsonBody('<html>', schema, context)).toThrow(
      expect.objectContaining({ code: 'parse', requestId: 'req_1', excerpt: '<html>' }),
    );
  });

  it('names the first problem of a wrong shape', () => {
    expect(() => parseJsonBody('{"id":1}', schema, context)).toThrow(/unexpected shape at id/);
    expect(() => parseJsonValue(42, schema, { provider: 'openai', what: 'thing' })).toThrow(/received: "42"/);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => parseJsonValue(circular, schema, { provider: 'openai', what: 'thing' })).toThrow(/unexpected shape/);
  });
});
