import { describe, expect, it } from 'vitest';
import { renderSpanTree } from '../src/setup/tracing.ts';
import { runMain } from './support/in-process.ts';

describe('--trace', () => {
  it('prints the span tree of what ran, retries and fallbacks included', async () => {
    const result = await runMain(['ask', 'What is a switchboard?', '--trace'], { env: {} });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Trace (--trace): every call as OpenTelemetry spans');
    expect(result.stderr).toMatch(/└─ chat gpt-[\w.-]+ {2}\d+ ms, finish: stop, \d+→\d+ tokens/);
  });

  it('prints nothing extra without the flag', async () => {
    const result = await runMain(['ask', 'What is a switchboard?'], { env: {} });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('Trace (--trace)');
  });

  it('renders events and nesting, orphans at the root', () => {
    const span = (id: string, parent: string | undefined, name: string, extra: object = {}) => ({
      name,
      spanContext: () => ({ spanId: id }),
      parentSpanContext: parent ? { spanId: parent } : undefined,
      startTime: [0, Number(id) * 1000] as [number, number],
      duration: [0, 5_000_000] as [number, number],
      attributes: {},
      events: [],
      ...extra,
    });
    const lines = renderSpanTree([
      span('1', undefined, 'scene: A'),
      span('2', '1', 'chat m', {
        attributes: {
          'error.type': 'server',
          'switchboard.response.time_to_first_chunk': 0.012,
          'switchboard.stream.cancelled': true,
        },
        events: [
          {
            name: 'switchboard.rate_limit.wait',
            attributes: { 'switchboard.rate_limit.wait_ms': 12.4, 'switchboard.rate_limit.reason': 'tokens' },
          },
          { name: 'custom.event', attributes: {} },
        ],
      }),
      span('3', '99', 'orphan'),
    ] as never);
    expect(lines).toEqual([
      '├─ scene: A  5 ms',
      '│  └─ chat m  5 ms, error: server, first chunk 12 ms, cancelled',
      '│     · rate-limit wait 12 ms (tokens)',
      '│     · custom.event',
      '└─ orphan  5 ms',
    ]);
  });
});
