import { RealtimeClientEventError } from './errors.js';
import type { ConversationEntry } from './items.js';

/** The ordered items of one session's default conversation. */
export class Conversation {
  readonly #entries: ConversationEntry[] = [];

  /** All entries, oldest first. */
  get entries(): readonly ConversationEntry[] {
    return this.#entries;
  }

  /** The id of the last item, or null for an empty conversation. */
  lastItemId(): string | null {
    return itemId(this.#entries.at(-1));
  }

  /**
   * Inserts an entry after `previousItemId` (`root` = at the start, undefined = at the end) and returns the id of
   * the item now before it, for the `previous_item_id` of the server events.
   */
  insert(entry: ConversationEntry, previousItemId?: string): string | null {
    if (this.find(itemId(entry) as string)) {
      throw new RealtimeClientEventError(
        `Item with id '${itemId(entry)}' already exists.`,
        'duplicate_item_id',
        'item.id',
      );
    }
    if (previousItemId === undefined) {
      const previous = this.lastItemId();
      this.#entries.push(entry);
      return previous;
    }
    if (previousItemId === 'root') {
      this.#entries.unshift(entry);
      return null;
    }
    const index = this.#entries.findIndex((candidate) => itemId(candidate) === previousItemId);
    if (index < 0) {
      throw new RealtimeClientEventError(
        `Error adding item: the previous item with id '${previousItemId}' does not exist.`,
        'item_not_found',
        'previous_item_id',
      );
    }
    this.#entries.splice(index + 1, 0, entry);
    return previousItemId;
  }

  /** The entry for `id`, if any. */
  find(id: string): ConversationEntry | undefined {
    return this.#entries.find((entry) => itemId(entry) === id);
  }

  /** Removes the item `id`; false when it does not exist. */
  delete(id: string): boolean {
    const index = this.#entries.findIndex((entry) => itemId(entry) === id);
    if (index < 0) return false;
    this.#entries.splice(index, 1);
    return true;
  }
}

function itemId(entry: ConversationEntry | undefined): string | null {
  return entry ? (entry.item.id as string) : null;
}
