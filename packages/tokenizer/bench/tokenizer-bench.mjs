/**
 * @switchboard/tokenizer benchmarks (run `pnpm --filter @switchboard/tokenizer bench`; needs `dist`, built by
 * `pnpm bench` or `pnpm --filter @switchboard/tokenizer build`). Every figure is a median of several runs, with
 * its baseline measured in the same run, interleaved; times are this process's CPU time (user + system), which a
 * loaded machine disturbs far less than the wall clock. Targets go through scripts/bench-report.mjs's reportRow:
 * 1. counting throughput on a 1 MiB mixed-language document vs raw tiktoken `encode_ordinary` (target ≥ 0.95×),
 *    beside gpt-tokenizer and js-tiktoken;
 * 2. counting every turn of a 200-turn conversation vs a running sum with raw tiktoken (target ≤ 1.5× its time);
 *    what our cache saves against our own uncached recount is printed as information;
 * 3. long runs without split points (100k identical characters): the slowest of four such inputs against raw
 *    tiktoken on 100k characters of ordinary text (target ≤ 3×; raw tiktoken itself is quadratic on such runs);
 * 4. memory drift over 10,000 calls against the memory after warm-up (target < 5 MB);
 * 5. the cold import vs importing @switchboard/core alone (target ≤ 1.2×), which must not instantiate the WASM
 *    encoder nor read rank data.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { reportRow } from '../../../scripts/bench-report.mjs';
import { conversation, mixedDocument } from './corpus.mjs';

const require = createRequire(import.meta.url);
const distUrl = new URL('../dist/node.js', import.meta.url);
const { createTokenizer } = await import(distUrl.href);
const { get_encoding } = require('tiktoken');

if (typeof globalThis.gc !== 'function') {
  console.error('Run with --expose-gc (the package script does).');
  process.exit(1);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A full GC and a turn of the event loop, so no measurement pays for the garbage of the one before. */
const settle = async () => {
  globalThis.gc();
  await sleep(0);
};
/** [CPU milliseconds of this process (user + system), result] of one synchronous call. */
const time = (fn) => {
  const start = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(start);
  return [(used.user + used.system) / 1_000, result];
};
const wallTime = (fn) => {
  const start = performance.now();
  const result = fn();
  return [performance.now() - start, result];
};
let failed = false;
const report = (row) => {
  reportRow({ bench: 'tokenizer', ...row });
  failed ||= !row.pass;
};
const fmt = (value, digits = 1) => value.toFixed(digits);
const mb = (bytes) => bytes / (1024 * 1024);
const check = (ok) => (ok ? 'PASS' : 'FAIL');

console.log(`@switchboard/tokenizer bench (node ${process.version}, ${process.platform}/${process.arch})\n`);

