/**
 * Splits a byte stream into lines (LF or CRLF, UTF-8 characters split across chunks kept whole), skipping empty lines.
 * Returning early cancels the stream, which closes the connection.
 */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  let done = false;
  try {
    for (;;) {
      const read = await reader.read();
      if (read.done) {
        done = true;
        rest += decoder.decode();
        break;
      }
      rest += decoder.decode(read.value, { stream: true });
      let newline = rest.indexOf('\n');
      while (newline !== -1) {
        const line = stripCr(rest.slice(0, newline));
        rest = rest.slice(newline + 1);
        if (line) yield line;
        newline = rest.indexOf('\n');
      }
    }
    const last = stripCr(rest);
    if (last) yield last;
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
