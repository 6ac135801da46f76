/**
 * One Batch API file task in a fresh process, for batch-bench.mjs, which compares each with its baseline:
 *   build-ours <dir>        the 50,000-line input file, through the code `submitBatchJob` uses
 *   build-plain <dir>       the same lines with a plain `fs.createWriteStream` writer (the baseline)
 *   parse-ours <file>       an output file read with `readJsonl` (line splitting + JSON.parse)
 *   parse-readline <file>   the same file with `node:readline` + JSON.parse (the baseline)
 *   make-output <file>      writes a 50,000-line Batch API output file for the parse tasks
 * Prints one JSON line: { ms, peakRss, cpuMs, lines, bytes }.
 *
 * Both sides of a pair start alike, as their users would: a build has the provider loaded (`@switchboard/openai`) and
 * ends by uploading the file (to a closed port, so it fails fast); the parse of an output file that came from the
 * Batch API has it loaded too. Ours additionally loads `@switchboard/batch`, which counts against it. `ms` is the
 * time until the first Batch API call (the files are complete then); peak RSS is the process's whole-life maximum, read the
 * same way on both sides.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';

export const COUNT = 50_000;
const PROMPT_CHARS = 3_700;
const filler = 'The switchboard operator connects the caller to the right line and keeps a careful log. ';
const prompt = (i) => `Request ${i}: ${filler.repeat(Math.ceil(PROMPT_CHARS / filler.length))}`.slice(0, PROMPT_CHARS);

function* requests() {
  for (let i = 0; i < COUNT; i += 1) {
    yield {
      customId: `req-${i}`,
      request: { model: 'gpt-4o-mini', maxOutputTokens: 64, messages: [{ role: 'user', content: prompt(i) }] },
    };
  }
}

/**
 * The provider both builds upload with; `uploadStarted` is stamped at its first network call (for submitBatchJob
 * with its own jobId that is the look-up of batches an earlier attempt made, which comes after the files are written).
 */
async function uploadingProvider() {
  const { createOpenAIProvider } = await import('@switchboard/openai');
  const provider = createOpenAIProvider({ apiKey: 'sk-bench-files-000000000', baseURL: 'http://127.0.0.1:9/v1' });
  const batches = provider.batches;
  const stamp = { uploadStarted: undefined };
  const timed = {
    ...provider,
    batches: new Proxy(batches, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        // Building and parsing lines is local work; everything else goes over the network.
        if (property === 'buildRequestLine' || property === 'parseResultLine') return value.bind(target);
        return (...args) => {
          stamp.uploadStarted ??= performance.now();
          return value.apply(target, args);
        };
      },
    }),
  };
  return { provider: timed, stamp };
}

/** Writes lines with backpressure, as any careful stream writer does. */
async function writeLines(path, lines) {
  const stream = createWriteStream(path);
  for (const line of lines) {
    if (!stream.write(`${line}\n`)) await new Promise((resolve) => stream.once('drain', resolve));
  }
  await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())));
}

const tasks = {
  async 'build-ours'(dir) {
    const { provider, stamp } = await uploadingProvider();
    const { submitBatchJob } = await import('../dist/node.js');
    const start = performance.now();
    const failure = await submitBatchJob(provider, requests(), { jobId: 'files', workDir: dir, retry: false }).catch(
      (error) => error,
    );
    const ms = stamp.uploadStarted - start;
    // Nothing listens on port 9: the upload fails once the files are complete on disk.
    if (failure?.code !== 'network') throw failure;
    const file = join(dir, 'files', 'r0-part-0000.input.jsonl');
    return { ms, lines: COUNT, bytes: (await stat(file)).size };
  },
  async 'build-plain'(dir) {
    // The same setup as build-ours: a user writing the file by hand still has the provider to upload it with.
    const { provider, stamp } = await uploadingProvider();
    const file = join(dir, 'plain.input.jsonl');
    const start = performance.now();
    await writeLines(
      file,
      (function* () {
        for (const { customId, request } of requests()) {
          yield JSON.stringify({
            custom_id: customId,
            method: 'POST',
            url: '/v1/chat/completions',
            body: {
              model: request.model,
              messages: request.messages,
              max_completion_tokens: request.maxOutputTokens,
            },
          });
        }
      })(),
    );
    const failure = await provider.batches
      .uploadFile(Readable.toWeb(createReadStream(file)), { filename: 'plain.input.jsonl' })
      .catch((error) => error);
    const ms = stamp.uploadStarted - start;
    if (failure?.code !== 'network') throw failure;
    return { ms, lines: COUNT, bytes: (await stat(file)).size };
  },
  async 'parse-ours'(file) {
    const { createOpenAIProvider } = await import('@switchboard/openai');
    createOpenAIProvider({ apiKey: 'sk-bench-files-000000000', baseURL: 'http://127.0.0.1:9/v1' });
    const { readJsonl } = await import('../dist/node.js');
    const start = performance.now();
    let lines = 0;
    let checksum = 0;
    for await (const line of readJsonl(file)) {
      checksum += line.response.body.choices[0].message.content.length;
      lines += 1;
    }
    return { ms: performance.now() - start, lines, checksum, bytes: (await stat(file)).size };
  },
  async 'parse-readline'(file) {
    // The same setup as parse-ours: the output file came from the Batch API, through the provider.
    const { createOpenAIProvider } = await import('@switchboard/openai');
    createOpenAIProvider({ apiKey: 'sk-bench-files-000000000', baseURL: 'http://127.0.0.1:9/v1' });
    const start = performance.now();
    let lines = 0;
    let checksum = 0;
    const reader = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const text of reader) {
      if (text === '') continue;
      const line = JSON.parse(text);
      checksum += line.response.body.choices[0].message.content.length;
      lines += 1;
    }
    return { ms: performance.now() - start, lines, checksum, bytes: (await stat(file)).size };
  },
  async 'make-output'(file) {
    await writeLines(
      file,
      (function* () {
        for (let i = 0; i < COUNT; i += 1) {
          yield JSON.stringify({
            id: `batch_req_${i}`,
            custom_id: `req-${i}`,
            response: {
              status_code: 200,
              request_id: `req_${i}`,
              body: {
                id: `chatcmpl-${i}`,
                object: 'chat.completion',
                created: 1_764_000_000,
                model: 'gpt-4o-mini-2024-07-18',
                choices: [{ index: 0, message: { role: 'assistant', content: prompt(i) }, finish_reason: 'stop' }],
                usage: { prompt_tokens: 800, completion_tokens: 800, total_tokens: 1600 },
              },
            },
            error: null,
          });
        }
      })(),
    );
    return { ms: 0, lines: COUNT, bytes: (await stat(file)).size };
  },
};

const [task, target] = process.argv.slice(2);
if (task && tasks[task]) {
  const result = await tasks[task](target);
  const usage = process.resourceUsage();
  const peakRss = usage.maxRSS * 1024;
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stdout.write(`${JSON.stringify({ ...result, peakRss, cpuMs })}\n`);
}
