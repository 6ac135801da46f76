import type { IdGenerator } from '../vocabulary/ids.js';

/** File purposes the Files API accepts on upload. */
export const UPLOAD_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;

/** A stored file: its public object and its bytes. */
export interface StoredFile {
  object: {
    id: string;
    object: 'file';
    bytes: number;
    created_at: number;
    expires_at?: number;
    filename: string;
    purpose: string;
    status: 'processed';
  };
  data: Buffer;
}

/** The in-memory Files API store (uploads and batch output/error files). */
export class FileStore {
  #files = new Map<string, StoredFile>();
  readonly #ids: IdGenerator;

  constructor(ids: IdGenerator) {
    this.#ids = ids;
  }

  /** Stores bytes as a new file and returns it. */
  add(filename: string, purpose: string, data: Buffer, expiresAfterSeconds?: number): StoredFile {
    const created = Math.floor(Date.now() / 1000);
    const file: StoredFile = {
      object: {
        id: this.#ids.next('file-'),
        object: 'file',
        bytes: data.length,
        created_at: created,
        filename,
        purpose,
        status: 'processed',
      },
      data,
    };
    if (expiresAfterSeconds !== undefined) file.object.expires_at = created + expiresAfterSeconds;
    this.#files.set(file.object.id, file);
    return file;
  }

  /** The file, or undefined. */
  get(id: string): StoredFile | undefined {
    return this.#files.get(id);
  }

  /** Removes a file; false if it did not exist. */
  delete(id: string): boolean {
    return this.#files.delete(id);
  }

  /** How many files are stored. */
  get size(): number {
    return this.#files.size;
  }

  /** Every file, newest first. */
  list(): StoredFile[] {
    return [...this.#files.values()].reverse();
  }
}
