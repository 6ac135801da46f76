/** A bounded map of generated blobs (images): the oldest is dropped when full, so memory stays flat. */
export class BlobStore {
  #items = new Map<string, Buffer>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Stores a blob under a name. */
  set(name: string, data: Buffer): void {
    if (this.#items.size >= this.#limit) this.#items.delete(this.#items.keys().next().value as string);
    this.#items.set(name, data);
  }

  /** The blob, or undefined. */
  get(name: string): Buffer | undefined {
    return this.#items.get(name);
  }
}
