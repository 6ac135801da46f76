import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './support/in-process.ts';
import { decodePng } from './support/png.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-tour-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tour (in process)', () => {
  it('runs every scene offline and reports them as JSON', async () => {
    const result = await runMain(['--json', '--out-dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.split('\n')[0]).toMatch(/^Offline: /);
    const json = JSON.parse(result.stdout) as {
      tour: { offline: boolean; failed: string[]; scenes: Record<string, Record<string, unknown>> };
    };
    expect(json.tour.offline).toBe(true);
    expect(json.tour.failed).toEqual([]);
    expect(Object.keys(json.tour.scenes)).toEqual([
      'Streaming chat',
      'Simple Q&A on gpt-5-nano',
      'Structured output (generateObject)',
      'Tool loop (runTools)',
      'Vision on a bundled image',
      'Image generation',
      'Embeddings similarity',
      'Token counts and cost before sending (tokenizer)',
      'Realtime text exchange (WebSocket)',
      'Resilience: retries, circuit breaker, fallback',
      'Batch with a progress bar and a checkpoint',
      'Usage and cost (UsageTracker)',
    ]);
    const scenes = json.tour.scenes;
    expect(scenes['Resilience: retries, circuit breaker, fallback']).toMatchObject({
      retries: { retries: 3 },
      breaker: { outcomes: ['server', 'server', 'server', 'circuit-open', 'ok (trial call closed the circuit)'] },
      fallback: { attempts: ['openai: failed (server), falling back', 'azure: answered'] },
    });
    expect(scenes['Tool loop (runTools)']).toMatchObject({ steps: 3, toolCalls: 2, stoppedBy: 'answer' });
    const card = (scenes['Structured output (generateObject)'] as { object: Record<string, unknown> }).object;
    expect(card).toMatchObject({ name: expect.any(String), yearsOfService: expect.any(Number) });
    expect(Array.isArray(card.shifts)).toBe(true);
    expect(scenes['Batch with a progress bar and a checkpoint']).toMatchObject({
      total: 12,
      lines: 12,
      distinctIds: 12,
    });
    expect(
      (scenes['Batch with a progress bar and a checkpoint'] as { fromCheckpoint: number }).fromCheckpoint,
    ).toBeGreaterThanOrEqual(5);
    expect(scenes['Realtime text exchange (WebSocket)']).toMatchObject({
      turns: [{ status: 'completed' }, { status: 'completed' }],
    });
    decodePng(await readFile(join(dir, 'tour-image.png')));
  });

  it('narrates every scene for people, on Azure too', async () => {
    const result = await runMain(['tour', '--provider', 'azure', '--out-dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Switchboard tour on Azure OpenAI \(mock server\)/);
    expect(result.stdout).toMatch(/event: attempt 1 failed \(rate-limit 429\); retrying in 1000 ms/);
    expect(result.stdout).toMatch(/event: circuit openai:gpt-4\.1-mini: closed → open/);
    expect(result.stdout).toMatch(/fitting: a 42-message conversation/);
    expect(result.stdout).toMatch(/typed: .+ served \d+ years on \d+ shift\(s\)/);
    expect(result.stdout).toMatch(/tool: step 1: busy_lines\(\{"city":"[^"]+"\}\) → \{"city":/);
    expect(result.stdout).toMatch(/total: 3 steps, \d+ tokens/);
    expect(result.stdout).toMatch(/second run: \d+ from the checkpoint/);
    expect(result.stdout).toMatch(/total: \d+ calls/);
    expect(result.stdout).toMatch(/Tour finished in [\d.]+ s\./);
  });
});
