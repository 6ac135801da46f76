// Bounded load generators: node:http keep-alive sockets for request/response (lighter than fetch), bare sockets for
// streams (lighter still), so the client is not the bottleneck.
import http from 'node:http';
import net from 'node:net';

const KEY = 'sk-bench-0001';

/** One POST; resolves with { status, body, firstByteMs } once the response has fully arrived. */
export function post(agent, origin, path, payload, onFirstByte) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(`${origin}${path}`, {
      method: 'POST',
      agent,
      headers: {
        authorization: `Bearer ${KEY}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
      },
    });
    request.on('response', (response) => {
      let firstByteMs;
      const chunks = [];
      response.on('data', (chunk) => {
        if (firstByteMs === undefined) {
          firstByteMs = performance.now() - started;
          onFirstByte?.();
        }
        chunks.push(chunk);
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          body: Buffer.concat(chunks).toString('utf8'),
          firstByteMs,
          totalMs: performance.now() - started,
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    // Bounded: a request that takes longer than 30 s fails instead of holding the bench forever.
    request.setTimeout(30_000, () => request.destroy(new Error('bench request timed out')));
    request.end(payload);
  });
}

/** Runs `workers` loops of non-streaming chat requests for `ms`; returns the count and latencies. */
export async function chatThroughput(origin, { workers, ms }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: workers });
  const payload = JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Benchmark me, please.' }],
  });
  const deadline = performance.now() + ms;
  let ok = 0;
  let failed = 0;
  const latencies = [];
  const loop = async () => {
    while (performance.now() < deadline) {
      const { status, totalMs } = await post(agent, origin, '/v1/chat/completions', payload);
      if (status === 200) ok++;
      else failed++;
      if (latencies.length < 200_000) latencies.push(totalMs);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, loop));
  const elapsed = performance.now() - started;
  agent.destroy();
  return { rps: (ok / elapsed) * 1000, ok, failed, latencies };
}

/** The end of a complete chat stream on the wire: the [DONE] event, then the last chunk of chunked encoding. */
const STREAM_END = 'data: [DONE]\n\n\r\n0\r\n\r\n';

/**
 * One streaming POST over its own connection, on a bare socket: the load generator has to open 2,000 of these at once
 * and read every chunk of each, and node:http's client machinery (agent, parser objects, a readable stream per
 * response, a Buffer.concat of every body) cost the bench process more CPU than the server spent on them, so the
 * client's own lag showed up as server latency. The request bytes are what an HTTP/1.1 client sends; the answer is
 * checked, not parsed: status 200 and a body that ends with [DONE] and the chunked-encoding terminator.
 * `firstChunkMs` is the time from opening the connection to the first body bytes after the response headers,
 * `headersMs` to the end of the response headers (which the server sends at once). Every gap between two reads of
 * the body after the first chunk goes into `gaps` (a read may hold more than one chunk, so a gap is at least the
 * inter-chunk delay when the server keeps pace, and larger when later chunks come late).
 */
function streamOnce(port, request, onFirstChunk, gaps) {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let head = '';
    let inBody = false;
    let headersMs;
    let firstChunkMs;
    let lastReadAt = 0;
    let tail = '';
    let ok = false;
    const finish = (complete) => {
      clearTimeout(timer);
      socket.destroy();
      // From the first chunk to the last: (chunks - 1) x the inter-chunk delay when every later chunk is on time.
      const bodyMs = complete ? lastReadAt - started - firstChunkMs : undefined;
      resolve({ complete, headersMs, firstChunkMs, bodyMs });
    };
    // Bounded: a stream that takes longer than 30 s counts as incomplete instead of holding the bench forever.
    const timer = setTimeout(() => finish(false), 30_000);
    socket.on('data', (data) => {
      if (!inBody) {
        head += data.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        inBody = true;
        headersMs = performance.now() - started;
        ok = head.startsWith('HTTP/1.1 200 ');
        if (end + 4 === head.length) return;
        tail = head.slice(end + 4);
      } else {
        tail = (tail + data.toString('latin1')).slice(-STREAM_END.length);
      }
      const readAt = performance.now();
      if (firstChunkMs === undefined) {
        firstChunkMs = readAt - started;
        onFirstChunk();
      } else gaps.push(readAt - lastReadAt);
      lastReadAt = readAt;
      if (tail.endsWith(STREAM_END)) finish(ok);
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.write(request);
  });
}

/**
 * Opens `count` streaming chat requests at once (each on its own connection) and tracks how many are receiving
 * chunks at the same time (from their first chunk to their end); each must end with [DONE]. Returns that peak, the
 * time to first chunk and to the headers of each, the gaps between later reads of all streams and the duration.
 */
export async function concurrentStreams(origin, { count, model }) {
  const { port } = new URL(origin);
  const body = JSON.stringify({
    model,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'Stream for the benchmark.' }],
  });
  const request = Buffer.from(
    `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer ${KEY}\r\n` +
      `content-type: application/json\r\naccept: text/event-stream\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  let open = 0;
  let peak = 0;
  const gaps = [];
  const started = performance.now();
  const one = async () => {
    let streaming = false;
    const result = await streamOnce(
      Number(port),
      request,
      () => {
        streaming = true;
        open++;
        peak = Math.max(peak, open);
      },
      gaps,
    );
    if (streaming) open--;
    return result;
  };
  const results = await Promise.all(Array.from({ length: count }, one));
  return {
    peak,
    complete: results.filter((result) => result.complete).length,
    firstChunk: results.map((result) => result.firstChunkMs ?? Number.NaN),
    headers: results.map((result) => result.headersMs ?? Number.NaN),
    body: results.map((result) => result.bodyMs ?? Number.NaN),
    gaps,
    durationMs: performance.now() - started,
  };
}

/** p-th percentile (0..100) of numbers. */
export function percentile(values, p) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
