import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CheckpointError } from '../errors/checkpoint-error.js';
import { splitLines } from '../jsonl/split-lines.js';
import type { BatchResult } from '../types/batch-result.js';
import { CheckpointLock } from './checkpoint-lock.js';
import { parseResultRecord, serializeResultRecord } from './result-record.js';

/** How hard a checkpoint write is pushed to disk before the result counts as saved. */
export type CheckpointDurability =
  /** `fdatasync` after every group of writes: survives a power cut as well as `kill -9`. */
  | 'fsync'
  /** A plain `write`: survives the process dying (`kill -9`, a crash), not the machine losing power. */
  | 'write';

/** What the store remembers about one checkpointed result, without keeping the result in memory. */
export interface CheckpointEntry {
  /** Hash of the request the result answers. */
  requestHash: string;
  /** Whether the request succeeded. */
  ok: boolean;
  /** For failures: whether the error was retryable. */
  retryable: boolean;
  /** Where the line starts in the file. */
  offset: number;
  /** The line's length in bytes, newline included. */
  byteLength: number;
}

const FORMAT = 'switchboard-batch-checkpoint';
const VERSION = 1;

interface PendingWrite {
  line: string;
  customId: string;
  entry: Omit<CheckpointEntry, 'offset' | 'byteLength'>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * An append-only JSONL checkpoint: a header line with the input fingerprint, then one line per finished request.
 * Appends are group-committed (one write and one `fdatasync` for everything that finished meanwhile), so durability
 * costs little at high request rates. A torn last line (the process died mid-write) is cut off when the file is
 * opened again; results are read back by offset, so memory holds only a small index.
 */
export class CheckpointStore {
  private readonly entries = new Map<string, CheckpointEntry>();
  private queue: PendingWrite[] = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;
  private closed = false;

  private constructor(
    /** The checkpoint file. */
    readonly path: string,
    private readonly file: FileHandle,
    private size: number,
    private readonly durability: CheckpointDurability,
    private readonly lock: CheckpointLock,
  ) {}

  /**
   * Opens (or creates) the checkpoint at `path` for an input with this fingerprint. Throws a `CheckpointError` when
   * the file belongs to another input, is not a checkpoint, or is in use by another process.
   */
  static async open(
    path: string,
    options: { fingerprint: string; durability?: CheckpointDurability },
  ): Promise<CheckpointStore> {
    const durability = options.durability ?? 'fsync';
    const lock = await CheckpointLock.acquire(path);
    try {
      const scan = await scanCheckpoint(path, options.fingerprint);
      const file = await open(path, scan.validBytes === 0 ? 'w+' : 'r+');
      try {
        let size = scan.validBytes;
        if (size === 0) {
          const header = `${JSON.stringify({ type: 'header', format: FORMAT, version: VERSION, fingerprint: options.fingerprint, createdAt: new Date().toISOString() })}\n`;
          await file.write(header, 0);
          size = Buffer.byteLength(header);
          await file.truncate(size);
          await file.sync();
          await syncDirectory(path);
        } else if (scan.fileBytes > scan.validBytes) {
          await file.truncate(scan.validBytes);
          await file.sync();
        }
        const store = new CheckpointStore(path, file, size, durability, lock);
        for (const [customId, entry] of scan.entries) store.entries.set(customId, entry);
        return store;
      } catch (error) {
        await file.close();
        throw error;
      }
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Number of requests with a saved result. */
  get count(): number {
    return this.entries.size;
  }

  /** The saved entry for a request, if any. */
  get(customId: string): CheckpointEntry | undefined {
    return this.entries.get(customId);
  }

  /** Reads a saved result back from the file. */
  async read(customId: string): Promise<BatchResult> {
    const entry = this.entries.get(customId);
    if (!entry) throw new Error(`No checkpointed result for ${customId}.`);
    const buffer = Buffer.alloc(entry.byteLength);
    await this.file.read(buffer, 0, entry.byteLength, entry.offset);
    const record = parseResultRecord(JSON.parse(buffer.toString('utf8')));
    if (!record) throw corrupt(this.path, `the saved result of ${customId} no longer parses`);
    return record.result;
  }

  /**
   * Saves a finished result; resolves once it is written (and synced, with `fsync` durability). Results finishing
   * while a write is under way go out together in the next one.
   */
  append(result: BatchResult, requestHash: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The checkpoint is closed.'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({
        line: `${serializeResultRecord(result, requestHash)}\n`,
        customId: result.customId,
        entry: { requestHash, ok: result.ok, retryable: !result.ok && result.error.retryable },
        resolve,
        reject,
      });
      this.flushing ??= this.flushLoop();
    });
  }

  /** Waits for pending writes, then closes the file and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.flushing;
    } finally {
      await this.file.close();
      await this.lock.release();
    }
  }

  private async flushLoop(): Promise<void> {
    // Let every result that settles in this turn of the event loop join the first write.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      try {
        const buffers = group.map((write) => Buffer.from(write.line));
        const chunk = Buffer.concat(buffers);
        let written = 0;
        while (written < chunk.length) {
          const { bytesWritten } = await this.file.write(chunk, written, chunk.length - written, this.size + written);
          written += bytesWritten;
        }
        if (this.durability === 'fsync') await this.file.datasync();
        let offset = this.size;
        group.forEach((write, i) => {
          const byteLength = (buffers[i] as Buffer).length;
          this.entries.set(write.customId, { ...write.entry, offset, byteLength });
          offset += byteLength;
        });
        this.size = offset;
        for (const write of group) write.resolve();
      } catch (error) {
        this.failure = error;
        for (const write of [...group, ...this.queue]) write.reject(error);
        this.queue = [];
      }
    }
    this.flushing = undefined;
  }
}

interface Scan {
  entries: Map<string, CheckpointEntry>;
  /** Bytes up to the end of the last good line (0: no usable header, start afresh). */
  validBytes: number;
  fileBytes: number;
}

