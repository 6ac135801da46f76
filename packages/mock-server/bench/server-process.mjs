// The mock server under test, in its own process (forked by throughput.mjs) so it gets its own core and its memory
// can be measured apart from the load generator. Answers IPC messages: 'stats' (after a full GC) and 'close'.
import { startMockServer } from '../dist/index.js';

const options = JSON.parse(process.argv[2] ?? '{}');
const server = await startMockServer(options);

process.on('message', async (message) => {
  if (message === 'stats') {
    const { user, system } = process.cpuUsage();
    globalThis.gc?.();
    const { rss, heapUsed, external } = process.memoryUsage();
    process.send({
      type: 'stats',
      rss,
      heapUsed,
      external,
      cpuMs: (user + system) / 1000,
      requests: server.control.stats().requests,
    });
  } else if (message === 'close') {
    await server.close();
    process.disconnect();
  }
});
process.send({ type: 'ready', origin: server.origin });
