/** The mock server in its own process, so its work does not share the event loop of the calls being measured. */
import { startMockServer } from '@switchboard/mock-server';

const server = await startMockServer({});
process.on('message', async () => {
  await server.close();
  process.disconnect();
});
process.send({ url: server.url });
