import { expectLegacyOpenAI } from '@internal/conformance';
import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/test-context.js';
import { parseResultLine } from './parse-result-line.js';

const context = testContext();
const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Paris', refusal: null },
      finish_reason: 'stop',
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
};

function line(value: Record<string, unknown>): string {
  expectLegacyOpenAI('BatchRequestOutput', value);
  return JSON.stringify(value);
}

describe('parseResultLine', () => {
  it('maps a successful chat line', () => {
    const result = parseResultLine(
      context,
      line({
        id: 'batch_req_1',
        custom_id: 'q1',
        response: { status_code: 200, request_id: 'req_1', body: completion },
        error: null,
      }),
    );
    expect(result).toMatchObject({
      customId: 'q1',
      status: 200,
      requestId: 'req_1',
      chat: { text: 'Paris', requestId: 'req_1' },
    });
    expect(result.error).toBeUndefined();
  });

  it('maps a successful embeddings line', () => {
    const body = {
      object: 'list',
      model: 'text-embedding-3-small',
      data: [{ object: 'embedding', index: 0, embedding: [0.5, 1] }],
      usage: { prompt_tokens: 1, total_tokens: 1 },
    };
    const result = parseResultLine(
      context,
      line({ id: 'b', custom_id: 'e1', response: { status_code: 200, request_id: 'r', body }, error: null }),
    );
    expect(Array.from(result.embedding?.embeddings[0] ?? [])).toEqual([0.5, 1]);
    expect(result.embedding?.requestId).toBe('r');
  });

  it('maps error lines: an error object, or an error status with the body’s error', () => {
    expect(
      parseResultLine(
        context,
        line({ id: 'b', custom_id: 'x', response: null, error: { code: 'batch_expired', message: 'expired' } }),
      ),
    ).toEqual({ customId: 'x', error: { code: 'batch_expired', message: 'expired' } });
    const failed = parseResultLine(
      context,
      line({
        id: 'b',
        custom_id: 'y',
        response: {
          status_code: 400,
          request_id: 'r',
          body: { error: { message: 'bad model', type: 'invalid_request_error', code: 'model_not_found' } },
        },
        error: null,
      }),
    );
    expect(failed).toEqual({
      customId: 'y',
      status: 400,
      requestId: 'r',
      error: { code: 'model_not_found', message: 'bad model' },
    });
    expect(
      parseResultLine(
        context,
        line({ id: 'b', custom_id: 'z', response: { status_code: 500, body: { detail: 'oops' } } }),
      ).error,
    ).toEqual({
      code: 'http_500',
      message: 'The request failed with HTTP 500.',
    });
  });

  it('reports lines with nothing usable', () => {
    expect(parseResultLine(context, '{"custom_id":"n"}').error?.code).toBe('missing_response');
    expect(
      parseResultLine(context, '{"custom_id":"u","response":{"status_code":200,"body":{"odd":true}}}').error?.code,
    ).toBe('unrecognized_body');
    expect(() => parseResultLine(context, '{"custom_id":')).toThrow(/not valid JSON/);
    expect(() => parseResultLine(context, '{"id":"no custom id"}')).toThrow(/unexpected shape at custom_id/);
  });
});
