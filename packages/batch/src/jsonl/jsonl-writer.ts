import { type FileHandle, open } from 'node:fs/promises';

/** Bytes gathered before one write to the file: few system calls, bounded memory. */
const FLUSH_BYTES = 1 << 20;

/**
 * Writes JSONL to a file through a 1 MiB buffer. Counts lines and bytes so callers can split files at a size limit
 * before crossing it.
 */
export class JsonlWriter {
  private buffer: string[] = [];
  private bufferedBytes = 0;
  private linesWritten = 0;
  private bytesWritten = 0;

  private constructor(private readonly file: FileHandle) {}

  /** Creates (or truncates) the file. */
  static async create(path: string): Promise<JsonlWriter> {
    return new JsonlWriter(await open(path, 'w'));
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
    this.buffer.push(line);
    this.bufferedBytes += byteLength;
    this.linesWritten += 1;
    this.bytesWritten += byteLength;
    if (this.bufferedBytes >= FLUSH_BYTES) await this.flush();
  }

  /** Appends one value as a JSON line. */
  async write(value: unknown): Promise<void> {
    await this.writeLine(JSON.stringify(value));
  }

  /** Writes out what is buffered. */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    this.bufferedBytes = 0;
    await this.file.writeFile(text);
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
