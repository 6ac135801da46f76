// Loaded with `--import` into a forked bench server by stream-phases.mjs: server-side timestamps of each connection
// (accepted, request parsed, response headers written; keyed by the client's port), the event-loop delay and the CPU
// time, sent back on the IPC message 'phases' ('phases-reset' starts a new wave). Diagnostics only.
import dc from 'node:diagnostics_channel';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const now = () => performance.timeOrigin + performance.now();
let byPort = new Map();
const entry = (port) => {
  let record = byPort.get(port);
  if (!record) {
    record = {};
    byPort.set(port, record);
  }
  return record;
};
dc.subscribe('net.server.socket', ({ socket }) => {
  entry(socket.remotePort).accepted = now();
});
dc.subscribe('http.server.request.start', ({ request }) => {
  entry(request.socket.remotePort).request = now();
});
const writeHead = http.ServerResponse.prototype.writeHead;
http.ServerResponse.prototype.writeHead = function (...args) {
  const port = this.socket?.remotePort;
  if (port) entry(port).headers = now();
  return writeHead.apply(this, args);
};
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
let cpu = process.cpuUsage();
process.on('message', (message) => {
  if (message === 'phases-reset') {
    byPort = new Map();
    delay.reset();
    cpu = process.cpuUsage();
    process.send({ type: 'phases-reset' });
  } else if (message === 'phases') {
    const used = process.cpuUsage(cpu);
    process.send({
      type: 'phases',
      byPort: [...byPort],
      cpuMs: (used.user + used.system) / 1000,
      systemMs: used.system / 1000,
      loopDelay: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    });
  }
});
