import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../server/server.js';
import { Lane, type PacedStream } from './stream-scheduler.js';

const body = (model: string) =>
  JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'pace me' }] });

async function open(origin: string, model: string, signal?: AbortSignal) {
  const response = await fetch(`${origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-x', 'content-type': 'application/json' },
    body: body(model),
    signal,
  });
  return response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
}

describe('StreamScheduler (through the server)', () => {
  it('paces many streams from one timer, each complete and in order', async () => {
    const server = await startMockServer({ latency: { timeToFirstTokenMs: 20, interChunkMs: 2 } });
    try {
      const texts = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const reader = await open(server.origin, 'gpt-4o');
          let text = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return text;
            text += new TextDecoder().decode(value);
          }
        }),
      );
      const withoutIds = (text: string) => text.replace(/chatcmpl-[A-Za-z0-9]+/g, 'ID').replace(/"created":\d+/g, '');
      for (const text of texts) {
        expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
        expect(withoutIds(text)).toBe(withoutIds(texts[0] as string));
      }
      const ids = new Set(texts.map((text) => /"id":"([^"]+)"/.exec(text)?.[1]));
      expect(ids.size).toBe(50);
    } finally {
      await server.close();
    }
  });

  it('ends paced streams when the server closes, and drops clients that went away', async () => {
    const server = await startMockServer({ latency: { timeToFirstTokenMs: 10, interChunkMs: 1_000 } });
    const aborted = new AbortController();
    const gone = await open(server.origin, 'gpt-4o', aborted.signal);
    await gone.read();
    aborted.abort();
    const reader = await open(server.origin, 'gpt-4o');
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('chat.completion.chunk');
    const closing = server.close();
    const rest = await reader.read().then(
      (result) => result,
      () => ({ done: true as const, value: undefined }),
    );
    await closing;
    // The stream stops without [DONE]: either the end of the body or a reset connection.
    if (!rest.done) expect(new TextDecoder().decode(rest.value)).not.toContain('[DONE]');
    expect(server.control.requests().length).toBeGreaterThanOrEqual(2);
  });
});

describe('Lane', () => {
  const stream = (nextAt: number) => ({ nextAt }) as unknown as PacedStream;

  it('hands streams out in push order, compacting as the head moves on', () => {
    const lane = new Lane();
    for (let i = 0; i < 3000; i++) lane.push(stream(i));
    for (let i = 0; i < 2000; i++) {
      expect(lane.peek()?.nextAt).toBe(i);
      lane.shift();
    }
    lane.push(stream(3000));
    expect(lane.peek()?.nextAt).toBe(2000);
    expect(lane.drain().map((item) => item.nextAt)).toEqual(Array.from({ length: 1001 }, (_, i) => 2000 + i));
    expect(lane.peek()).toBeUndefined();
    lane.push(stream(1));
    lane.shift();
    expect(lane.peek()).toBeUndefined();
  });
});

describe('chunked writes', () => {
  /** One raw request; resolves with everything the server sent once it closes the connection. */
  function raw(port: number, request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (data) => {
        text += data.toString('latin1');
      });
      socket.on('end', () => {
        socket.destroy();
        resolve(text);
      });
      socket.on('error', reject);
      socket.write(request);
    });
  }

  it('completes a burst of streams opened on separate connections at once, each with every chunk in order', async () => {
    // While connections keep arriving the scheduler writes a few events per loop turn and hands the turn back, so the
    // server accepts the rest of the burst between its writes; no stream may lose or reorder a chunk on the way.
    const server = await startMockServer({ latency: { timeToFirstTokenMs: 5, interChunkMs: 2 } });
    try {
      const payload = body('gpt-4o');
      const request = `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer sk-x\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${payload.length}\r\n\r\n${payload}`;
      const answers = await Promise.all(Array.from({ length: 300 }, () => raw(server.port, request)));
      const contents = answers.map((answer) => {
        const [head, wire] = splitHead(answer);
        expect(head.startsWith('http/1.1 200')).toBe(true);
        expect(wire.endsWith('data: [DONE]\n\n\r\n0\r\n\r\n')).toBe(true);
        return [...wire.matchAll(/"content":"([^"]*)"/g)].map((match) => match[1]).join('');
      });
      expect(new Set(contents).size).toBe(1);
      expect((contents[0] as string).length).toBeGreaterThan(10);
    } finally {
      await server.close();
    }
  });

  it('sizes chunks in UTF-8 bytes when an answer is not ASCII', async () => {
    const server = await startMockServer({ latency: { timeToFirstTokenMs: 5, interChunkMs: 1 } });
    try {
      const payload = JSON.stringify({
        model: 'gpt-4o',
        stream: true,
        messages: [{ role: 'user', content: 'Grüße café naïve 東京' }],
      });
      const wire = splitHead(
        await raw(
          server.port,
          `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer sk-x\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
        ),
      )[1];
      // The wire was read as latin1 (one character per byte), so a chunk's size counts characters here.
      let rest = wire;
      let bytes = '';
      for (;;) {
        const eol = rest.indexOf('\r\n');
        const size = Number.parseInt(rest.slice(0, eol), 16);
        if (size === 0) break;
        bytes += rest.slice(eol + 2, eol + 2 + size);
        expect(rest.slice(eol + 2 + size, eol + 4 + size)).toBe('\r\n');
        rest = rest.slice(eol + 4 + size);
      }
      const events = Buffer.from(bytes, 'latin1').toString('utf8');
      expect(events).toMatch(/[\u0080-\uffff]/);
      expect(events.endsWith('data: [DONE]\n\n')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('frames paced chunks exactly as node:http does on HTTP/1.1, and falls back to plain writes on HTTP/1.0', async () => {
    const server = await startMockServer({ latency: { timeToFirstTokenMs: 5, interChunkMs: 1 } });
    try {
      const payload = body('gpt-4o');
      const request = (version: string) =>
        `POST /v1/chat/completions HTTP/${version}\r\nhost: x\r\nauthorization: Bearer sk-x\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${payload.length}\r\n\r\n${payload}`;
      const http11 = await raw(server.port, request('1.1'));
      const [head11, wire11] = splitHead(http11);
      expect(head11).toContain('transfer-encoding: chunked');
      // Every chunk is `<hex size>\r\n<bytes>\r\n`, the last one 0.
      let rest = wire11;
      let events = '';
      for (;;) {
        const eol = rest.indexOf('\r\n');
        const size = Number.parseInt(rest.slice(0, eol), 16);
        if (size === 0) break;
        events += rest.slice(eol + 2, eol + 2 + size);
        expect(rest.slice(eol + 2 + size, eol + 4 + size)).toBe('\r\n');
        rest = rest.slice(eol + 4 + size);
      }
      expect(events.split('\n\n').filter(Boolean).length).toBeGreaterThan(3);
      expect(events.endsWith('data: [DONE]\n\n')).toBe(true);

      const http10 = await raw(server.port, request('1.0'));
      const [head10, body10] = splitHead(http10);
      expect(head10).not.toContain('transfer-encoding');
      expect(body10.endsWith('data: [DONE]\n\n')).toBe(true);
      expect(body10.split('\n\n').filter(Boolean).length).toBe(events.split('\n\n').filter(Boolean).length);
    } finally {
      await server.close();
    }
  });
});

function splitHead(text: string): [string, string] {
  const end = text.indexOf('\r\n\r\n');
  return [text.slice(0, end).toLowerCase(), text.slice(end + 4)];
}
