// The baseline of the mock-server bench: a minimal node:http server that does nothing but read the request body
// and answer a canned chat completion of the same size the mock sends, with keep-alive like the mock. Forked by
// throughput.mjs into its own process, exactly as the mock server is.
import { createServer } from 'node:http';

const body = JSON.stringify({
  id: 'chatcmpl-baseline0000000000000',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Mock answer about Benchmark me please: steady hands open windows distant bells new ideas.',
        refusal: null,
        annotations: [],
      },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 13, completion_tokens: 20, total_tokens: 33 },
  system_fingerprint: 'fp_baseline',
});
const headers = ['content-type', 'application/json', 'content-length', String(Buffer.byteLength(body))];

const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send({ type: 'ready', origin: `http://127.0.0.1:${server.address().port}` });
});
process.on('message', (message) => {
  if (message === 'stats') {
    const { user, system } = process.cpuUsage();
    const { rss, heapUsed, external } = process.memoryUsage();
    process.send({ type: 'stats', rss, heapUsed, external, cpuMs: (user + system) / 1000, requests: 0 });
  } else if (message === 'close') {
    server.closeAllConnections();
    server.close(() => process.disconnect());
  }
});