// 1. Throughput on a 1 MiB mixed-language document.
{
  const document = mixedDocument(1024 * 1024);
  const bytes = Buffer.byteLength(document);
  const tokenizer = createTokenizer({ cache: false });
  const raw = get_encoding('o200k_base');
  const ours = () => tokenizer.countTokens(document, { encoding: 'o200k_base' });
  const baseline = () => raw.encode_ordinary(document).length;
  const counts = { ours: ours(), raw: baseline() };
  // Ours and the baseline in pairs, each after a settled GC, half the pairs in each order; the ratio is the geometric
  // mean of the two orders' median ratios, which cancels both load changes and any first-or-second bias.
  const pairs = 20;
  const oursMs = [];
  const rawMs = [];
  const ratiosByOrder = [[], []];
  for (let pair = 0; pair < pairs; pair++) {
    const measured = {};
    for (const name of pair % 2 ? ['raw', 'ours'] : ['ours', 'raw']) {
      await settle();
      measured[name] = time(name === 'raw' ? baseline : ours)[0];
    }
    oursMs.push(measured.ours);
    rawMs.push(measured.raw);
    ratiosByOrder[pair % 2].push(measured.raw / measured.ours);
  }
  const ratio = Math.sqrt(median(ratiosByOrder[0]) * median(ratiosByOrder[1]));
  raw.free();
  tokenizer.dispose();
  // The pure-JavaScript tokenizers are loaded only now: their vocabularies make the heap much larger.
  const gptTokenizer = await import('gpt-tokenizer/encoding/o200k_base');
  const { getEncoding } = await import('js-tiktoken');
  const jsTiktoken = getEncoding('o200k_base');
  const rows = [
    ['@switchboard/tokenizer countTokens', median(oursMs), counts.ours],
    ['tiktoken encode_ordinary (raw WASM)', median(rawMs), counts.raw],
  ];
  const others = {
    'gpt-tokenizer countTokens': [() => gptTokenizer.countTokens(document), 7],
    'js-tiktoken encode': [() => jsTiktoken.encode(document, [], []).length, 3],
  };
  for (const [name, [fn, runs]] of Object.entries(others)) {
    const count = fn();
    const samples = [];
    for (let run = 0; run < runs; run++) {
      await settle();
      samples.push(time(fn)[0]);
    }
    rows.push([`${name} (${runs} runs)`, median(samples), count]);
  }
  console.log(`1. Counting a ${fmt(mb(bytes), 2)} MiB mixed-language document (o200k_base), medians of CPU time`);
  const rawMedian = median(rawMs);
  for (const [name, ms, count] of rows) {
    console.log(
      `   ${name.padEnd(38)} ${fmt(ms).padStart(7)} ms  ${fmt(mb(bytes) / (ms / 1000), 2).padStart(6)} MiB/s  ` +
        `${fmt(rawMedian / ms, 3)}× raw tiktoken  (${count} tokens)`,
    );
  }
  console.log(
    `   → ours vs raw tiktoken over ${pairs} paired runs: ${fmt(ratio, 3)}× (target ≥ 0.95×) ` +
      `${check(ratio >= 0.95)}; identical count: ${counts.ours === counts.raw}`,
  );
  report({
    metric: `countTokens throughput, ${fmt(mb(bytes), 2)} MiB mixed-language document (same count)`,
    baseline: `${fmt(rawMedian)} ms CPU (raw tiktoken encode_ordinary)`,
    ours: `${fmt(median(oursMs))} ms CPU`,
    ratio,
    target: '≥ 0.95× (speed)',
    pass: ratio >= 0.95 && counts.ours === counts.raw,
  });
  console.log();
}

