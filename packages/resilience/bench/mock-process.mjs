/**
 * Runs @switchboard/mock-server in its own process for the bench, so the server's work does not share an event loop
 * with the clients being measured. Options come as JSON in argv[2]; the parent drives it over IPC.
 */
import { startMockServer } from '@switchboard/mock-server';

const server = await startMockServer(JSON.parse(process.argv[2] ?? '{}'));
process.on('message', async (message) => {
  switch (message.command) {
    case 'reset':
      server.control.reset();
      process.send({ id: message.id });
      break;
    case 'requests':
      process.send({
        id: message.id,
        result: server.control.requests(message.filter).map((entry) => ({
          status: entry.status,
          time: entry.time,
          approach: entry.headers['x-bench-approach'],
        })),
      });
      break;
    case 'close':
      await server.close();
      process.send({ id: message.id });
      process.disconnect();
      break;
  }
});
process.send({ ready: true, url: server.url });
