import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from './output.js';

function capture(tty = false) {
  const stream = Object.assign(new PassThrough(), { isTTY: tty });
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

describe('Output', () => {
  it('colours only on a terminal without NO_COLOR', () => {
    const tty = capture(true);
    expect(new Output({}, tty.stream, tty.stream, {}).style('red', 'x')).toBe('\u001b[31mx\u001b[39m');
    expect(new Output({}, tty.stream, tty.stream, { NO_COLOR: '1' }).style('red', 'x')).toBe('x');
    const pipe = capture(false);
    expect(new Output({}, pipe.stream, pipe.stream, {}).style('red', 'x')).toBe('x');
    expect(new Output({ json: true }, tty.stream, tty.stream, {}).style('red', 'x')).toBe('x');
  });

  it('in JSON mode prints only the collected results, with typed arrays made readable', async () => {
    const out = capture();
    const err = capture();
    const output = new Output({ json: true }, out.stream, err.stream, {});
    output.line('hidden');
    output.write('hidden');
    output.heading('hidden');
    output.status('status goes to stderr');
    output.result('vector', new Float32Array([0.5, 1]));
    output.result('bytes', new Uint8Array(3));
    output.flush();
    expect(JSON.parse(out.text())).toEqual({ vector: [0.5, 1], bytes: '<3 bytes>' });
    expect(err.text()).toBe('status goes to stderr\n');
  });

  it('writes lines, headings and details for people, and nothing on flush', () => {
    const out = capture();
    const output = new Output({}, out.stream, out.stream, {});
    output.heading('Title');
    output.detail('key', 'value');
    output.write('partial');
    output.flush();
    expect(out.text()).toBe('\n▸ Title\n  key: value\npartial');
  });
});
