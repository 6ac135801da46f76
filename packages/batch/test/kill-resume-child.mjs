// A batch run in its own process, for the SIGKILL test: runs COUNT requests against the mock server with a
// checkpoint, prints one line per result to stdout (the parent kills it at a random one), and with an output path
// writes every delivered result there as JSONL. Runs against the built dist, as a user's program would.
import { createWriteStream } from 'node:fs';
import { createOpenAIProvider } from '@switchboard/openai';
import { runBatch } from '../dist/node.js';

const [baseURL, checkpoint, count, outputPath] = process.argv.slice(2);
const provider = createOpenAIProvider({ apiKey: 'sk-test-kill-resume-0000', baseURL });
const requests = Array.from({ length: Number(count) }, (_, i) => ({
  customId: `item-${i}`,
  request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `question number ${i}` }], maxOutputTokens: 12 },
}));
const output = outputPath ? createWriteStream(outputPath) : undefined;
const run = runBatch(provider, requests, {
  checkpoint,
  concurrency: 8,
  retry: { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 50 },
});
let n = 0;
for await (const result of run) {
  n += 1;
  output?.write(
    `${JSON.stringify({ customId: result.customId, ok: result.ok, text: result.chat?.text, source: result.source })}\n`,
  );
  process.stdout.write(`${n}\n`);
}
if (output) await new Promise((resolve) => output.end(resolve));
process.stdout.write(`done ${JSON.stringify(run.summary)}\n`);
