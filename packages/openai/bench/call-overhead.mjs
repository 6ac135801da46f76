import { startMockServer } from '@switchboard/mock-server';
import { OpenAI } from 'openai';
import { median, reportRow } from '../../../scripts/bench-report.mjs';
import { createOpenAIProvider } from '../dist/index.js';
import { printTable } from './stats.mjs';

/**
 * Non-streaming call overhead against the mock server over loopback: `provider.chat` (request mapping, our fetch
 * transport, the structural check of the body, response mapping, rate-limit headers) against the raw SDK
 * `chat.completions.create` with the same wire body, the obvious thing to write instead. Calls alternate between the
 * two so both see the same server and machine load; medians per run, then the median of the per-run ratios.
 * Target (issue 21): within 5% of the raw SDK.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const CALLS = Number(process.env.BENCH_CALLS ?? 500);

const server = await startMockServer({ rateLimits: { rpm: 10_000_000, tpm: 10_000_000_000 } });
try {
  const provider = createOpenAIProvider({ apiKey: 'sk-bench', baseURL: server.url });
  const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL: server.url, maxRetries: 0 });
  const request = {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Name three rivers.' },
    ],
    maxOutputTokens: 40,
    seed: 1,
  };
  const body = {
    model: 'gpt-4o-mini',
    messages: request.messages,
    max_completion_tokens: 40,
    seed: 1,
  };
  const contenders = {
    'switchboard provider.chat': () => provider.chat(request),
    'SDK chat.completions.create': () => sdk.chat.completions.create(body),
  };
  const time = async (call) => {
    const started = performance.now();
    await call();
    return performance.now() - started;
  };
  for (let i = 0; i < 100; i++) for (const call of Object.values(contenders)) await call(); // warm-up

  const runMedians = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let r = 0; r < RUNS; r++) {
    const latencies = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
    for (let i = 0; i < CALLS; i++) {
      // Alternate which goes first so neither always gets the warmer connection.
      const order = i % 2 ? Object.entries(contenders) : Object.entries(contenders).reverse();
      for (const [name, call] of order) latencies[name].push(await time(call));
    }
    for (const name of Object.keys(contenders)) runMedians[name].push(median(latencies[name]));
  }
  const ours = runMedians['switchboard provider.chat'];
  const raw = runMedians['SDK chat.completions.create'];
  // Per-run ratios: the two contenders alternate call by call, so each run's pair shares the machine's load.
  const overhead = (median(ours.map((value, run) => value / raw[run])) - 1) * 100;
  console.log(`\nNon-streaming call overhead on the mock server: ${RUNS} runs × ${CALLS} calls each (median latency)`);
  printTable(Object.keys(contenders).map((name) => [name, `${median(runMedians[name]).toFixed(3)} ms`]));
  console.log(
    `overhead vs raw SDK (median of per-run ratios): ${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)}% ` +
      `(${(median(ours) - median(raw)).toFixed(3)} ms)`,
  );
  const ratio = 1 + overhead / 100;
  reportRow({
    bench: 'openai',
    metric: 'non-streaming chat latency: provider.chat vs raw SDK chat.completions.create (mock server)',
    baseline: `${median(raw).toFixed(3)} ms`,
    ours: `${median(ours).toFixed(3)} ms`,
    ratio,
    target: '≤ 1.05×',
    pass: ratio <= 1.05,
  });
  if (ratio > 1.05) process.exitCode = 1;
} finally {
  await server.close();
}
