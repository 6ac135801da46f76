/**
 * Reads a `ReadableStream` as an async iterable on every runtime (Node's streams are async iterable, Safari's and some
 * workers' are not). Stopping early cancels the stream, which closes its connection or file.
 */
export async function* iterateStream<T>(stream: ReadableStream<T>): AsyncGenerator<T, void, undefined> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const read = await reader.read();
      if (read.done) {
        done = true;
        return;
      }
      yield read.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
