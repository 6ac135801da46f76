import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe('runCli', () => {
  it('starts a server, prints its URLs, serves until aborted, then stops', async () => {
    const { io, out } = recorder();
    const controller = new AbortController();
    const running = runCli(['--mode', 'azure', '--rpm', '100'], controller.signal, io);
    for (let i = 0; i < 100 && out.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const url = /baseURL (\S+)/.exec(out.join('\n'))?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const health = await fetch(`${url?.replace(/\/v1$/, '')}/__mock/health`);
    expect(await health.json()).toEqual({ ok: true });
    controller.abort();
    expect(await running).toBe(0);
    expect(out.at(-1)).toBe('switchboard-mock stopped');
  });

  it('prints help, rejects bad flags with exit code 2, and reports a port it cannot take', async () => {
    const help = recorder();
    expect(await runCli(['--help'], AbortSignal.abort(), help.io)).toBe(0);
    expect(help.out[0]).toContain('Usage: switchboard-mock');
    const bad = recorder();
    expect(await runCli(['--mode', 'x'], AbortSignal.abort(), bad.io)).toBe(2);
    expect(bad.err[0]).toContain('--mode must be openai or azure');
    const first = recorder();
    const controller = new AbortController();
    const running = runCli([], controller.signal, first.io);
    for (let i = 0; i < 100 && first.out.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const port = /:(\d+)\/v1/.exec(first.out.join('\n'))?.[1] ?? '0';
    const clash = recorder();
    expect(await runCli(['--port', port], AbortSignal.abort(), clash.io)).toBe(1);
    expect(clash.err[0]).toContain('could not start');
    controller.abort();
    await running;
    const immediate = recorder();
    expect(await runCli([], AbortSignal.abort(), immediate.io)).toBe(0);
  });
});
