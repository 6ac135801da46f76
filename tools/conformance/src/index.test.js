import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import {
  ConformanceError,
  expectOpenAI,
  nodeOnlyUsages,
  parseSseData,
  referenceDir,
  schemaNames,
  validateAzure,
  validateLegacyOpenAI,
  validateOpenAI,
} from './index.js';

const fixtures = join(referenceDir, 'fixtures');
const chunksOf = (file) =>
  readFileSync(join(fixtures, 'vercel-ai', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

test('every recorded OpenAI stream chunk is valid against the 3.1 spec', () => {
  for (const file of readdirSync(join(fixtures, 'openai-python'))) {
    const { events, done } = parseSseData(readFileSync(join(fixtures, 'openai-python', file), 'utf8'));
    assert.ok(done, file);
    for (const event of events)
      assert.deepEqual(validateOpenAI('CreateChatCompletionStreamResponse', event).errors, [], file);
  }
  for (const chunk of chunksOf('openai_chat_openai-text.chunks.txt')) {
    assert.ok(validateOpenAI('CreateChatCompletionStreamResponse', chunk).valid);
  }
});

test('the recorded Azure stream is valid only with the known differences excused', () => {
  const chunks = chunksOf('openai_chat_azure-model-router.1.chunks.txt');
  const strict = chunks.map((chunk) => validateAzure('createChatCompletionStreamResponse', chunk));
  assert.ok(strict.some((result) => !result.valid));
  for (const chunk of chunks) {
    const result = validateAzure('createChatCompletionStreamResponse', chunk, { allowKnownDifferences: true });
    assert.deepEqual(result.errors, []);
  }
  const first = validateAzure('createChatCompletionStreamResponse', chunks[0], { allowKnownDifferences: true });
  assert.deepEqual(first.knownDifferences, ['azure-first-chunk']);
  const tampered = { ...chunks[0], object: '', id: 'x', extra: 1 };
  const bad = validateAzure('createChatCompletionStreamResponse', tampered, { allowKnownDifferences: true });
  assert.equal(bad.valid, false);
  assert.equal(bad.errors.length, 2);
});

test('legacy completions chunks pass with their nulls excused', () => {
  for (const chunk of chunksOf('openai_completion_openai-completion-text.chunks.txt')) {
    assert.deepEqual(validateOpenAI('CreateCompletionResponse', chunk, { allowKnownDifferences: true }).errors, []);
  }
});

test('recorded bodies validate; typos are caught with noExtraProperties', () => {
  const read = (file) => JSON.parse(readFileSync(join(fixtures, 'vercel-ai', file), 'utf8'));
  assert.ok(validateOpenAI('CreateChatCompletionResponse', read('openai_chat_openai-text.json')).valid);
  assert.ok(validateOpenAI('CreateEmbeddingResponse', read('openai_embedding_openai-embedding.json')).valid);
  assert.ok(validateOpenAI('ImagesResponse', read('openai_image_openai-image.json')).valid);
  assert.ok(validateOpenAI('ErrorResponse', read('openai_image_gpt-image-response-format-error.json')).valid);
  const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], max_token: 3 };
  assert.ok(validateOpenAI('CreateChatCompletionRequest', body).valid);
  assert.deepEqual(validateOpenAI('CreateChatCompletionRequest', body, { noExtraProperties: true }).errors, [
    '(root) has unexpected property "max_token"',
  ]);
  const azure = validateAzure(
    'createChatCompletionRequest',
    { messages: body.messages, max_token: 1 },
    { noExtraProperties: true },
  );
  assert.equal(azure.valid, false);
  assert.ok(
    validateLegacyOpenAI('BatchRequestInput', { custom_id: 'a', method: 'POST', url: '/v1/chat/completions' }).valid,
  );
});

test('expect helpers throw a readable error; unknown schemas and specs are named', () => {
  assert.throws(
    () => expectOpenAI('Batch', { id: 1 }),
    (error) => {
      assert.ok(error instanceof ConformanceError);
      assert.match(error.message, /must have required property 'status'/);
      assert.match(error.message, /\/id must be string/);
      return true;
    },
  );
  assert.equal(expectOpenAI('Error', { message: 'm', type: 't', param: null, code: null }).message, 'm');
  assert.throws(() => validateOpenAI('NoSuchSchema', {}), /does not exist/);
  assert.ok(schemaNames('azure').includes('createChatCompletionResponse'));
  const pointer =
    '#/paths/~1deployments~1{deployment-id}~1embeddings/post/responses/200/content/application~1json/schema';
  assert.ok(
    validateAzure(pointer, {
      object: 'list',
      model: 'm',
      data: [{ index: 0, object: 'embedding', embedding: [0.1] }],
      usage: { prompt_tokens: 1, total_tokens: 1 },
    }).valid,
  );
});

test('Responses schemas read oneOf as anyOf by default (a user message with content parts matches two branches)', () => {
  const body = { model: 'gpt-4o', input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }] };
  assert.equal(validateOpenAI('CreateResponse', body).valid, true);
  const strictOneOf = validateOpenAI('CreateResponse', body, { oneOfAsAnyOf: false });
  assert.equal(strictOneOf.valid, false);
  assert.equal(validateOpenAI('CreateResponse', { ...body, input: [{ type: 'bogus' }] }).valid, false);
});

test('nodeOnlyUsages names each Node-only use in runtime sources and skips tests and fixtures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'node-only-'));
  try {
    writeFileSync(join(dir, 'a.ts'), "import { readFile } from 'node:fs/promises';\nBuffer.from('x');\n");
    writeFileSync(join(dir, 'a.test.ts'), "import { readFile } from 'node:fs/promises';\n");
    mkdirSync(join(dir, '__fixtures__'));
    writeFileSync(join(dir, '__fixtures__', 'b.ts'), 'createRequire(import.meta.url);\n');
    writeFileSync(join(dir, 'web.ts'), 'export const bytes = new TextEncoder().encode("x");\n');
    assert.deepEqual(nodeOnlyUsages(dir), ["a.ts: from 'node:", 'a.ts: \\bBuffer\\.']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