async function scanCheckpoint(path: string, fingerprint: string): Promise<Scan> {
  const entries = new Map<string, CheckpointEntry>();
  let validBytes = 0;
  let fileBytes = 0;
  let damagedAt: number | undefined;
  let sawHeader = false;
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    for await (const line of splitLines(stream)) {
      fileBytes = line.offset + line.byteLength;
      const value = line.terminated ? tryParse(line.text) : undefined;
      if (!sawHeader) {
        if (value === undefined && !line.terminated) break; // torn header: the file was never used
        checkHeader(path, value, fingerprint);
        sawHeader = true;
        validBytes = fileBytes;
        continue;
      }
      const record = parseResultRecord(value);
      if (!record) {
        damagedAt ??= line.offset;
        continue;
      }
      if (damagedAt !== undefined)
        throw corrupt(path, `the line at byte ${damagedAt} is damaged but later lines are not`);
      const { result } = record;
      entries.set(record.customId, {
        requestHash: record.requestHash,
        ok: result.ok,
        retryable: !result.ok && result.error.retryable,
        offset: line.offset,
        byteLength: line.byteLength,
      });
      validBytes = fileBytes;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries, validBytes: 0, fileBytes: 0 };
    throw error;
  } finally {
    stream.destroy();
  }
  return { entries, validBytes, fileBytes };
}

function checkHeader(path: string, value: unknown, fingerprint: string): void {
  const header = value as Record<string, unknown> | undefined;
  if (header?.type !== 'header' || header.format !== FORMAT) {
    throw corrupt(path, 'it does not start with a Switchboard checkpoint header');
  }
  if (header.version !== VERSION) throw corrupt(path, `it has version ${String(header.version)}, expected ${VERSION}`);
  if (header.fingerprint !== fingerprint) {
    throw new CheckpointError({
      problem: 'input-mismatch',
      path,
      message: `The checkpoint ${path} was written for a different input (its fingerprint does not match); use another checkpoint path or delete it to start over.`,
    });
  }
}

function corrupt(path: string, why: string): CheckpointError {
  return new CheckpointError({ problem: 'corrupt', path, message: `The checkpoint ${path} cannot be used: ${why}.` });
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function syncDirectory(path: string): Promise<void> {
  // Makes the new file's directory entry durable too; not every platform can open a directory.
  const directory = await open(dirname(path), 'r').catch(() => undefined);
  if (!directory) return;
  try {
    await directory.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the file's own data is synced regardless.
  } finally {
    await directory.close();
  }
}
