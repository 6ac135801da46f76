// The baseline of the mock-server bench: a minimal node:http server that does nothing but read the request body
// and answer a canned chat completion of the same size the mock sends, with keep-alive like the mock. A streaming
// request (its body says "stream":true) gets canned SSE chunks of the same count and size as the mock's, paced the
// obvious way: headers at once, then one setTimeout per chunk (the first after the time to first token given in
// argv[2], the others the inter-chunk delay apart). Forked by throughput.mjs into its own process, exactly as the
// mock server is, and listening with the same backlog as the mock, so a burst of connections meets the same kernel
// queue on both.
import { createServer } from 'node:http';

const { timeToFirstTokenMs = 0, interChunkMs = 0 } = JSON.parse(process.argv[2] ?? '{}');

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

const head =
  'data: {"id":"chatcmpl-baseline0000000000000","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-streaming","service_tier":"default","system_fingerprint":"fp_baseline","choices":[';
const chunk = (choice) => `${head}${choice}],"usage":null}\n\n`;
const words = 'Mock answer about Stream for the benchmark steady hands open windows distant bells new ideas'.split(' ');
const events = [
  chunk('{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}'),
  ...Array.from({ length: 40 }, (_, i) =>
    chunk(`{"index":0,"delta":{"content":" ${words[i % words.length]}"},"logprobs":null,"finish_reason":null}`),
  ),
  chunk('{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}'),
  `${head}],"usage":{"prompt_tokens":15,"completion_tokens":40,"total_tokens":55,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}\n\n`,
  'data: [DONE]\n\n',
];
const sseHeaders = ['content-type', 'text/event-stream; charset=utf-8', 'cache-control', 'no-cache'];

function stream(res) {
  res.writeHead(200, sseHeaders);
  res.flushHeaders();
  let next = 0;
  const write = () => {
    if (res.destroyed) return;
    res.write(events[next++]);
    if (next === events.length) res.end();
    else setTimeout(write, interChunkMs);
  };
  setTimeout(write, timeToFirstTokenMs);
}

const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
  let streaming = false;
  req.on('data', (data) => {
    streaming ||= data.includes('"stream":true');
  });
  req.on('end', () => {
    if (streaming) return stream(res);
    res.writeHead(200, headers);
    res.end(body);
  });
});
// The same backlog as the mock server (see its LISTEN_BACKLOG).
server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, () => {
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
