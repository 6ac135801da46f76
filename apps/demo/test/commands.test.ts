import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../src/audio/wav.ts';
import { createTestIO, runMain } from './support/in-process.ts';
import { decodePng } from './support/png.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-commands-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ask', () => {
  it('asks over the Responses API with --api responses, and rejects an unknown wire API', async () => {
    const result = await runMain(['ask', 'What is a switchboard?', '--api', 'responses', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { ask: { api: string; answer: string } };
    expect(json.ask.api).toBe('responses');
    expect(json.ask.answer).toMatch(/Mock answer/);
    const wrong = await runMain(['ask', 'Hi', '--api', 'grpc']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--api must be chat-completions or responses/);
  });

  it('answers on the embedded mock server and says so on the first line', async () => {
    const result = await runMain(['ask', 'What is a switchboard?']);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')[0]).toMatch(
      /^Offline: .*built-in mock server at http:\/\/127\.0\.0\.1:\d+\/v1\.$/,
    );
    expect(result.stdout).toMatch(/^Mock answer about What is a switchboard/);
  });

  it('prints one JSON document with --json', async () => {
    const result = await runMain(['ask', 'Hi', '--json', '--provider', 'azure']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { ask: { provider: string; model: string; answer: string } };
    expect(json.ask).toMatchObject({ provider: 'azure', model: 'gpt-5-nano' });
    expect(json.ask.answer).toMatch(/Mock answer/);
  });
});

describe('image', () => {
  it('saves a PNG that decodes', async () => {
    const out = join(dir, 'nested', 'lighthouse.png');
    const result = await runMain(['image', 'a lighthouse at dusk', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`to ${out}`);
    const png = decodePng(await readFile(out));
    expect(png.width).toBeGreaterThan(0);
    expect(png.height).toBeGreaterThan(0);
  });
});

describe('embed', () => {
  it('prints similarities to the first text', async () => {
    const result = await runMain(['embed', 'cats purr', 'kittens meow', '--dimensions', '64']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 vectors of 64 dimensions/);
    expect(result.stdout).toMatch(/1\.000 {2}cats purr/);
  });

  it('rejects a bad --dimensions', async () => {
    const result = await runMain(['embed', 'a', '--dimensions', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--dimensions must be a positive whole number/);
  });
});

describe('vision', () => {
  it('describes the bundled picture', async () => {
    const result = await runMain(['vision']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/I see 1 image/);
  });
});

describe('tokens', () => {
  it('counts and prices a text for several models without any call', async () => {
    const result = await runMain([
      'tokens',
      'The quick brown fox jumps over the lazy dog',
      '--model',
      'gpt-4.1-mini,gpt-5-nano,no-such-model',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/gpt-4\.1-mini \(o200k_base\)/);
    expect(result.stdout).toMatch(/tokens: 9 of text, 16 as a chat message/);
    expect(result.stdout).toMatch(/cost before sending: \$0\.\d+ prompt \+ up to \$0\.\d+ for 256 output tokens/);
    expect(result.stdout).toMatch(/"no-such-model" is not in the model catalog/);
  });

  it('reads a file, or standard input with -', async () => {
    const file = join(dir, 'note.txt');
    await writeFile(file, 'hello world');
    const fromFile = JSON.parse((await runMain(['tokens', file, '--json'])).stdout) as {
      tokens: { source: { kind: string }; models: { textTokens: number }[] };
    };
    expect(fromFile.tokens.source.kind).toBe('file');
    expect(fromFile.tokens.models[0]?.textTokens).toBe(2);
    const fromStdin = JSON.parse(
      (await runMain(['tokens', '-', '--json'], { stdin: 'hello world' })).stdout,
    ) as typeof fromFile;
    expect(fromStdin.tokens.source.kind).toBe('stdin');
    expect(fromStdin.tokens.models[0]?.textTokens).toBe(2);
  });
});

describe('realtime', () => {
  it('has a text exchange', async () => {
    const result = await runMain(['realtime', 'Hello', 'operator']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Mock reply to "Hello operator"/);
    expect(result.stdout).toMatch(/\[completed · \d+ in \/ \d+ out tokens\]/);
  });

  it('holds a conversation read from standard input until /exit', async () => {
    const result = await runMain(['realtime', '--provider', 'azure', '--json'], {
      stdin: 'first\n\nsecond\n/exit\nnever sent\n',
    });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { realtime: { provider: string; turns: { text: string }[] } };
    expect(json.realtime.provider).toBe('azure');
    expect(json.realtime.turns.map((turn) => turn.text)).toEqual([
      expect.stringMatching(/"first"/),
      expect.stringMatching(/"second"/),
    ]);
  });

  it('sends a WAV file as PCM16 and prints the transcript and the answer', async () => {
    const stereo48k = new Int16Array(48_000 * 2 * 0.5);
    for (let i = 0; i < stereo48k.length; i++) stereo48k[i] = Math.round(Math.sin(i / 10) * 8000);
    const file = join(dir, 'question.wav');
    await writeFile(file, encodeWav(stereo48k, 96_000));
    const result = await runMain(['realtime', '--audio', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/converted from pcm16, 1 channel\(s\), 96000 Hz to PCM16 mono 24 kHz/);
    expect(result.stdout).toMatch(/transcript: \S+/);
    expect(result.stdout).toMatch(/\[completed/);
  });
});

describe('realtime on a terminal', () => {
  it('prompts, answers, and leaves on Ctrl-C', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const io = createTestIO({ stdin, tty: true });
    const running = runMain(['realtime'], io);
    await io.stdout.waitFor(/you> /);
    stdin.write('Hello\r');
    await io.stdout.waitFor(/completed/);
    stdin.write('\u0003');
    const result = await running;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Mock reply to "Hello"/);
  });
});
