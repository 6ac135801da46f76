/**
 * Builds a 50,000-request Batch API input (about 200 MB) with the OpenAI provider's request lines, through the same
 * code `submitBatchJob` uses (split at the limits, requests streamed from a generator, never held in memory), then
 * reads it back line by line, parsing every line. Run in a fresh process by batch-bench.mjs, which reads the peak
 * resident memory it prints.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpenAIProvider } from '@switchboard/openai';
import { readJsonlLines, submitBatchJob } from '../dist/node.js';

const COUNT = 50_000;
const PROMPT_CHARS = 3_800;
const baselineRss = process.memoryUsage().rss;

function* requests() {
  const filler = 'The switchboard operator connects the caller to the right line and keeps a careful log. ';
  for (let i = 0; i < COUNT; i += 1) {
    const text = `Request ${i}: ${filler.repeat(Math.ceil(PROMPT_CHARS / filler.length))}`.slice(0, PROMPT_CHARS);
    yield {
      customId: `req-${i}`,
      request: { model: 'gpt-4o-mini', maxOutputTokens: 64, messages: [{ role: 'user', content: text }] },
    };
  }
}

// A provider whose Batch API never gets called: building stops before the upload.
const provider = createOpenAIProvider({ apiKey: 'sk-bench-memory-00000000', baseURL: 'http://127.0.0.1:9/v1' });
const workDir = await mkdtemp(join(tmpdir(), 'sb-bench-jsonl-'));
let sampledPeak = 0;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}, 20);
try {
  const buildStart = performance.now();
  const failure = await submitBatchJob(provider, requests(), { jobId: 'memory-bench', workDir, retry: false }).catch(
    (e) => e,
  );
  const buildMs = performance.now() - buildStart;
  // The upload was refused (nothing listens on port 9): the files are complete on disk by then.
  if (failure?.code !== 'network') throw failure;
  const inputPath = join(workDir, 'memory-bench', 'r0-part-0000.input.jsonl');
  const bytes = (await stat(inputPath)).size;
  const readStart = performance.now();
  let lines = 0;
  let checksum = 0;
  for await (const { text } of readJsonlLines(inputPath)) {
    const line = JSON.parse(text);
    checksum += line.body.messages[0].content.length;
    lines += 1;
  }
  const readMs = performance.now() - readStart;
  clearInterval(sampler);
  const peakRss = Math.max(sampledPeak, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(`${JSON.stringify({ lines, bytes, buildMs, readMs, peakRss, baselineRss, checksum })}\n`);
} finally {
  clearInterval(sampler);
  await rm(workDir, { recursive: true, force: true });
}
