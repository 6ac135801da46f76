import { expectOpenAI } from '@internal/conformance';
import { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { openaiClient, rawFetch, startTestServer, upload } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer({ maxFileBytes: 200_000 });
});
afterAll(() => server.close());

describe('files', () => {
  it('uploads multipart, retrieves, lists, downloads and deletes', async () => {
    const client = openaiClient(server);
    const file = expectOpenAI('OpenAIFile', await upload(client, '{"a":1}\n', 'data.jsonl'));
    expect(file).toMatchObject({
      object: 'file',
      purpose: 'batch',
      filename: 'data.jsonl',
      bytes: 8,
      status: 'processed',
    });
    expect(await client.files.retrieve(file.id)).toEqual(file);
    expect(await (await client.files.content(file.id)).text()).toBe('{"a":1}\n');
    const listed = await (await rawFetch(server, '/v1/files?purpose=batch')).json();
    expectOpenAI('ListFilesResponse', listed);
    expect(listed.data.map((item: { id: string }) => item.id)).toContain(file.id);
    const expiring = await client.files.create({
      file: await toFile(Buffer.from('x'), 'a.txt'),
      purpose: 'assistants',
      expires_after: { anchor: 'created_at', seconds: 3600 },
    });
    expect(expiring.expires_at).toBe(expiring.created_at + 3600);
    expectOpenAI('DeleteFileResponse', await client.files.delete(file.id));
    await expect(client.files.retrieve(file.id)).rejects.toMatchObject({ status: 404 });
    await expect(client.files.content('file-nope')).rejects.toMatchObject({ status: 404 });
    await expect(client.files.delete('file-nope')).rejects.toMatchObject({ status: 404 });
  });

  it('rejects bad uploads like the real API', async () => {
    const client = openaiClient(server);
    await expect(upload(client, 'x', 'input.txt')).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('Must be .jsonl'),
    });
    await expect(
      client.files.create({ file: await toFile(Buffer.from('x'), 'a.jsonl'), purpose: 'nonsense' as 'batch' }),
    ).rejects.toMatchObject({ status: 400, param: 'purpose' });
    await expect(upload(client, '', 'empty.jsonl')).rejects.toMatchObject({ status: 400 });
    await expect(
      client.files.create({
        file: await toFile(Buffer.from('x'), 'a.txt'),
        purpose: 'assistants',
        expires_after: { anchor: 'created_at', seconds: 5 },
      }),
    ).rejects.toMatchObject({ status: 400 });
    const big = await upload(client, 'x'.repeat(300_000), 'big.jsonl').catch((error: unknown) => error);
    expect((big as { status: number }).status).toBe(413);
    for (const [init, message] of [
      [{ body: 'x', headers: { 'content-type': 'text/plain' } }, 'expected multipart/form-data'],
      [
        { body: '--b\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=b' } },
        'Could not parse multipart form',
      ],
    ] as const) {
      const response = await rawFetch(server, '/v1/files', { method: 'POST', ...init });
      expect(response.status).toBe(400);
      expect(expectOpenAI('ErrorResponse', await response.json()).error.message).toContain(message);
    }
    const form = new FormData();
    form.set('file', new Blob(['x']), 'a.jsonl');
    const noPurpose = await rawFetch(server, '/v1/files', { method: 'POST', body: form });
    expect((await noPurpose.json()).error.message).toBe("Missing required parameter: 'purpose'.");
    const noFile = new FormData();
    noFile.set('purpose', 'batch');
    expect((await (await rawFetch(server, '/v1/files', { method: 'POST', body: noFile })).json()).error.message).toBe(
      "Missing required parameter: 'file'.",
    );
  });
});