// 2. Counting every turn of a 200-turn conversation. The honest baseline is what a careful user writes with raw
// tiktoken: a running sum that tokenizes only the new message each turn (plus the cookbook's 3 per message and 3 to
// prime the reply). Ours recounts the whole request each turn through countChatTokens and its per-message cache; the
// cache is what keeps that close to the running sum, while the caller keeps no state and gets a correct count after
// editing, dropping or truncating earlier messages. The uncached recount shows what the cache saves.
{
  const messages = conversation(200);
  const raw = get_encoding('o200k_base');
  const countEveryTurn = (tokenizer) => {
    let last = 0;
    for (let turn = 2; turn <= messages.length; turn++) {
      last = tokenizer.countChatTokens({ model: 'gpt-4o', messages: messages.slice(0, turn) }).total;
    }
    return last;
  };
  const runningSum = () => {
    let sum = 3 + 3 + raw.encode_ordinary(messages[0].content).length + 1; // system message, reply priming, role
    let last = 0;
    for (let turn = 2; turn <= messages.length; turn++) {
      const message = messages[turn - 1];
      sum += 3 + raw.encode_ordinary(message.content).length + 1;
      last = sum;
    }
    return last;
  };
  const incremental = [];
  const baseline = [];
  const scratch = [];
  const perRun = [];
  let totals = [];
  for (let run = 0; run < 7; run++) {
    const cached = createTokenizer();
    const uncached = createTokenizer({ cache: false });
    cached.countTokens('warm up', { model: 'gpt-4o' });
    uncached.countTokens('warm up', { model: 'gpt-4o' });
    // Interleaved, alternating which of ours and the baseline goes first.
    const [cachedMs, cachedTotal] = run % 2 ? time(() => countEveryTurn(cached)) : [0, 0];
    const [sumMs, sumTotal] = time(runningSum);
    const [cachedMs2, cachedTotal2] = run % 2 ? [cachedMs, cachedTotal] : time(() => countEveryTurn(cached));
    const [scratchMs, scratchTotal] = time(() => countEveryTurn(uncached));
    incremental.push(cachedMs2);
    baseline.push(sumMs);
    perRun.push(cachedMs2 / sumMs);
    scratch.push(scratchMs);
    totals = [cachedTotal2, sumTotal, scratchTotal];
    cached.dispose();
    uncached.dispose();
  }
  raw.free();
  // Each run's pair ran back to back under the same load: the median of the per-run ratios.
  const ratio = median(perRun);
  console.log('2. Counting every turn of a 200-turn conversation (gpt-4o), median of 7 interleaved runs (CPU time)');
  console.log(`   raw tiktoken running sum (new message only)  ${fmt(median(baseline)).padStart(7)} ms`);
  console.log(`   ours: countChatTokens every turn, cached     ${fmt(median(incremental)).padStart(7)} ms`);
  console.log(`   ours without the cache (recount all)         ${fmt(median(scratch)).padStart(7)} ms`);
  console.log(
    `   → ours ${fmt(ratio, 2)}× the running sum's time (target ≤ 1.5×) ${check(ratio <= 1.5)}; the cache saves ` +
      `${fmt(median(scratch) / median(incremental))}× over recounting; final prompt tokens ${totals.join(' / ')}`,
  );
  report({
    metric: 'countChatTokens every turn of a 200-turn chat vs a raw tiktoken running sum (time)',
    baseline: `${fmt(median(baseline))} ms CPU`,
    ours: `${fmt(median(incremental))} ms CPU (uncached recount ${fmt(median(scratch))} ms, info)`,
    ratio,
    target: '≤ 1.50×',
    pass: ratio <= 1.5 && totals[0] === totals[1],
  });
  console.log();
}

// 3. Long runs without split points. Baseline: raw tiktoken on ordinary text of the same length (on such runs raw
// tiktoken itself is quadratic, shown for scale on a tenth of the input).
{
  console.log('3. Runs of 100,000 identical characters (no split point), o200k_base, median of 7 (CPU time)');
  const inputs = {
    "'a' × 100k": 'a'.repeat(100_000),
    "' ' × 100k": ' '.repeat(100_000),
    "'!' × 100k": '!'.repeat(100_000),
    "'中' × 100k": '中'.repeat(100_000),
  };
  const ordinary = mixedDocument(400_000).slice(0, 100_000);
  const tokenizer = createTokenizer({ cache: false });
  const raw = get_encoding('o200k_base');
  tokenizer.countTokens('warm up the WASM encoder');
  raw.encode_ordinary('warm up');
  const cold = {};
  const tokens = {};
  for (const [name, text] of Object.entries(inputs))
    [cold[name], tokens[name]] = time(() => tokenizer.countTokens(text));
  const samples = Object.fromEntries(Object.keys(inputs).map((name) => [name, []]));
  const baseline = [];
  for (let run = 0; run < 7; run++) {
    // Interleaved: the baseline before ours on even runs, after on odd ones.
    if (run % 2 === 0) baseline.push(time(() => raw.encode_ordinary(ordinary))[0]);
    for (const [name, text] of Object.entries(inputs)) samples[name].push(time(() => tokenizer.countTokens(text))[0]);
    if (run % 2 === 1) baseline.push(time(() => raw.encode_ordinary(ordinary))[0]);
  }
  let first = true;
  for (const name of Object.keys(inputs)) {
    const note = first ? ' (first one loads the rank table)' : '';
    console.log(
      `   ${name.padEnd(12)} first ${fmt(cold[name]).padStart(6)} ms${note.padEnd(34)} median ${fmt(median(samples[name])).padStart(6)} ms  (${tokens[name]} tokens)`,
    );
    first = false;
  }
  const [worstName, worst] = Object.entries(samples)
    .map(([name, values]) => [name, median(values)])
    .sort((x, y) => y[1] - x[1])[0];
  const baselineMs = median(baseline);
  console.log(`   raw tiktoken on 100k characters of ordinary mixed-language text: ${fmt(baselineMs)} ms`);
  const [rawRunMs] = time(() => raw.encode_ordinary('a'.repeat(10_000)));
  console.log(`   for scale: raw tiktoken on 'a' × 10k (a tenth of the input) takes ${fmt(rawRunMs)} ms (quadratic)`);
  const ratio = worst / baselineMs;
  report({
    metric: `slowest 100k-character run without split points (${worstName}) vs ordinary text of that length`,
    baseline: `${fmt(baselineMs)} ms CPU (raw tiktoken, ordinary text)`,
    ours: `${fmt(worst)} ms CPU`,
    ratio,
    target: '≤ 3.00×',
    pass: ratio <= 3,
  });
  console.log();
  raw.free();
  tokenizer.dispose();
}

