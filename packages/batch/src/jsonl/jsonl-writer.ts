import { type FileHandle, open } from 'node:fs/promises';

/**
 * Bytes gathered before one write to the file: few system calls, bounded memory. 256 KiB writes cost no more time
 * than 1 MiB ones, and a Batch API job keeps two writers open per part.
 */
const FLUSH_BYTES = 256 * 1024;

const NEWLINE = 0x0a;
const encoder = new TextEncoder();

/**
 * Writes JSONL to a file through a fixed byte buffer (256 KiB by default): each line is UTF-8-encoded straight into the buffer, which is
 * written out when full, so there is no joining of strings and no second copy of a buffer's worth of text (the
 * building of a 200 MB Batch API file spent most of its time there). Counts lines and bytes so callers can split
 * files at a size limit before crossing it.
 */
export class JsonlWriter {
  /** The default size of the buffer, in bytes. */
  static readonly DEFAULT_BUFFER_BYTES = FLUSH_BYTES;

  private readonly chunk: Uint8Array;
  private used = 0;
  private linesWritten = 0;
  private bytesWritten = 0;

  private constructor(
    private readonly file: FileHandle,
    bufferBytes: number,
  ) {
    this.chunk = new Uint8Array(bufferBytes);
  }

  /**
   * Creates (or truncates) the file. `bufferBytes` sets the buffer (at least 1 KiB); memory stays at that however
   * many lines are written, since a full buffer is written out before the next line goes in.
   */
  static async create(path: string, options: { bufferBytes?: number } = {}): Promise<JsonlWriter> {
    const bufferBytes = Math.max(1024, Math.floor(options.bufferBytes ?? FLUSH_BYTES));
    return new JsonlWriter(await open(path, 'w'), bufferBytes);
  }

  /** The size of the buffer, in bytes. */
  get bufferBytes(): number {
    return this.chunk.length;
  }

  /** Bytes waiting in the buffer (not yet written to the file). */
  get buffered(): number {
    return this.used;
  }

  /** Lines written so far (buffered ones included). */
  get lines(): number {
    return this.linesWritten;
  }

  /** Bytes written so far (buffered ones included), newlines counted. */
  get bytes(): number {
    return this.bytesWritten;
  }

  /** The size in bytes `line` takes in the file, its newline included. */
  static byteLengthOf(line: string): number {
    return Buffer.byteLength(line) + 1;
  }

  /** Appends one line of JSON text (without newline); `byteLength` may be passed when already measured. */
  async writeLine(line: string, byteLength = JsonlWriter.byteLengthOf(line)): Promise<void> {
    this.linesWritten += 1;
    this.bytesWritten += byteLength;
    if (this.used + byteLength > this.chunk.length) await this.flush();
    if (byteLength > this.chunk.length) {
      // A line longer than the buffer goes out on its own.
      await this.file.write(encoder.encode(`${line}\n`));
      return;
    }
    const { read, written } = encoder.encodeInto(line, this.chunk.subarray(this.used, this.chunk.length - 1));
    if (read < line.length) {
      // The caller's byte count was short: write the line out whole rather than cut it.
      await this.flush();
      await this.file.write(encoder.encode(`${line}\n`));
      return;
    }
    this.used += written;
    this.chunk[this.used++] = NEWLINE;
  }

  /** Appends one value as a JSON line. */
  async write(value: unknown): Promise<void> {
    await this.writeLine(JSON.stringify(value));
  }

  /** Writes out what is buffered. */
  async flush(): Promise<void> {
    if (this.used === 0) return;
    const used = this.used;
    this.used = 0;
    let offset = 0;
    while (offset < used) {
      const { bytesWritten } = await this.file.write(this.chunk, offset, used - offset);
      offset += bytesWritten;
    }
  }

  /** Flushes and closes the file; with `sync`, waits until the data is on disk first. */
  async close(options: { sync?: boolean } = {}): Promise<void> {
    try {
      await this.flush();
      if (options.sync) await this.file.sync();
    } finally {
      await this.file.close();
    }
  }
}
