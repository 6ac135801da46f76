import { describe, expect, it } from 'vitest';
import { DemoError } from './demo-error.js';
import { parseCommandLine } from './parse-command-line.js';

describe('parseCommandLine', () => {
  it('parses the command’s options with the global ones', () => {
    const { values, positionals } = parseCommandLine('x', ['a', '--out', 'f', '--json', 'b'], {
      out: { type: 'string' },
    });
    expect(values).toMatchObject({ out: 'f', json: true, verbose: false, help: false });
    expect(positionals).toEqual(['a', 'b']);
  });

  it('keeps the first sentence of parseArgs’ explanation and points at --help', () => {
    const attempt = (args: string[]) => {
      try {
        parseCommandLine('ask', args, { count: { type: 'string' } });
      } catch (error) {
        expect(error).toBeInstanceOf(DemoError);
        return `${(error as DemoError).message} | ${(error as DemoError).hint}`;
      }
      throw new Error('parsed');
    };
    expect(attempt(['--nope'])).toBe("Unknown option '--nope'. | See: switchboard-demo ask --help");
    expect(attempt(['--count'])).toBe("Option '--count <value>' argument missing | See: switchboard-demo ask --help");
    expect(attempt(['--json=yes'])).toMatch(/^Option '--json' does not take an argument/);
  });
});
