import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CapturedStream, createTestIO, runMain } from './support/in-process.ts';

describe('chat', () => {
  it('streams answers with token and cost counts, and obeys /model, /provider, /system, /reset', async () => {
    const input = [
      'Hello there',
      '/model gpt-5-nano',
      'And again?',
      '/system Be terse.',
      '/provider azure',
      'Third',
      '/reset',
      '/model',
      '/system',
      '/provider',
      '/provider mars',
      '/bogus',
      '/help',
      '/exit',
      'never sent',
    ].join('\n');
    const result = await runMain(['chat', '--json'], { stdin: `${input}\n` });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      chat: {
        provider: string;
        model: string;
        turns: {
          provider: string;
          model: string;
          status: string;
          usage: unknown;
          costUsd: number;
          countedPromptTokens: number;
        }[];
      };
    };
    expect(json.chat.turns.map((turn) => [turn.provider, turn.model, turn.status])).toEqual([
      ['openai', 'gpt-4.1-mini', 'done'],
      ['openai', 'gpt-5-nano', 'done'],
      ['azure', 'gpt-5-nano', 'done'],
    ]);
    for (const turn of json.chat.turns) {
      expect(turn.usage).toBeDefined();
      expect(turn.costUsd).toBeGreaterThan(0);
      expect(turn.countedPromptTokens).toBeGreaterThan(0);
    }
    // The second turn carries the first one's history; the third one the system prompt too.
    expect(json.chat.turns[1]?.countedPromptTokens).toBeGreaterThan(json.chat.turns[0]?.countedPromptTokens ?? 0);
  });

  it('prints the transcript with per-turn counts when not in JSON mode', async () => {
    const result = await runMain(['chat', '--system', 'You are terse.'], {
      stdin: 'Hello there\n/model\n/bogus\n/help\n/provider\n/provider mars\n/system\n/reset\n',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Chatting with gpt-4\.1-mini on openai \(mock server\)/);
    expect(result.stdout).toMatch(
      /you> Hello there\nMock answer about Hello there: .*\n\[openai\/gpt-4\.1-mini · \d+ prompt tokens \(counted \d+ before sending\) · \d+ answer tokens · \$0\.\d+ this turn · \$0\.\d+ so far\]/,
    );
    expect(result.stdout).toContain('model: gpt-4.1-mini');
    expect(result.stdout).toContain('Unknown command /bogus; /help lists the commands.');
    expect(result.stdout).toContain('/reset                     forget the conversation');
    expect(result.stdout).toContain('provider: openai (switch with /provider openai or /provider azure)');
    expect(result.stdout).toContain('system prompt removed');
    expect(result.stdout).toContain('conversation forgotten');
  });

  it('fits the history into a small context window, dropping the oldest messages', async () => {
    const lines = Array.from(
      { length: 6 },
      (_, i) => `Question number ${i + 1} about cables, lines and the operators who ran them`,
    );
    const result = await runMain(['chat', '--context-window', '200', '--max-output-tokens', '60'], {
      stdin: `${lines.join('\n')}\n`,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /\(fitted to the 200-token window with 60 kept for the answer: \d+ oldest message\(s\) dropped, \d+ → \d+ prompt tokens\)/,
    );
  });

  it('reports a prompt too long for the window and a model the service does not know, and goes on', async () => {
    const result = await runMain(
      ['chat', '--context-window', '70', '--max-output-tokens', '60', '--system', 'word '.repeat(20)],
      {
        stdin: `Hello\n/system\n${'word '.repeat(50)}\n/model gpt-9\nHello\n/model gpt-4.1-mini\nHello again\n`,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/error: The request needs \d+ prompt tokens .* Shorten the input/);
    expect(result.stdout).toMatch(/1 shortened, \d+ → 10 prompt tokens/);
    expect(result.stdout).toMatch(/model: gpt-9 \(not in the catalog/);
    expect(result.stdout).toMatch(/error: The model `gpt-9` does not exist .* Check the model name/);
    expect(result.stdout).toMatch(/you> Hello again\n.*\nMock answer/);
  });

  it('rejects a context window smaller than the answer it must leave room for', async () => {
    const result = await runMain(['chat', '--context-window', '100', '--max-output-tokens', '200']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--context-window \(100\) must be larger than --max-output-tokens \(200\)/);
  });

  it('cancels the answer in progress on Ctrl-C and goes on with the next line', async () => {
    const stdin = new PassThrough();
    const io = createTestIO({ stdin, env: { SWITCHBOARD_MOCK_LATENCY: '0,100' } });
    const running = runMain(['chat'], io);
    stdin.write('Tell me a long story\n');
    await io.stdout.waitFor(/Mock answer about Tell me a long story:/);
    io.interrupt();
    await io.stdout.waitFor(/\[cancelled\]\n\[openai\/gpt-4\.1-mini · .*\]\n/);
    stdin.write('/model gpt-4.1-nano\nShort one\n');
    await io.stdout.waitFor(/you> Short one\n/);
    io.interrupt();
    await io.stdout.waitFor(/you> Short one\n(Mock answer[^\n]*)?\s?\[cancelled\]/);
    stdin.end('/exit\n');
    const result = await running;
    expect(result.code).toBe(0);
  });

  it('leaves on Ctrl-C at an idle prompt with piped input', async () => {
    const stdin = new PassThrough();
    const io = createTestIO({ stdin });
    const running = runMain(['chat'], io);
    await io.stdout.waitFor(/Chatting with/);
    io.interrupt();
    expect((await running).code).toBe(0);
  });

  it('runs on a terminal: a prompt, Ctrl-C clears the line, a second one leaves', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const io = createTestIO({ stdin, tty: true });
    const running = runMain(['chat'], io);
    await io.stdout.waitFor(/you> /);
    stdin.write('Hi there\r');
    await io.stdout.waitFor(/\$0\.\d+ so far/);
    stdin.write('half a line');
    stdin.write('\u0003');
    await io.stdout.waitFor(/To leave, press Ctrl-C again/);
    stdin.write('\u0003');
    expect((await running).code).toBe(0);
    expect(io.stdout.text).not.toContain('you> Hi there\nMock');
  });
});

// Keep the import used for the type of captured streams in helpers.
void CapturedStream;
