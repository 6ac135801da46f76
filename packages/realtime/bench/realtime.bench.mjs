// pnpm --filter @switchboard/realtime bench
// 1. Server events handled per second through a RealtimeSession (parse + zod validation + dispatch to `on()`), against
//    a local ws server in a worker thread that blasts events; baseline: a bare `ws` client doing JSON.parse only.
// 2. Time from a dropped socket (the mock server tears it down) to a restored session on loopback: to `open`
//    (session.update replayed, queue flushed) and to the server's `session.updated`; baseline: a bare `ws` reconnect.
// Medians over several runs. Benchmarks are not tests: nothing here fails on a slow machine.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { startMockServer } from '@switchboard/mock-server';
import WebSocket from 'ws';
import { connectRealtime } from '../dist/index.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const THROUGHPUT_RUNS = 5;
const RECONNECT_RUNS = 25;
const KEY = 'sk-bench-0000000000000000000000';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fmt = (value, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function startBlaster(kind, count) {
  const worker = new Worker(new URL('./blaster.mjs', import.meta.url), { workerData: { count, kind } });
  const { port } = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    url: `ws://127.0.0.1:${port}/v1/realtime?model=bench`,
    close: () =>
      new Promise((resolve) => {
        worker.once('exit', resolve);
        worker.postMessage('close');
      }),
  };
}

/** Events per second through the session: from the first to the last delta. */
async function sessionThroughput(kind) {
  const blaster = await startBlaster(kind, EVENTS);
  const provider = {
    name: 'bench',
    realtime: { provider: 'bench', resolve: async () => ({ url: blaster.url, headers: {}, model: 'bench' }) },
  };
  let count = 0;
  let first = 0;
  let elu;
  let finish;
  const done = new Promise((resolve) => {
    finish = resolve;
  });
  const onEvent = () => {
    if (count === 0) {
      first = performance.now();
      elu = performance.eventLoopUtilization();
    }
    if (++count === EVENTS) finish({ end: performance.now(), busy: performance.eventLoopUtilization(elu).utilization });
  };
  const session = await connectRealtime(provider, { model: 'bench', heartbeat: false, reconnect: false });
  session.on('response.output_text.delta', onEvent);
  session.on('response.output_audio.delta', onEvent);
  session.on('response.output_audio_transcript.delta', onEvent);
  const { end, busy } = await done;
  await session.close();
  await blaster.close();
  return { rate: (EVENTS - 1) / ((end - first) / 1000), busy };
}

/** The same with a bare ws client that only parses JSON. */
async function rawThroughput(kind) {
  const blaster = await startBlaster(kind, EVENTS);
  const socket = new WebSocket(blaster.url, { perMessageDeflate: false });
  let count = 0;
  let first = 0;
  let elu;
  const { end, busy } = await new Promise((resolve) => {
    socket.on('message', (data) => {
      const event = JSON.parse(data.toString());
      if (event.type === 'session.created') return;
      if (count === 0) {
        first = performance.now();
        elu = performance.eventLoopUtilization();
      }
      if (++count === EVENTS)
        resolve({ end: performance.now(), busy: performance.eventLoopUtilization(elu).utilization });
    });
  });
  socket.terminate();
  await blaster.close();
  return { rate: (EVENTS - 1) / ((end - first) / 1000), busy };
}

async function reconnectLatency(server) {
  const provider = {
    name: 'openai',
    realtime: {
      provider: 'openai',
      resolve: async (model) => ({
        url: `${server.origin.replace('http', 'ws')}/v1/realtime?model=${model}`,
        headers: { Authorization: `Bearer ${KEY}` },
        model,
      }),
    },
  };
  const session = await connectRealtime(provider, {
    model: 'gpt-realtime',
    session: { output_modalities: ['text'], instructions: 'Be brief.' },
    // Every drop in this loop is a fresh outage (the attempt count resets at once), so each first retry is immediate.
    reconnect: { stableAfterMs: 0 },
  });
  const toOpen = [];
  const toUpdated = [];
  for (let run = 0; run < RECONNECT_RUNS; run++) {
    await sleep(20);
    const opened = session.waitFor('connection-state', { filter: (event) => event.state === 'open' });
    const updated = session.waitFor('session.updated');
    const start = performance.now();
    server.realtime.dropConnections({ mode: 'destroy' });
    await opened;
    toOpen.push(performance.now() - start);
    await updated;
    toUpdated.push(performance.now() - start);
  }
  await session.close();
  return { open: median(toOpen), updated: median(toUpdated), max: Math.max(...toUpdated) };
}

async function rawReconnectLatency(server) {
  const url = `${server.origin.replace('http', 'ws')}/v1/realtime?model=gpt-realtime`;
  const connect = () =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${KEY}` }, perMessageDeflate: false });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  let socket = await connect();
  const times = [];
  for (let run = 0; run < RECONNECT_RUNS; run++) {
    await sleep(20);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const start = performance.now();
    server.realtime.dropConnections({ mode: 'destroy' });
    await closed;
    socket = await connect();
    times.push(performance.now() - start);
  }
  socket.terminate();
  return median(times);
}

console.log(`@switchboard/realtime benchmark (Node ${process.version}, medians)`);
for (const kind of ['text', 'audio']) {
  const session = [];
  const raw = [];
  for (let run = 0; run < THROUGHPUT_RUNS; run++) {
    session.push(await sessionThroughput(kind));
    raw.push(await rawThroughput(kind));
  }
  const label = kind === 'text' ? 'text deltas' : 'audio + transcript deltas (100 ms audio chunks)';
  const rate = median(session.map((run) => run.rate));
  const rawRate = median(raw.map((run) => run.rate));
  // The blaster (another thread) may be what limits the rate; the client's busy share says how much headroom is left.
  const capacity = median(session.map((run) => run.rate / Math.max(run.busy, 0.01)));
  const rawCapacity = median(raw.map((run) => run.rate / Math.max(run.busy, 0.01)));
  console.log(
    `throughput, ${label}: ${fmt(rate)} events/s through the session over ${THROUGHPUT_RUNS} runs of ${fmt(EVENTS)} ` +
      `(target >= 20,000), main thread ${fmt(median(session.map((run) => run.busy)) * 100)}% busy, so a capacity of ` +
      `~${fmt(capacity)} events/s | bare ws + JSON.parse ${fmt(rawRate)} events/s, capacity ~${fmt(rawCapacity)} | ` +
      `ratio ${fmt(rate / rawRate, 2)} (capacity ${fmt(capacity / rawCapacity, 2)})`,
  );
}

const server = await startMockServer({ apiKeys: [KEY] });
const restore = await reconnectLatency(server);
const raw = await rawReconnectLatency(server);
await server.close();
console.log(
  `reconnect, dropped socket -> session open (config replayed, queue flushed): ${fmt(restore.open, 2)} ms; ` +
    `-> server's session.updated: ${fmt(restore.updated, 2)} ms (max ${fmt(restore.max, 2)} ms) over ` +
    `${RECONNECT_RUNS} drops (target < 500 ms) | bare ws reconnect ${fmt(raw, 2)} ms | ratio ${fmt(restore.open / raw, 2)}`,
);
