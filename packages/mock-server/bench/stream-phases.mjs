// Diagnostics for the concurrent-streams bench (issue 21): where does a stream's time to first chunk go? Runs waves of
// BENCH_STREAMS (default 2,000) streams against the mock and the baseline server (interleaved, PHASE_RUNS waves each,
// default 2), with server-side timestamps (phase-hooks.mjs, loaded with --import) matched to the client's by port:
//   connect      client: net.connect() -> 'connect' event
//   accept       client net.connect() -> the server's 'connection' (the wait in the kernel's accept queue)
//   acceptToReq  server: accepted -> request parsed       reqToHead: request -> writeHead
//   headToClient server writeHead -> client read the end of the headers
// plus accepts per 50 ms, the CPU time and event-loop delay of both processes, and the Linux TCP counters that
// changed during the wave (/proc/net/netstat and /proc/net/snmp: listen-queue overflows, SYN cookies, retransmits).
// It found that the first-chunk tail was the accept queue: libuv accepts one connection per event-loop turn.
//   node bench/stream-phases.mjs        (needs the built dist; Linux for the kernel counters; loopback only)
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startServerChild } from './server-child.mjs';

const COUNT = Number(process.env.BENCH_STREAMS ?? 2_000);
const RUNS = Number(process.env.PHASE_RUNS ?? 2);
const MODEL = 'gpt-4o-streaming';
const LATENCY = { timeToFirstTokenMs: 50, interChunkMs: 10 };
const STREAM_END = 'data: [DONE]\n\n\r\n0\r\n\r\n';
const now = () => performance.timeOrigin + performance.now();

function counters() {
  const out = {};
  for (const file of ['/proc/net/netstat', '/proc/net/snmp']) {
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const names = lines[i].split(/\s+/);
      const values = lines[i + 1].split(/\s+/);
      for (let j = 1; j < names.length; j++) out[names[0] + names[j]] = Number(values[j]);
    }
  }
  return out;
}
const WATCHED =
  /ListenOverflows|ListenDrops|Syncookies|TCPReqQFull|TCPSynRetrans|TCPBacklogDrop|RetransSegs|TCPTimeouts/;

const start = (script, options) =>
  startServerChild(script, options, ['--import', fileURLToPath(new URL('./phase-hooks.mjs', import.meta.url))]);

function stream(port, request) {
  const record = { start: now() };
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let head = '';
    let inBody = false;
    let tail = '';
    const finish = (ok) => {
      if (record.ok !== undefined) return;
      record.ok = ok;
      clearTimeout(timer);
      socket.destroy();
      resolve(record);
    };
    const timer = setTimeout(() => finish(false), 30_000);
    socket.on('connect', () => {
      record.connect = now();
      record.port = socket.localPort;
    });
    socket.on('data', (data) => {
      const at = now();
      if (!inBody) {
        head += data.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        inBody = true;
        record.headers = at;
        if (end + 4 === head.length) return;
        tail = head.slice(end + 4);
      } else tail = (tail + data.toString('latin1')).slice(-STREAM_END.length);
      record.first ??= at;
      if (tail.endsWith(STREAM_END)) finish(head.startsWith('HTTP/1.1 200 '));
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.write(request);
  });
}

async function wave(origin) {
  const { port } = new URL(origin);
  const body = JSON.stringify({
    model: MODEL,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'Stream for the benchmark.' }],
  });
  const request = Buffer.from(
    `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer sk-bench-0001\r\n` +
      `content-type: application/json\r\naccept: text/event-stream\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  const started = now();
  const records = await Promise.all(Array.from({ length: COUNT }, () => stream(Number(port), request)));
  return { records, started, durationMs: now() - started };
}

const pct = (values, p) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const f = (value) => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');

const servers = {
  mock: await start('./server-process.mjs', { requestLogLimit: 1000, latency: { perModel: { [MODEL]: LATENCY } } }),
  baseline: await start('./baseline-server.mjs', LATENCY),
};
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
try {
  for (const server of Object.values(servers)) await wave(server.origin);
  for (let run = 0; run < RUNS; run++) {
    for (const name of run % 2 ? ['baseline', 'mock'] : ['mock', 'baseline']) {
      const server = servers[name];
      await server.ask('phases-reset');
      loopDelay.reset();
      const ownCpu = process.cpuUsage();
      const before = counters();
      const { records, started, durationMs } = await wave(server.origin);
      const after = counters();
      const { user, system } = process.cpuUsage(ownCpu);
      const phases = await server.ask('phases');
      const byPort = new Map(phases.byPort);
      const table = {
        connect: [],
        accept: [],
        acceptToReq: [],
        reqToHead: [],
        headToClient: [],
        headers: [],
        first: [],
      };
      const bins = new Array(40).fill(0);
      for (const r of records) {
        const s = byPort.get(r.port) ?? {};
        table.connect.push(r.connect - r.start);
        table.accept.push(s.accepted - r.start);
        table.acceptToReq.push(s.request - s.accepted);
        table.reqToHead.push(s.headers - s.request);
        table.headToClient.push(r.headers - s.headers);
        table.headers.push(r.headers - r.start);
        table.first.push(r.first - r.start);
        if (s.accepted) bins[Math.min(39, Math.floor((s.accepted - started) / 50))]++;
      }
      const changed = Object.keys(after).filter((key) => WATCHED.test(key) && after[key] !== before[key]);
      console.log(
        `run ${run + 1} ${name.padEnd(8)}: ${records.filter((r) => r.ok).length}/${COUNT} complete in ${f(durationMs)} ms; CPU server ${f(phases.cpuMs)} ms (system ${f(phases.systemMs)}), load generator ${f((user + system) / 1000)} ms; loop delay p99/max server ${f(phases.loopDelay.p99)}/${f(phases.loopDelay.max)} ms, load generator ${f(loopDelay.percentile(99) / 1e6)}/${f(loopDelay.max / 1e6)} ms`,
      );
      for (const [key, values] of Object.entries(table)) {
        console.log(
          `    ${key.padEnd(13)} p50 ${f(pct(values, 50)).padStart(7)}  p99 ${f(pct(values, 99)).padStart(7)} ms`,
        );
      }
      console.log(`    accepts per 50 ms: ${bins.join(' ')}`);
      console.log(
        `    kernel counters changed: ${changed.map((key) => `${key} +${after[key] - before[key]}`).join(', ') || 'none'}`,
      );
    }
  }
} finally {
  for (const server of Object.values(servers)) await server.close();
}
