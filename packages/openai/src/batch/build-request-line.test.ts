import { expectLegacyOpenAI, expectOpenAI } from '@internal/conformance';
import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/test-context.js';
import { buildRequestLine } from './build-request-line.js';

const strict = { noExtraProperties: true };

describe('buildRequestLine', () => {
  it('builds a chat line the spec accepts', () => {
    const line = buildRequestLine(
      testContext({ resolveModel: (model, kind) => (kind === 'batch' ? `${model}-batch` : model) }),
      'req-1',
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 5 },
      '/v1/chat/completions',
    );
    const { body, ...envelope } = line;
    expectLegacyOpenAI('BatchRequestInput', envelope, strict);
    expect(expectOpenAI('CreateChatCompletionRequest', body, strict)).toEqual({
      model: 'gpt-4o-batch',
      messages: [{ role: 'user', content: 'hi' }],
      max_completion_tokens: 5,
    });
    expect(envelope).toEqual({ custom_id: 'req-1', method: 'POST', url: '/v1/chat/completions' });
  });

  it('builds an embeddings line, with the provider’s URL and body hooks', () => {
    const line = buildRequestLine(
      testContext({
        batchLineUrl: (endpoint) => endpoint.replace('/v1', ''),
        hooks: { mapRequestBody: (body, operation) => ({ ...body, operation }) },
      }),
      'e1',
      { model: 'text-embedding-3-small', input: ['a', 'b'] },
      '/v1/embeddings',
    );
    expect(line).toEqual({
      custom_id: 'e1',
      method: 'POST',
      url: '/embeddings',
      body: { model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'base64', operation: 'batch-line' },
    });
  });

  it('refuses a request for the wrong endpoint and images that need a file read', () => {
    const context = testContext();
    expect(() => buildRequestLine(context, 'x', { model: 'm', input: 'a' }, '/v1/chat/completions')).toThrow(
      /cannot go to/,
    );
    expect(() =>
      buildRequestLine(context, 'x', { model: 'm', messages: [{ role: 'user', content: 'a' }] }, '/v1/embeddings'),
    ).toThrow(/cannot go to/);
    expect(() =>
      buildRequestLine(
        context,
        'x',
        { model: 'm', messages: [{ role: 'user', content: [{ type: 'image', image: './cat.png' }] }] },
        '/v1/chat/completions',
      ),
    ).toThrow(/file path/);
  });
});