// 4. Memory drift over 10,000 calls.
{
  const tokenizer = createTokenizer();
  const base = conversation(40, 99);
  let serial = 0;
  const call = () => {
    serial++;
    const unique = `Request ${serial}: ${base[1 + (serial % 40)].content}`;
    switch (serial % 4) {
      case 0:
        return tokenizer.countTokens(unique, { model: 'gpt-4o' });
      case 1:
        return tokenizer.countChatTokens({
          model: 'gpt-4o',
          messages: [...base.slice(0, 10), { role: 'user', content: unique }],
        }).total;
      case 2:
        return tokenizer.estimateTokens({
          model: 'gpt-4.1',
          messages: [{ role: 'user', content: unique }],
          maxOutputTokens: 50,
        });
      default:
        return tokenizer.fitToContext(
          { model: 'gpt-4o', messages: [...base, { role: 'user', content: unique }] },
          { contextWindow: 4000 },
        ).tokens;
    }
  };
  const used = () => {
    globalThis.gc();
    globalThis.gc();
    const memory = process.memoryUsage();
    return { heap: memory.heapUsed, external: memory.external, rss: memory.rss };
  };
  // Warm up until the count cache is full, so the drift measures leaks, not the bounded cache filling.
  for (let index = 0; index < 6000; index++) call();
  const before = used();
  const [elapsed] = wallTime(() => {
    for (let index = 0; index < 10_000; index++) call();
  });
  const after = used();
  const drift = after.heap + after.external - (before.heap + before.external);
  console.log(
    '4. Memory over 10,000 calls (countTokens, countChatTokens, estimateTokens, fitToContext; after warm-up)',
  );
  console.log(
    `   heap ${fmt(mb(before.heap))} → ${fmt(mb(after.heap))} MB, external (WASM) ${fmt(mb(before.external))} → ` +
      `${fmt(mb(after.external))} MB, rss ${fmt(mb(before.rss))} → ${fmt(mb(after.rss))} MB, ${fmt(elapsed)} ms`,
  );
  report({
    metric: 'memory (heap + external) after 10,000 more calls vs after warm-up (leak check)',
    baseline: `${fmt(mb(before.heap + before.external))} MB`,
    ours: `${fmt(mb(after.heap + after.external))} MB (drift ${fmt(mb(drift), 2)} MB)`,
    ratio: (after.heap + after.external) / (before.heap + before.external),
    target: 'drift < 5 MB',
    pass: Math.abs(mb(drift)) < 5,
  });
  console.log();
  tokenizer.dispose();
}

