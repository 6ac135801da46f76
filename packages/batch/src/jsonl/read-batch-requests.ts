import { validateBatchRequest } from '../run/validate-request.js';
import { decodeRequest } from '../submit/request-codec.js';
import type { BatchRequest } from '../types/batch-request.js';
import { type JsonlSource, parseJsonLine, type ReadJsonlOptions, readJsonlLines } from './read-jsonl.js';

/**
 * Reads batch requests from a JSONL file, one `{ customId, kind?, request }` object per line, as a stream (memory
 * stays flat). The result can be iterated more than once when the source is a path (each pass reopens the file),
 * so `planBatch` and `mode: 'auto'` can read it twice. A bad line throws, naming its line number.
 */
export function readBatchRequests(source: JsonlSource, options: ReadJsonlOptions = {}): AsyncIterable<BatchRequest> {
  return {
    async *[Symbol.asyncIterator]() {
      let position = 0;
      for await (const { text, lineNumber } of readJsonlLines(source, options)) {
        parseJsonLine(text, lineNumber);
        yield validateBatchRequest(decodeRequest(text), position);
        position += 1;
      }
    },
  };
}
