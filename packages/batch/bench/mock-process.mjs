/**
 * Runs @switchboard/mock-server in its own process for the bench, so the server's work does not share an event loop
 * (or a core) with the batch runner being measured. Options come as JSON in argv[2]; the parent drives it over IPC.
 */
import { startMockServer } from '@switchboard/mock-server';

const server = await startMockServer(JSON.parse(process.argv[2] ?? '{}'));
process.on('message', async (message) => {
  if (message.command === 'statuses') {
    const statuses = server.control.requests({ route: 'chat.completions' }).map((entry) => entry.status);
    server.control.clearRequests();
    process.send({ id: message.id, result: statuses });
  } else if (message.command === 'close') {
    await server.close();
    process.send({ id: message.id });
    process.disconnect();
  }
});
process.send({ ready: true, url: server.url });
