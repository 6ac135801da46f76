import { startMockServer } from '@switchboard/mock-server';
import { DemoError } from '../cli/demo-error.js';
import { type Command, stringValue } from './command.js';

/** `mock`: runs the mock server in the foreground until Ctrl-C. */
export const mockCommand: Command = {
  name: 'mock',
  summary: 'Start the mock OpenAI/Azure server in the foreground for other tools',
  usage: 'switchboard-demo mock [--port 4010] [--rpm 500] [--tpm 200000] [--mode openai|azure]',
  options: {
    port: { type: 'string', default: '4010' },
    rpm: { type: 'string' },
    tpm: { type: 'string' },
    mode: { type: 'string', default: 'openai' },
  },
  async run({ values, output, signal }) {
    const port = Number(stringValue(values, 'port'));
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new DemoError(`--port must be 0..65535.`, 'For example --port 4010.');
    const mode = stringValue(values, 'mode');
    if (mode !== 'openai' && mode !== 'azure')
      throw new DemoError(`--mode must be openai or azure, not "${mode}".`, 'For example --mode azure.');
    const rpm = optionalNumber(values, 'rpm');
    const tpm = optionalNumber(values, 'tpm');
    const server = await startMockServer({
      port,
      mode,
      ...(rpm || tpm ? { rateLimits: { mode, ...(rpm ? { rpm } : {}), ...(tpm ? { tpm } : {}) } } : {}),
    });
    output.line(`Mock server listening: OpenAI base URL ${server.url}, Azure endpoint ${server.azureUrl}`);
    output.line('Any API key is accepted. Press Ctrl-C to stop.');
    output.result('mock', { url: server.url, azureUrl: server.azureUrl });
    output.flush();
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await server.close();
    output.line('Mock server stopped.');
  },
};

function optionalNumber(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value > 0))
    throw new DemoError(`--${name} must be a positive number.`, `For example --${name} 500.`);
  return value;
}
