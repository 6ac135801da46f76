// pnpm --filter @switchboard/realtime bench
// 1. CPU per server event (issue 21): a local ws server in a worker thread blasts N events; the main thread receives
//    them either through a RealtimeSession (parse, validation, dispatch to `on()`) or through a bare `ws` client doing
//    JSON.parse and a switch on `type` (the least any app does). CPU = this process's user + system time from the first
//    to the last event (the blaster is a child process). Runs interleaved (the order alternates), median of the per-run ratios; target: session <= 1.1x bare ws.
// 2. Time from a dropped socket (the mock server tears it down) to a restored session on loopback: to `open`
//    (session.update replayed, queue flushed) and to the server's `session.updated`; baseline: what an app does by hand
//    with a bare `ws` client: reconnect at once on close, send its session.update again, wait for session.updated.
//    Target: ours <= 1.5x the bare restore (median of RECONNECT_RUNS drops each, the two interleaved drop by drop is
//    not possible on one server connection, so they run one after the other on the same server); < 500 ms printed.
// Every target is reported through scripts/bench-report.mjs's reportRow; the bench exits 1 when one fails.

import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startMockServer } from '@switchboard/mock-server';
import WebSocket from 'ws';
import { median, reportRow } from '../../../scripts/bench-report.mjs';
import { connectRealtime } from '../dist/index.node.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const THROUGHPUT_RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CPU_TARGET = 1.1;
const RECONNECT_RUNS = 25;
const RECONNECT_TARGET = 1.5;
const KEY = 'sk-bench-0000000000000000000000';