// 4b. Memory for one large input: WASM linear memory never shrinks, so the peak of one call stays for good.
{
  const corpusUrl = new URL('./corpus.mjs', import.meta.url).href;
  const tiktokenPath = require.resolve('tiktoken');
  const script = (body) => `
    import { createRequire } from 'node:module';
    const { mixedDocument } = await import(${JSON.stringify(corpusUrl)});
    const text = mixedDocument(16 * 1024 * 1024);
    const before = process.memoryUsage().external;
    ${body}
    process.stdout.write(String(process.memoryUsage().external - before));`;
  const run = (body) =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script(body)], { encoding: 'utf8' }));
  const ours = run(`const { countTokens } = await import(${JSON.stringify(distUrl.href)}); countTokens(text);`);
  const raw = run(
    `const { get_encoding } = createRequire(process.cwd() + '/')(${JSON.stringify(tiktokenPath)}); get_encoding('o200k_base').encode_ordinary(text);`,
  );
  console.log('4b. Memory kept after counting one 16 MiB document (fresh process, external incl. WASM)');
  console.log(
    `   @switchboard/tokenizer ${fmt(mb(ours)).padStart(7)} MB   raw tiktoken encode_ordinary ${fmt(mb(raw)).padStart(7)} MB\n`,
  );
}

// 5. Cold import. Baseline: importing @switchboard/core alone, which the tokenizer needs anyway; ours must add no
// WASM instantiation and no rank data (the child throws if a rank file was loaded).
{
  const once = (code) =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }));
  const measure = (code) => {
    const samples = [];
    for (let run = 0; run < 5; run++) samples.push(once(code));
    return median(samples);
  };
  const importOurs = `const t = performance.now(); await import(${JSON.stringify(distUrl.href)}); const ms = performance.now() - t; if (Object.keys((await import('node:module')).createRequire(process.cwd() + "/").cache).some((k) => k.includes('encoders'))) throw new Error('rank data was loaded at import'); process.stdout.write(String(ms));`;
  const tiktokenUrl = pathToFileURL(require.resolve('tiktoken')).href;
  const importTiktoken = `import { createRequire } from 'node:module'; const t = performance.now(); createRequire(${JSON.stringify(tiktokenUrl)})(${JSON.stringify(fileURLToPath(tiktokenUrl))}); process.stdout.write(String(performance.now() - t));`;
  const coreUrl = pathToFileURL(require.resolve('@switchboard/core')).href;
  const importCore = `const t = performance.now(); await import(${JSON.stringify(coreUrl)}); process.stdout.write(String(performance.now() - t));`;
  const firstCount = `const { countTokens } = await import(${JSON.stringify(distUrl.href)}); const t = performance.now(); countTokens('hello'); process.stdout.write(String(performance.now() - t));`;
  let lazy = true;
  const oursMs = [];
  const coreMs = [];
  for (let run = 0; run < 5; run++) {
    // Interleaved, the order alternating.
    for (const which of run % 2 ? ['core', 'ours'] : ['ours', 'core']) {
      if (which === 'core') coreMs.push(once(importCore));
      else {
        try {
          oursMs.push(once(importOurs));
        } catch (error) {
          lazy = false;
          console.log(`   import @switchboard/tokenizer failed the laziness check: ${error.message.split('\n')[0]}`);
        }
      }
    }
  }
  const ours = oursMs.length > 0 ? median(oursMs) : Number.NaN;
  const core = median(coreMs);
  const ratio = lazy ? median(oursMs.map((value, run) => value / coreMs[run])) : Number.NaN;
  const wasm = measure(importTiktoken);
  const first = measure(firstCount);
  console.log('5. Cold import (fresh process, median of 5, wall clock)');
  console.log(
    `   import @switchboard/tokenizer        ${fmt(ours).padStart(6)} ms (WASM not instantiated, no rank data read)`,
  );
  console.log(`   import @switchboard/core alone       ${fmt(core).padStart(6)} ms`);
  console.log(`   require('tiktoken') alone (WASM)     ${fmt(wasm).padStart(6)} ms`);
  console.log(
    `   first countTokens (lite WASM + o200k)     ${fmt(first).padStart(6)} ms, paid on first use instead of at import`,
  );
  report({
    metric: 'cold import of @switchboard/tokenizer vs @switchboard/core alone (no WASM, no rank data)',
    baseline: `${fmt(core)} ms`,
    ours: `${fmt(ours)} ms`,
    ratio,
    target: '≤ 1.20×, lazy',
    pass: lazy && ratio <= 1.2,
  });
}
if (failed) process.exitCode = 1;
