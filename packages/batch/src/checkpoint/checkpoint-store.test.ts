import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerError } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from '../errors/checkpoint-error.js';
import type { BatchResult } from '../types/batch-result.js';
import { CheckpointStore } from './checkpoint-store.js';

let dir: string;
let n = 0;
const fresh = () => {
  n += 1;
  return join(dir, `ckpt-${n}.jsonl`);
};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-ckpt-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const success = (customId: string, text = `answer ${customId}`): BatchResult => ({
  customId,
  source: 'run',
  ok: true,
  latencyMs: 1,
  attempts: 1,
  costUsd: 0,
  chat: { id: customId, model: 'm', text, toolCalls: [], refusal: null, finishReason: 'stop', rawFinishReason: 'stop' },
});

const failure = (customId: string, retryable: boolean): BatchResult => ({
  customId,
  source: 'run',
  ok: false,
  latencyMs: 1,
  attempts: 3,
  costUsd: 0,
  error: new ServerError({ message: 'boom', status: 500, retryable }),
});

describe('CheckpointStore', () => {
  it('creates a file with a header and reads results back after reopening', async () => {
    const path = fresh();
    const store = await CheckpointStore.open(path, { fingerprint: 'fp' });
    expect(store.count).toBe(0);
    await Promise.all([
      store.append(success('a'), 'ha'),
      store.append(failure('b', true), 'hb'),
      store.append(failure('c', false), 'hc'),
    ]);
    await store.close();
    await store.close();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0] as string)).toMatchObject({ type: 'header', fingerprint: 'fp', version: 1 });
    expect(lines).toHaveLength(4);

    const again = await CheckpointStore.open(path, { fingerprint: 'fp', durability: 'write' });
    expect(again.count).toBe(3);
    expect(again.get('a')).toMatchObject({ ok: true, requestHash: 'ha' });
    expect(again.get('b')).toMatchObject({ ok: false, retryable: true });
    expect(again.get('c')).toMatchObject({ ok: false, retryable: false });
    expect(await again.read('a')).toMatchObject({
      customId: 'a',
      source: 'checkpoint',
      ok: true,
      chat: { text: 'answer a' },
    });
    await expect(again.read('zzz')).rejects.toThrow(/No checkpointed result/);
    await again.append(success('b'), 'hb');
    expect(again.get('b')).toMatchObject({ ok: true });
    expect(await again.read('b')).toMatchObject({ ok: true });
    await again.close();
    await expect(again.append(success('d'), 'hd')).rejects.toThrow(/closed/);
  });

  it('refuses a checkpoint written for another input, leaving it untouched', async () => {
    const path = fresh();
    const store = await CheckpointStore.open(path, { fingerprint: 'one' });
    await store.append(success('a'), 'h');
    await store.close();
    const before = await readFile(path, 'utf8');
    const error = await CheckpointStore.open(path, { fingerprint: 'two' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointError);
    expect(error).toMatchObject({ problem: 'input-mismatch', code: 'config' });
    expect(await readFile(path, 'utf8')).toBe(before);
    // The lock was released: the right input can still open it.
    await (await CheckpointStore.open(path, { fingerprint: 'one' })).close();
  });

  it('cuts off a torn last line and keeps everything before it', async () => {
    const path = fresh();
    const store = await CheckpointStore.open(path, { fingerprint: 'fp' });
    await store.append(success('a'), 'h');
    await store.close();
    const goodSize = (await stat(path)).size;
    await appendFile(path, '{"type":"result","customId":"b","req');
    const again = await CheckpointStore.open(path, { fingerprint: 'fp' });
    expect(again.count).toBe(1);
    expect((await stat(path)).size).toBe(goodSize);
    await again.append(success('b'), 'h');
    await again.close();
    const third = await CheckpointStore.open(path, { fingerprint: 'fp' });
    expect(third.count).toBe(2);
    expect(await third.read('b')).toMatchObject({ ok: true });
    await third.close();
  });

  it('cuts off trailing garbage lines (zeros after a power cut)', async () => {
    const path = fresh();
    const store = await CheckpointStore.open(path, { fingerprint: 'fp' });
    await store.append(success('a'), 'h');
    await store.close();
    await appendFile(path, '\0\0\0\0\n\0\0\n');
    const again = await CheckpointStore.open(path, { fingerprint: 'fp' });
    expect(again.count).toBe(1);
    await again.close();
  });

  it('starts afresh over an empty file or a torn header', async () => {
    const empty = fresh();
    await writeFile(empty, '');
    const a = await CheckpointStore.open(empty, { fingerprint: 'fp' });
    await a.close();
    expect(await readFile(empty, 'utf8')).toMatch(/^\{"type":"header"/);
    const torn = fresh();
    await writeFile(torn, '{"type":"hea');
    const b = await CheckpointStore.open(torn, { fingerprint: 'fp' });
    await b.close();
    expect(JSON.parse((await readFile(torn, 'utf8')).trim())).toMatchObject({ fingerprint: 'fp' });
  });

  it('refuses a file that is not a checkpoint, or damaged in the middle', async () => {
    const other = fresh();
    await writeFile(other, '{"hello":"world"}\n');
    await expect(CheckpointStore.open(other, { fingerprint: 'fp' })).rejects.toMatchObject({ problem: 'corrupt' });
    const future = fresh();
    await writeFile(
      future,
      `${JSON.stringify({ type: 'header', format: 'switchboard-batch-checkpoint', version: 9, fingerprint: 'fp' })}\n`,
    );
    await expect(CheckpointStore.open(future, { fingerprint: 'fp' })).rejects.toThrow(/version 9/);
    const damaged = fresh();
    const store = await CheckpointStore.open(damaged, { fingerprint: 'fp' });
    await store.append(success('a'), 'h');
    await store.close();
    await appendFile(damaged, 'garbage\n');
    await appendFile(
      damaged,
      `${JSON.stringify({ type: 'result', customId: 'z', requestHash: 'h', ok: true, chat: {} })}\n`,
    );
    await expect(CheckpointStore.open(damaged, { fingerprint: 'fp' })).rejects.toMatchObject({ problem: 'corrupt' });
  });

  it('is locked against a second writer, and takes over a lock left by a dead process', async () => {
    const path = fresh();
    const store = await CheckpointStore.open(path, { fingerprint: 'fp' });
    await expect(CheckpointStore.open(path, { fingerprint: 'fp' })).rejects.toMatchObject({ problem: 'locked' });
    await store.close();
    await writeFile(`${path}.lock`, '999999999');
    const again = await CheckpointStore.open(path, { fingerprint: 'fp' });
    await again.close();
    await writeFile(`${path}.lock`, String(process.ppid));
    await expect(CheckpointStore.open(path, { fingerprint: 'fp' })).rejects.toThrow(/in use by process/);
    await rm(`${path}.lock`);
  });

  it('fails every pending write when the disk write fails, and refuses later ones', async () => {
    const path = fresh();
    const store = await CheckpointStore.open(path, { fingerprint: 'fp' });
    // Close the underlying file behind the store's back to make the next write fail.
    await (store as unknown as { file: { close(): Promise<void> } }).file.close();
    const results = await Promise.allSettled([store.append(success('a'), 'h'), store.append(success('b'), 'h')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(store.append(success('c'), 'h')).rejects.toBeDefined();
    await store.close().catch(() => undefined);
  });
});
