import { RealtimeClientEventError } from './errors.js';
import type { ConversationEntry } from './items.js';

/** The ordered items of one session's default conversation. */
export class Conversation {
  readonly #entries: ConversationEntry[] = [];
  /** Lookups by id stay O(1) however long a session runs. */
  readonly #byId = new Map<string, ConversationEntry>();

  /** All entries, oldest first. */
  get entries(): readonly ConversationEntry[] {
    return this.#entries;
  }

  /** The id of the last item, or null for an empty conversation. */
  lastItemId(): string | null {
    const last = this.#entries.at(-1);
    return last ? idOf(last) : null;
  }

  /**
   * Inserts an entry after `previousItemId` (`root` = at the start, undefined = at the end) and returns the id of
   * the item now before it, for the `previous_item_id` of the server events.
   */
  insert(entry: ConversationEntry, previousItemId?: string): string | null {
    const id = idOf(entry);
    if (this.#byId.has(id)) {
      throw new RealtimeClientEventError(`Item with id '${id}' already exists.`, 'duplicate_item_id', 'item.id');
    }
    let previous: string | null;
    if (previousItemId === undefined) {
      previous = this.lastItemId();
      this.#entries.push(entry);
    } else if (previousItemId === 'root') {
      previous = null;
      this.#entries.unshift(entry);
    } else {
      const after = this.#byId.get(previousItemId);
      if (!after) {
        throw new RealtimeClientEventError(
          `Error adding item: the previous item with id '${previousItemId}' does not exist.`,
          'item_not_found',
          'previous_item_id',
        );
      }
      previous = previousItemId;
      this.#entries.splice(this.#entries.indexOf(after) + 1, 0, entry);
    }
    this.#byId.set(id, entry);
    return previous;
  }

  /** The entry for `id`, if any. */
  find(id: string): ConversationEntry | undefined {
    return this.#byId.get(id);
  }

  /** Removes the item `id`; false when it does not exist. */
  delete(id: string): boolean {
    const entry = this.#byId.get(id);
    if (!entry) return false;
    this.#byId.delete(id);
    this.#entries.splice(this.#entries.indexOf(entry), 1);
    return true;
  }
}

function idOf(entry: ConversationEntry): string {
  return entry.item.id as string;
}
