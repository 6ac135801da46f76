import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/index.ts';
import { createTestIO, runMain } from './support/in-process.ts';

let dir: string;
let server: MockServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-cli-'));
  server = await startMockServer({ apiKeys: ['sk-good-demo-key'] });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('help', () => {
  it('lists the commands', async () => {
    const result = await runMain(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(`  ${command.name.padEnd(10)} ${command.summary}`);
    expect(result.stdout).toContain('tour       A guided tour');
  });

  it.each(COMMANDS.map((command) => command.name))('%s --help shows its usage', async (name) => {
    const result = await runMain([name, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Usage: switchboard-demo ${name}\\b`));
  });

  it('every option a usage names exists', () => {
    for (const command of COMMANDS) {
      for (const [, option] of command.usage.matchAll(/--([a-z-]+)/g)) {
        expect(
          ['provider', 'model', 'json', 'verbose', 'help', ...Object.keys(command.options)],
          `${command.name} --${option}`,
        ).toContain(option);
      }
    }
  });
});

describe('bad input gives one line and a non-zero exit', () => {
  it.each([
    [['frob'], 2, /^Error: Unknown command "frob"\. Run switchboard-demo --help/],
    [['ask', '--frob'], 2, /^Error: Unknown option '--frob'\. See: switchboard-demo ask --help$/],
    [['ask'], 2, /^Error: No question given\./],
    [
      ['ask', 'hi', '--provider', 'mars'],
      2,
      /^Error: Unknown provider "mars"\. Use --provider openai or --provider azure\.$/,
    ],
    [['ask', 'hi', '--model', 'gpt-9'], 1, /^Error: The model `gpt-9` does not exist .* Check the model name/],
    [
      ['ask', 'hi', '--model', 'gpt-9', '--provider', 'azure'],
      1,
      /^Error: The API deployment for this resource does not exist\..* Check the model name/,
    ],
    [['image'], 2, /^Error: No prompt given\./],
    [['embed'], 2, /^Error: No text given\./],
    [['vision', 'missing.png'], 2, /^Error: The image missing\.png does not exist\. Check the path\.$/],
    [['vision', '--detail', 'ultra'], 2, /^Error: --detail must be low, high or auto/],
    [['tokens'], 2, /^Error: No text given\./],
    [['tokens', 'missing-notes.txt'], 2, /^Error: The file missing-notes\.txt does not exist\./],
    [['tokens', 'hi', '--max-output-tokens=-1'], 2, /^Error: --max-output-tokens must be a whole number of at least 0/],
    [['realtime', '--audio', 'missing.wav'], 2, /^Error: The audio file missing\.wav does not exist\./],
    [['mock', '--port', '99999'], 2, /^Error: --port must be 0\.\.65535\./],
    [['mock', '--mode', 'gcp'], 2, /^Error: --mode must be openai or azure/],
    [['mock', '--rpm', 'lots'], 2, /^Error: --rpm must be a positive number\./],
  ] as const)('%j', async (argv, code, message) => {
    const result = await runMain([...argv]);
    expect(result.code).toBe(code);
    const lines = result.stderr.split('\n').filter((line) => line && !line.startsWith('Offline:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('a file that is not an image, or not a WAV file, is named with what to do', async () => {
    const text = join(dir, 'notes.png');
    await writeFile(text, 'just text');
    const vision = await runMain(['vision', text]);
    expect(vision.code).toBe(2);
    expect(vision.stderr).toMatch(/notes\.png is not a PNG, JPEG, GIF or WebP image\. Give an image file/);
    const audio = await runMain(['realtime', '--audio', text]);
    expect(audio.code).toBe(2);
    expect(audio.stderr).toMatch(
      /notes\.png is not a WAV file \(no RIFF\/WAVE header\)\. Convert it first, e\.g\. ffmpeg/,
    );
    const folder = await runMain(['vision', dir]);
    expect(folder.stderr).toMatch(/is a folder\. Give the path of a file\./);
  });

  it('a rejected key says which variables to check; --verbose adds the stack', async () => {
    const env = { OPENAI_API_KEY: 'sk-wrong-demo-key', OPENAI_BASE_URL: server.url };
    const result = await runMain(['ask', 'hi'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe(`Live: using OpenAI at ${server.url}.`);
    expect(result.stderr.split('\n')[1]).toMatch(
      /^Error: Incorrect API key provided: .* Check OPENAI_API_KEY \/ AZURE_OPENAI_API_KEY, or unset them/,
    );
    expect(result.stderr).not.toContain('sk-wrong-demo-key');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const verbose = await runMain(['ask', 'hi', '--verbose'], { env });
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('a rejected Azure key and a malformed key are one line each', async () => {
    const azure = await runMain(['ask', 'hi', '--model', 'gpt-4.1-mini'], {
      env: { AZURE_OPENAI_ENDPOINT: server.azureUrl, AZURE_OPENAI_API_KEY: 'wrong' },
    });
    expect(azure.code).toBe(1);
    expect(azure.stderr).toMatch(/Live: using Azure OpenAI at /);
    expect(azure.stderr).toMatch(/Error: .* Check OPENAI_API_KEY \/ AZURE_OPENAI_API_KEY/);
    const malformed = await runMain(['ask', 'hi'], { env: { OPENAI_API_KEY: 'not-a-key' } });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/^Error: Invalid configuration .*OPENAI_API_KEY.* Fix the settings it names\.\n$/);
  });

  it('asking for a provider the environment does not configure says what to set', async () => {
    const result = await runMain(['ask', 'hi', '--provider', 'azure'], {
      env: { OPENAI_API_KEY: 'sk-good-demo-key', OPENAI_BASE_URL: server.url },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /This provider is not configured\. Set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY/,
    );
  });

  it('a bad SWITCHBOARD_MOCK_LATENCY is named', async () => {
    const result = await runMain(['ask', 'hi'], { env: { SWITCHBOARD_MOCK_LATENCY: 'fast' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/SWITCHBOARD_MOCK_LATENCY must be two numbers of milliseconds, not "fast"/);
  });
});

describe('live settings', () => {
  it('uses the environment’s OpenAI settings instead of the mock server', async () => {
    const result = await runMain(['ask', 'hi', '--json'], {
      env: { OPENAI_API_KEY: 'sk-good-demo-key', OPENAI_BASE_URL: server.url },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(`Live: using OpenAI at ${server.url}.\n`);
    expect(JSON.parse(result.stdout)).toMatchObject({ ask: { provider: 'openai' } });
  });

  it('skips the resilience scene on a real service, and a scene that fails fails the tour', async () => {
    // A strict server without gpt-5-nano: the Q&A scene gets a 404, every other scene runs.
    const strict = await startMockServer({ apiKeys: ['sk-good-demo-key'], strictModels: true });
    try {
      const result = await runMain(['tour', '--out-dir', dir], {
        env: { OPENAI_API_KEY: 'sk-good-demo-key', OPENAI_BASE_URL: strict.url },
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/skipped: this scene tells the mock server to fail; it runs only offline/);
      expect(result.stdout).toMatch(/Simple Q&A on gpt-5-nano\n {2}failed: The model `gpt-5-nano` does not exist/);
      expect(result.stdout).toMatch(/Tour finished in [\d.]+ s with 1 failed scene\(s\)\./);
      expect(result.stderr).toMatch(/Error: Scenes failed: Simple Q&A on gpt-5-nano\n$/);
    } finally {
      await strict.close();
    }
  });
});

describe('Ctrl-C', () => {
  it('stops a call in progress with exit code 130', async () => {
    const io = createTestIO({ env: { SWITCHBOARD_MOCK_LATENCY: '3000,0' } });
    const running = runMain(['ask', 'hi'], io);
    await io.stderr.waitFor(/Offline: /);
    await new Promise((resolve) => setTimeout(resolve, 100));
    io.interrupt();
    const result = await running;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/\nInterrupted\.\n$/);
  });

  it('stops the tour between scenes with exit code 130, and a second one leaves at once', async () => {
    const io = createTestIO({ env: { SWITCHBOARD_MOCK_LATENCY: '0,50' } });
    const running = runMain(['tour', '--out-dir', dir], io);
    await io.stdout.waitFor(/Streaming chat/);
    io.interrupt();
    io.interrupt();
    const result = await running;
    expect(result.code).toBe(130);
    expect(io.forcedExits).toEqual([130]);
    expect(result.stderr).toMatch(/Interrupted again: leaving now\./);
  });

  it('stops the mock server started by `mock`', async () => {
    const io = createTestIO();
    const running = runMain(['mock', '--port', '0', '--rpm', '100', '--mode', 'azure'], io);
    await io.stdout.waitFor(/Press Ctrl-C to stop\./);
    const url = /OpenAI base URL (\S+),/.exec(io.stdout.text)?.[1] as string;
    const models = await fetch(`${url}/models`, { headers: { authorization: 'Bearer sk-any' } });
    expect(models.status).toBe(200);
    io.interrupt();
    const result = await running;
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/Mock server stopped\./);
  });
});