const fmt = (value, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function startBlaster(kind, count) {
  const worker = fork(new URL('./blaster.mjs', import.meta.url), [String(count), kind]);
  const { port } = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    url: `ws://127.0.0.1:${port}/v1/realtime?model=bench`,
    close: () =>
      new Promise((resolve) => {
        worker.once('exit', resolve);
        worker.send('close');
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
  let cpu;
  let finish;
  const done = new Promise((resolve) => {
    finish = resolve;
  });
  const onEvent = () => {
    if (count === 0) {
      first = performance.now();
      elu = performance.eventLoopUtilization();
      cpu = process.cpuUsage();
    }
    if (++count === EVENTS)
      finish({ end: performance.now(), loop: performance.eventLoopUtilization(elu), cpu: process.cpuUsage(cpu) });
  };
  const session = await connectRealtime(provider, { model: 'bench', heartbeat: false, reconnect: false });
  session.on('response.output_text.delta', onEvent);
  session.on('response.output_audio.delta', onEvent);
  session.on('response.output_audio_transcript.delta', onEvent);
  const { end, loop, cpu: used } = await done;
  await session.close();
  await blaster.close();
  return measured(end - first, loop, used);
}

/** Rate, busy share and CPU time (user + system of this process, the blaster is another one) per event of one run. */
function measured(elapsedMs, loop, cpu) {
  return {
    rate: (EVENTS - 1) / (elapsedMs / 1000),
    busy: loop.utilization,
    cpuPerEventUs: (cpu.user + cpu.system) / (EVENTS - 1),
  };
}

/** The same with a bare ws client: JSON.parse and a dispatch on `type`, the least an application does. */
async function rawThroughput(kind) {
  const blaster = await startBlaster(kind, EVENTS);
  const socket = new WebSocket(blaster.url, { perMessageDeflate: false });
  let count = 0;
  let first = 0;
  let elu;
  let cpu;
  const {
    end,
    loop,
    cpu: used,
  } = await new Promise((resolve) => {
    const onEvent = () => {
      if (count === 0) {
        first = performance.now();
        elu = performance.eventLoopUtilization();
        cpu = process.cpuUsage();
      }
      if (++count === EVENTS)
        resolve({ end: performance.now(), loop: performance.eventLoopUtilization(elu), cpu: process.cpuUsage(cpu) });
    };
    socket.on('message', (data) => {
      const event = JSON.parse(data.toString());
      switch (event.type) {
        case 'response.output_text.delta':
        case 'response.output_audio.delta':
        case 'response.output_audio_transcript.delta':
          onEvent(event);
          break;
        default:
          break;
      }
    });
  });
  socket.terminate();
  await blaster.close();
  return measured(end - first, loop, used);
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
  const update = JSON.stringify({
    type: 'session.update',
    session: { type: 'realtime', output_modalities: ['text'], instructions: 'Be brief.' },
  });
  /** Connects, sends the session's configuration and resolves once the server confirms it. */
  const restore = () =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${KEY}` }, perMessageDeflate: false });
      socket.once('open', () => socket.send(update));
      socket.on('message', (data) => {
        const event = JSON.parse(data.toString());
        if (event.type === 'session.updated') resolve(socket);
        else if (event.type === 'error') reject(new Error(event.error?.message));
      });
      socket.once('error', reject);
    });
  let socket = await restore();
  const times = [];
  for (let run = 0; run < RECONNECT_RUNS; run++) {
    await sleep(20);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const start = performance.now();
    server.realtime.dropConnections({ mode: 'destroy' });
    await closed;
    socket = await restore();
    times.push(performance.now() - start);
  }
  socket.terminate();
  return median(times);
}

console.log(
  `@switchboard/realtime benchmark (Node ${process.version}, medians of ${THROUGHPUT_RUNS} interleaved runs)`,
);
let failed = false;
const report = (row) => {
  reportRow({ bench: 'realtime', ...row });
  failed ||= !row.pass;
};
for (const kind of ['text', 'audio']) {
  const session = [];
  const raw = [];
  for (let run = 0; run < THROUGHPUT_RUNS; run++) {
    // Alternate the order so that neither side always runs on a warmer process.
    if (run % 2 === 0) {
      raw.push(await rawThroughput(kind));
      session.push(await sessionThroughput(kind));
    } else {
      session.push(await sessionThroughput(kind));
      raw.push(await rawThroughput(kind));
    }
  }
  const label = kind === 'text' ? 'text deltas' : 'audio + transcript deltas (100 ms audio chunks)';
  const cpu = median(session.map((run) => run.cpuPerEventUs));
  const rawCpu = median(raw.map((run) => run.cpuPerEventUs));
  // Each run's pair ran back to back under the same load: the median of the per-run ratios.
  const ratio = median(session.map((run, index) => run.cpuPerEventUs / raw[index].cpuPerEventUs));
  console.log(
    `CPU per event, ${label}: session ${fmt(cpu, 2)} µs | bare ws + JSON.parse ${fmt(rawCpu, 2)} µs | ratio ` +
      `${fmt(ratio, 2)} (per-run ratios ${session.map((run, index) => fmt(run.cpuPerEventUs / raw[index].cpuPerEventUs, 2)).join(', ')}) | ` +
      `rate ${fmt(median(session.map((run) => run.rate)))} vs ${fmt(median(raw.map((run) => run.rate)))} events/s over ${fmt(EVENTS)} events`,
  );
  report({
    metric: `CPU per server event, ${kind === 'text' ? 'text deltas' : 'audio + transcript deltas'}, session vs bare ws + JSON.parse`,
    baseline: `${fmt(rawCpu, 2)} µs`,
    ours: `${fmt(cpu, 2)} µs`,
    ratio,
    target: `≤ ${CPU_TARGET.toFixed(2)}×`,
    pass: ratio <= CPU_TARGET,
  });
}

const server = await startMockServer({ apiKeys: [KEY] });
const restore = await reconnectLatency(server);
const raw = await rawReconnectLatency(server);
await server.close();
console.log(
  `reconnect, dropped socket -> session open (config replayed, queue flushed): ${fmt(restore.open, 2)} ms; ` +
    `-> server's session.updated: ${fmt(restore.updated, 2)} ms (max ${fmt(restore.max, 2)} ms, < 500 ms: ` +
    `${restore.updated < 500 ? 'yes' : 'no'}) over ${RECONNECT_RUNS} drops | bare ws reconnect + session.update ` +
    `${fmt(raw, 2)} ms`,
);
const reconnectRatio = restore.updated / raw;
report({
  metric: 'dropped socket to session.updated, session vs bare ws reconnect + session.update',
  baseline: `${fmt(raw, 2)} ms`,
  ours: `${fmt(restore.updated, 2)} ms`,
  ratio: reconnectRatio,
  target: `≤ ${RECONNECT_TARGET.toFixed(2)}×`,
  pass: reconnectRatio <= RECONNECT_TARGET,
});
if (failed) process.exitCode = 1;
