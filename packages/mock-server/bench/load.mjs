// Bounded load generators over node:http keep-alive sockets (lighter than fetch, so the client is not the bottleneck).
import http from 'node:http';

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

/**
 * Opens `count` streaming requests at once and tracks how many are receiving chunks at the same time (from their
 * first chunk to their end); each must end with [DONE]. Returns that peak, time to first chunk and total duration.
 */
export async function concurrentStreams(origin, { count, model }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: count });
  const payload = JSON.stringify({
    model,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'Stream for the benchmark.' }],
  });
  let open = 0;
  let peak = 0;
  const started = performance.now();
  const one = async () => {
    let streaming = false;
    const onFirstByte = () => {
      streaming = true;
      open++;
      peak = Math.max(peak, open);
    };
    try {
      const result = await post(agent, origin, '/v1/chat/completions', payload, onFirstByte);
      return { ...result, complete: result.status === 200 && result.body.endsWith('data: [DONE]\n\n') };
    } catch {
      return { complete: false, firstByteMs: undefined };
    } finally {
      if (streaming) open--;
    }
  };
  const results = await Promise.all(Array.from({ length: count }, one));
  const durationMs = performance.now() - started;
  agent.destroy();
  return {
    peak,
    complete: results.filter((result) => result.complete).length,
    firstChunk: results.map((result) => result.firstByteMs ?? Number.NaN),
    durationMs,
  };
}

/** p-th percentile (0..100) of numbers. */
export function percentile(values, p) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Median of numbers. */
export const median = (values) => percentile(values, 50);
