import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../src/audio/wav.ts';
import { assetPath } from '../src/setup/assets.ts';
import { runCli, startCli } from './support/cli-process.ts';
import { decodePng } from './support/png.ts';

// These run the built CLI (dist/cli.js) as a child process, offline against its embedded mock server.

const BATCH_SAMPLE = assetPath('batch-sample.jsonl');
const EVAL_SAMPLE = assetPath('eval-sample.jsonl');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-e2e-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function lines(text: string): string[] {
  return text.split('\n').filter(Boolean);
}

async function outputIds(file: string): Promise<string[]> {
  return lines(await readFile(file, 'utf8')).map((line) => (JSON.parse(line) as { customId: string }).customId);
}

async function sampleIds(): Promise<string[]> {
  return lines(await readFile(BATCH_SAMPLE, 'utf8')).map((line) => (JSON.parse(line) as { customId: string }).customId);
}

async function checkpointLines(file: string): Promise<number> {
  return lines(await readFile(file, 'utf8').catch(() => '')).length;
}

async function waitUntil(test: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error('Timed out.');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A local, resumable run of the bundled batch sample, with its own output and checkpoint files. */
function localBatch(name: string) {
  const out = join(dir, `${name}.results.jsonl`);
  const checkpoint = join(dir, `${name}.checkpoint.jsonl`);
  const args = [
    'batch',
    BATCH_SAMPLE,
    '--mode',
    'local',
    '--out',
    out,
    '--checkpoint',
    checkpoint,
    '--concurrency',
    '2',
  ];
  return { out, checkpoint, args };
}

describe('switchboard-demo (built CLI, subprocess)', () => {
  it('tour: every scene, a decodable PNG, a batch output with every id once', async () => {
    const outDir = join(dir, 'tour');
    const result = await runCli(['tour', '--out-dir', outDir], { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(lines(result.stderr)[0]).toMatch(
      /^Offline: no OPENAI_API_KEY or AZURE_OPENAI_\* set, so the demo runs against the built-in mock server at http:\/\/127\.0\.0\.1:\d+\/v1\.$/,
    );
    for (const heading of [
      'Streaming chat',
      'Simple Q&A on gpt-5-nano',
      'Vision on a bundled image',
      'Image generation',
      'Embeddings similarity',
      'Token counts and cost before sending (tokenizer)',
      'Realtime text exchange (WebSocket)',
      'Resilience: retries, circuit breaker, fallback',
      'Batch with a progress bar and a checkpoint',
      'Usage and cost (UsageTracker)',
    ]) {
      expect(result.stdout).toContain(`▸ ${heading}\n`);
    }
    expect(result.stdout).not.toContain('failed:');
    // Node's warnings (a MaxListenersExceededWarning once came from the breaker section) would land on stderr.
    expect(result.stderr).not.toMatch(/Warning/);
    expect(result.stdout).toMatch(/retrying in 1000 ms: rate-limit \(HTTP 429\), waiting its Retry-After/);
    expect(result.stdout).toMatch(
      /circuit openai:gpt-4\.1-mini: closed → open[\s\S]*open → half-open[\s\S]*half-open → closed/,
    );
    expect(result.stdout).toMatch(/attempt: azure: answered/);
    expect(result.stdout).toMatch(/output: 12 lines, 12 distinct ids/);
    expect(result.stderr).toMatch(/batch: 12\/12 done/);
    expect(result.stdout).toMatch(/Tour finished in [\d.]+ s\.\n$/);
    const png = decodePng(await readFile(join(outDir, 'tour-image.png')));
    expect(png.width).toBeGreaterThan(0);
    expect(new Set(await outputIds(join(outDir, 'tour-batch.results.jsonl'))).size).toBe(12);
  });

  it('ask, vision, embed --json, tokens: answers and JSON that parses', async () => {
    const ask = await runCli(['ask', 'What is a switchboard?']);
    expect(ask.code).toBe(0);
    expect(ask.stdout).toMatch(/^Mock answer about What is a switchboard/);
    const vision = await runCli(['vision', assetPath('switchboard.png'), 'What is this?', '--detail', 'low']);
    expect(vision.code).toBe(0);
    expect(vision.stdout).toMatch(/I see 1 image/);
    const embed = await runCli(['embed', 'cats purr', 'kittens meow', 'stock prices fell', '--json']);
    expect(embed.code).toBe(0);
    const json = JSON.parse(embed.stdout) as {
      embed: { similarities: { text: string; similarity: number }[]; dimensions: number };
    };
    expect(json.embed.similarities.map((row) => row.text)).toEqual(['cats purr', 'kittens meow', 'stock prices fell']);
    expect(json.embed.similarities[0]?.similarity).toBeCloseTo(1);
    const tokens = await runCli(['tokens', '-', '--model', 'gpt-4.1-mini', '--json'], { input: 'hello world' });
    expect(tokens.code).toBe(0);
    expect(tokens.stderr).toBe('');
    expect(JSON.parse(tokens.stdout)).toMatchObject({
      tokens: { models: [{ model: 'gpt-4.1-mini', textTokens: 2, encoding: 'o200k_base' }] },
    });
  });

  it('image: saves a PNG that decodes', async () => {
    const out = join(dir, 'lighthouse.png');
    const result = await runCli(['image', 'a lighthouse at dusk', '--out', out]);
    expect(result.code).toBe(0);
    const png = decodePng(await readFile(out));
    expect(png.inflatedBytes).toBeGreaterThan(0);
  });

  it('realtime: a text conversation from standard input, and a WAV question', async () => {
    const text = await runCli(['realtime'], { input: 'Hello operator\nConnect me please\n' });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /you> Hello operator\n {2}Mock reply to "Hello operator"[^\n]*\n {2}\[completed · \d+ in \/ \d+ out tokens\]\nyou> Connect me please\n/,
    );
    const wav = join(dir, 'question.wav');
    const samples = new Int16Array(24_000);
    for (let i = 0; i < samples.length; i++) samples[i] = Math.round(Math.sin((2 * Math.PI * 220 * i) / 24_000) * 6000);
    await writeFile(wav, encodeWav(samples, 24_000));
    const audio = await runCli(['realtime', '--audio', wav]);
    expect(audio.code, audio.stderr).toBe(0);
    expect(audio.stdout).toMatch(/audio: .*question\.wav: 1\.00 s, PCM16 mono 24 kHz/);
    expect(audio.stdout).toMatch(/transcript: \S/);
    expect(audio.stdout).toMatch(/\[completed · \d+ in \/ \d+ out tokens\]/);
  });

  it('chat: driven through standard input, Ctrl-C cancels the answer, not the program', async () => {
    const chat = startCli(['chat'], { env: { SWITCHBOARD_MOCK_LATENCY: '0,100' } });
    chat.child.stdin.write('Tell me a long story\n');
    await chat.waitFor(/Mock answer about Tell me a long story:/);
    chat.child.kill('SIGINT');
    await chat.waitFor(/\[cancelled\]\n\[openai\/gpt-4\.1-mini · /);
    chat.child.stdin.write('/provider azure\n/model gpt-4.1-nano\nA short one\n');
    await chat.waitFor(
      /\[azure\/gpt-4\.1-nano · \d+ prompt tokens \(counted \d+ before sending\) · \d+ answer tokens · \$0\.\d+ this turn · \$0\.\d+ so far\]/,
      'stdout',
      30_000,
    );
    chat.child.stdin.end();
    const { code } = await chat.exited;
    expect(code).toBe(0);
  });

  it('batch: interrupted with SIGINT and resumed, the output has every id exactly once', async () => {
    const { out, checkpoint, args } = localBatch('sigint');
    const first = startCli(args, { env: { SWITCHBOARD_MOCK_LATENCY: '50,30' } });
    first.child.stdin.end();
    await waitUntil(async () => (await checkpointLines(checkpoint)) >= 4);
    first.child.kill('SIGINT');
    const stopped = await first.exited;
    expect(stopped.code).toBe(130);
    expect(first.stdout).toMatch(
      /Stopped before the end; .*sigint\.checkpoint\.jsonl keeps what finished\. Run the same command again to resume\./,
    );
    const saved = (await checkpointLines(checkpoint)) - 1;
    expect(saved).toBeGreaterThanOrEqual(3);
    expect(saved).toBeLessThan(12);
    const resumed = await runCli(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(
      new RegExp(`12/12 done: ${12 - saved} succeeded, 0 failed, ${saved} from the checkpoint`),
    );
    expect(await outputIds(out)).toEqual(await sampleIds());
  });

  it('batch: killed outright (a crash) and resumed, the output has every id exactly once', async () => {
    const { out, checkpoint, args } = localBatch('crash');
    const first = startCli(args, { env: { SWITCHBOARD_MOCK_LATENCY: '50,30' } });
    first.child.stdin.end();
    await waitUntil(async () => (await checkpointLines(checkpoint)) >= 3);
    first.child.kill('SIGKILL');
    await first.exited;
    const resumed = await runCli(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/12\/12 done: \d+ succeeded, 0 failed, [1-9]\d* from the checkpoint/);
    expect(await outputIds(out)).toEqual(await sampleIds());
  });

  it('batch --mode api and eval: results files and the table', async () => {
    const out = join(dir, 'api.results.jsonl');
    const api = await runCli([
      'batch',
      BATCH_SAMPLE,
      '--mode',
      'api',
      '--out',
      out,
      '--checkpoint',
      join(dir, 'api.job.json'),
      '--json',
    ]);
    expect(api.code, api.stderr).toBe(0);
    expect(JSON.parse(api.stdout)).toMatchObject({ batch: { mode: 'batch-api', written: 12, stopped: false } });
    expect(api.stderr).not.toMatch(/Warning/);
    expect((await outputIds(out)).sort()).toEqual((await sampleIds()).sort());
    const evaluation = await runCli([
      'eval',
      EVAL_SAMPLE,
      '--models',
      'gpt-4.1-mini,gpt-4.1-nano',
      '--temperatures',
      '0,0.7',
    ]);
    expect(evaluation.code, evaluation.stderr).toBe(0);
    expect(evaluation.stdout).toMatch(
      /gpt-4\.1-mini\s+0\s+8\s+[\d.]+\s+0\s+[\d,]+\/[\d,]+\s+\$[\d.]+\s+\d+\s+\d+\n\s+gpt-4\.1-mini\s+0\.7\s+8/,
    );
    expect(evaluation.stdout).toMatch(/gpt-4\.1-nano\s+0\.7\s+8/);
  });

  it('mock: serves until SIGINT', async () => {
    const mock = startCli(['mock', '--port', '0']);
    await mock.waitFor(/Press Ctrl-C to stop\./);
    const url = /OpenAI base URL (\S+),/.exec(mock.stdout)?.[1] as string;
    const response = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-anything', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(200);
    mock.child.kill('SIGINT');
    const { code } = await mock.exited;
    expect(code).toBe(130);
    expect(mock.stdout).toMatch(/Mock server stopped\./);
  });

  it('--help on each subcommand', async () => {
    const overview = await runCli(['--help']);
    const names = [...overview.stdout.matchAll(/^ {2}(\w+) {2,}/gm)].map((match) => match[1] as string);
    expect(names).toEqual([
      'tour',
      'chat',
      'ask',
      'vision',
      'image',
      'embed',
      'tokens',
      'realtime',
      'batch',
      'eval',
      'workers',
      'mock',
    ]);
    for (const name of names) {
      const help = await runCli([name, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`\\n\\nUsage: switchboard-demo ${name}\\b`));
    }
  });
});

describe('bad input (built CLI): one line that says what to do, a non-zero exit, no stack', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ apiKeys: ['sk-right-key-for-e2e'] });
  });
  afterAll(async () => {
    await server.close();
  });

  async function expectOneLineError(
    args: string[],
    code: number,
    message: RegExp,
    env: Record<string, string> = {},
  ): Promise<void> {
    const result = await runCli(args, { env });
    expect(result.code).toBe(code);
    const errors = lines(result.stderr).filter((line) => !/^(Offline|Live): /.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }

  it('a missing file', async () => {
    await expectOneLineError(
      ['vision', join(dir, 'missing.png')],
      2,
      /^Error: The image .*missing\.png does not exist\. Check the path\.$/,
    );
    await expectOneLineError(
      ['batch', join(dir, 'missing.jsonl')],
      2,
      /^Error: The batch input .*missing\.jsonl does not exist\. Check the path\.$/,
    );
  });

  it('an unreadable image', async () => {
    const file = join(dir, 'fake.jpg');
    await writeFile(file, 'not really a picture');
    await expectOneLineError(
      ['vision', file],
      2,
      /^Error: .*fake\.jpg is not a PNG, JPEG, GIF or WebP image\. Give an image file/,
    );
  });

  it('a malformed JSONL line', async () => {
    const file = join(dir, 'broken.jsonl');
    const good = '{"customId":"a","request":{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"Hi"}]}}';
    await writeFile(file, `${good}\n{"customId":"b","request":\n`);
    await expectOneLineError(
      ['batch', file, '--out', join(dir, 'broken.out.jsonl')],
      2,
      /^Error: Line 2 of .*broken\.jsonl is not valid JSON \(.*\)\. Each line must be one JSON object like/,
    );
  });

  it('an unknown model', async () => {
    await expectOneLineError(
      ['ask', 'hi', '--model', 'gpt-17-ultra'],
      1,
      /^Error: The model `gpt-17-ultra` does not exist or you do not have access to it\. Check the model name/,
    );
  });

  it('a bad key', async () => {
    await expectOneLineError(
      ['ask', 'hi'],
      1,
      /^Error: Incorrect API key provided: .* Check OPENAI_API_KEY \/ AZURE_OPENAI_API_KEY, or unset them to use the built-in mock server\.$/,
      {
        OPENAI_API_KEY: 'sk-wrong-key-for-e2e',
        OPENAI_BASE_URL: server.url,
      },
    );
  });

  it('--verbose adds the stack', async () => {
    const result = await runCli(['ask', 'hi', '--model', 'gpt-17-ultra', '--verbose']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});
