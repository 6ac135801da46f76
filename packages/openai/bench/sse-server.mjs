/**
 * A loopback SSE server in its own process for the long-stream rows of stream-throughput.mjs: every POST gets the
 * recorded gpt-4.1-nano chat stream (../shared/reference) with its content chunks replayed `repeat` times, so one
 * response is thousands of chunks long (first chunk, content × repeat, finish chunk, usage chunk, `[DONE]`). The
 * events are encoded once; each network write carries `perWrite` of them. Ready: sends `{ url, chunks }` over IPC.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { referenceDir } from '@internal/conformance';

const repeat = Number(process.argv[2] ?? 20);
const perWrite = Number(process.argv[3] ?? 1);
const lines = readFileSync(join(referenceDir, 'fixtures/vercel-ai/openai_chat_openai-text.chunks.txt'), 'utf8')
  .split('\n')
  .filter(Boolean);
const [first, ...rest] = lines;
const tail = rest.splice(-2);
const chunks = [first, ...Array.from({ length: repeat }, () => rest).flat(), ...tail];
const events = [...chunks.map((line) => `data: ${line}\n\n`), 'data: [DONE]\n\n'];
const writes = [];
for (let i = 0; i < events.length; i += perWrite) writes.push(Buffer.from(events.slice(i, i + perWrite).join('')));

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_bench_stream' });
    let next = 0;
    const pump = () => {
      while (next < writes.length) {
        if (!response.write(writes[next++])) {
          response.once('drain', pump);
          return;
        }
      }
      response.end();
    };
    pump();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send({ url: `http://127.0.0.1:${server.address().port}/v1`, chunks: chunks.length });
});
process.on('message', (message) => {
  if (message === 'close') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
