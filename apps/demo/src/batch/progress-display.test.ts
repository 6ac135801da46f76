import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import type { BatchProgress } from '@switchboard/batch';
import { describe, expect, it } from 'vitest';
import { createProgressDisplay } from './progress-display.js';

function stream(tty: boolean) {
  const out = Object.assign(new PassThrough(), { isTTY: tty, columns: 120 });
  let text = '';
  out.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { out, text: () => text };
}

const progress = (done: number, extra: Partial<BatchProgress> = {}): BatchProgress => ({
  total: 10,
  done,
  succeeded: done,
  failed: 0,
  fromCheckpoint: 0,
  inFlight: 2,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0.001,
  elapsedMs: 100,
  requestsPerSecond: 4,
  etaMs: undefined,
  ...extra,
});

describe('createProgressDisplay', () => {
  it('prints a status line at most every interval, and the final state once', () => {
    const { out, text } = stream(false);
    const display = createProgressDisplay(out, { total: 10, label: 'batch', statusIntervalMs: 60_000 });
    display.update(progress(1));
    display.update(progress(5));
    display.update(progress(10, { inFlight: 0, failed: 1, fromCheckpoint: 3 }));
    display.stop();
    expect(text()).toBe(
      '  batch: 1/10 done, 2 in flight, 4.0 req/s, $0.001000\n  batch: 10/10 done, 0 in flight, 3 from checkpoint, 1 failed, 4.0 req/s, $0.001000\n',
    );
  });

  it('says nothing when nothing happened, and nothing twice', () => {
    const idle = stream(false);
    createProgressDisplay(idle.out, { total: 10, label: 'batch' }).stop();
    expect(idle.text()).toBe('');
    const same = stream(false);
    const display = createProgressDisplay(same.out, { total: 10, label: 'batch' });
    display.update(progress(4));
    display.update(progress(4));
    display.stop();
    expect(same.text().split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('draws a bar on a terminal', () => {
    const { out, text } = stream(true);
    const display = createProgressDisplay(out, { total: 10, label: 'batch' });
    display.update(progress(3, { fromCheckpoint: 1, failed: 1 }));
    display.stop();
    expect(stripVTControlCharacters(text())).toMatch(
      /batch \S+ 3\/10 \| 4\.0 req\/s \| \$0\.001000 \| 2 in flight, 1 from checkpoint, 1 failed/,
    );
    const idle = stream(true);
    createProgressDisplay(idle.out, { total: 5, label: 'eval' }).stop();
    expect(stripVTControlCharacters(idle.text())).toMatch(/eval \S+ 0\/5 \| 0\.0 req\/s \| \$0\.000000 \| starting/);
  });
});
