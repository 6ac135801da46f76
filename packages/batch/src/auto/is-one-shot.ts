/**
 * True when an input can be read only once: a generator (its iterator is itself). Arrays, sets and the result of
 * `readBatchRequests(path)` give a fresh iterator each time.
 */
export function isOneShot(input: Iterable<unknown> | AsyncIterable<unknown>): boolean {
  if (Array.isArray(input)) return false;
  const asyncIterator = (input as AsyncIterable<unknown>)[Symbol.asyncIterator];
  const iterator: unknown =
    typeof asyncIterator === 'function' ? asyncIterator.call(input) : (input as Iterable<unknown>)[Symbol.iterator]();
  return iterator === input;
}
