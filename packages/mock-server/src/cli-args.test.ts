import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('maps every flag to server options', () => {
    expect(
      parseCliArgs([
        '--port',
        '8080',
        '--latency',
        '300,25',
        '--rpm',
        '60',
        '--tpm',
        '1000',
        '--mode',
        'azure',
        '--fault-rate',
        '0.1',
        '--api-key',
        'a',
        '--api-key',
        'b',
        '--seed',
        '7',
        '--cors-origin',
        'http://localhost:5173',
      ]),
    ).toEqual({
      help: false,
      options: {
        port: 8080,
        mode: 'azure',
        latency: { timeToFirstTokenMs: 300, interChunkMs: 25 },
        rateLimits: { rpm: 60, tpm: 1000, mode: 'azure' },
        faultRate: 0.1,
        apiKeys: ['a', 'b'],
        seed: 7,
        corsOrigins: ['http://localhost:5173'],
      },
    });
    expect(parseCliArgs(['--cors-origin', 'http://a.test', '--cors-origin', '*'])).toMatchObject({
      options: { corsOrigins: '*' },
    });
    expect(() => parseCliArgs(['--cors-origin', 'localhost'])).toThrow('--cors-origin must be');
    expect(parseCliArgs([])).toEqual({ help: false, options: { mode: 'openai', port: 0 } });
    expect(parseCliArgs(['--latency', '200'])).toMatchObject({
      options: { latency: { timeToFirstTokenMs: 200, interChunkMs: 0 } },
    });
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
  });

  it.each([
    [['--port', 'x'], '--port must be an integer'],
    [['--port', '70000'], 'at most 65535'],
    [['--mode', 'gcp'], '--mode must be openai or azure'],
    [['--latency', '1,2,3'], 'one or two numbers'],
    [['--rpm', '0'], '--rpm must be an integer >= 1'],
    [['--fault-rate', '2'], '--fault-rate must be between 0 and 1'],
    [['--what'], "Unknown option '--what'"],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
