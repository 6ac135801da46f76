import type { ConversationContext } from './input-items.js';

/** A stored response: the body `GET /v1/responses/{id}` returns, and the context a follow-up turn builds on. */
export interface StoredResponse {
  body: Record<string, unknown>;
  context: ConversationContext;
}

/**
 * Responses created with `store` not false, by id, for `previous_response_id` and retrieval. Bounded (oldest out
 * first) so a long benchmark cannot grow the server without limit.
 */
export class ResponseStore {
  readonly #items = new Map<string, StoredResponse>();
  readonly #limit: number;

  constructor(limit = 2048) {
    this.#limit = limit;
  }

  get(id: string): StoredResponse | undefined {
    return this.#items.get(id);
  }

  set(id: string, stored: StoredResponse): void {
    if (this.#items.size >= this.#limit) this.#items.delete(this.#items.keys().next().value as string);
    this.#items.set(id, stored);
  }

  delete(id: string): boolean {
    return this.#items.delete(id);
  }

  clear(): void {
    this.#items.clear();
  }
}
