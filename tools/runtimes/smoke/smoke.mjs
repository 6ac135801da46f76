// The one smoke program every runtime cell runs against @switchboard/mock-server. It uses only web-standard APIs
// (fetch, AbortSignal, TextEncoder) and plain static imports of the packed packages, so the same file runs on Node,
// Bun, Deno, workerd, in a browser and inside every bundle. Each check is independent: a failing check is recorded
// with its error (name, message, first stack frame) and the others still run, so one cell reports every problem.
import { createAzureProvider } from '@switchboard/azure';
import { planBatch, runBatch } from '@switchboard/batch';
import { isSwitchboardError } from '@switchboard/core';
import { createOpenAIProvider } from '@switchboard/openai';
import { connectRealtime } from '@switchboard/realtime';
import { withResilience } from '@switchboard/resilience';
import * as tokenizer from '@switchboard/tokenizer';

const MODEL = 'gpt-4.1-mini';
const CHECK_TIMEOUT_MS = 20_000;

/**
 * @param {object} options
 * @param {string} options.mockOrigin  the mock server's origin, e.g. http://127.0.0.1:1234
 * @param {string} options.apiKey
 * @param {boolean} options.realtime  whether this runtime has WebSockets (the realtime check runs only then)
 * @param {object} [options.providerOptions]  extra provider options (the browser passes dangerouslyAllowBrowser)
 * @param {object} [options.realtimeClientSecret]  a short-lived client secret minted server-side (browsers)
 * @param {string} [options.realtimeClientSecretError]  why none could be minted (the realtime check fails)
 * @param {string} [options.realtimeTransport]  'websocket' where a browser bundle runs outside a browser (no `ws`)
 * @param {() => Promise<unknown>} [options.tokenizerWasm]  tiktoken's lite WASM for `initTokenizer` where the
 *   tokenizer cannot read it from node_modules (bundles, workers, browsers): a Module, bytes or a fetch Response
 * @param {(text: string) => void} [options.onStreamText]  sees the streamed answer (the browser page shows it)
 */
export async function runSmoke(options) {
  const { mockOrigin, apiKey, providerOptions = {} } = options;
  const baseURL = `${mockOrigin}/v1`;
  const openai = () => createOpenAIProvider({ apiKey, baseURL, ...providerOptions });
  const checks = [];
  const check = async (name, body) => {
    const started = Date.now();
    try {
      const detail = await withTimeout(name, body());
      checks.push({ name, ok: true, detail: String(detail ?? ''), ms: Date.now() - started });
    } catch (error) {
      checks.push({ name, ok: false, error: describeError(error), ms: Date.now() - started });
    }
  };

  await check('chat', async () => {
    const reply = await openai().chat({ model: MODEL, messages: [{ role: 'user', content: 'Say hello' }] });
    if (!reply.text) throw new Error('empty answer');
    return `${reply.text.length} chars, ${reply.usage?.totalTokens} tokens`;
  });

  await check('azure-chat', async () => {
    const azure = createAzureProvider({ endpoint: mockOrigin, apiKey, ...providerOptions });
    const reply = await azure.chat({ model: MODEL, messages: [{ role: 'user', content: 'Say hello' }] });
    if (!reply.text) throw new Error('empty answer');
    return `${reply.text.length} chars`;
  });

  await check('stream-abort', async () => {
    const controller = new AbortController();
    const stream = openai().streamChat(
      { model: MODEL, maxOutputTokens: 200, messages: [{ role: 'user', content: 'Tell a long story' }] },
      { signal: controller.signal },
    );
    let text = '';
    let deltas = 0;
    let finished = false;
    let thrown;
    try {
      for await (const event of stream) {
        if (event.type === 'text-delta') {
          deltas += 1;
          text += event.delta;
          options.onStreamText?.(text);
          if (deltas === 3) controller.abort();
        }
        if (event.type === 'finish') finished = true;
      }
    } catch (error) {
      thrown = error;
    }
    if (deltas < 3) throw new Error(`only ${deltas} text deltas before the stream ended`);
    if (finished) throw new Error('the stream reached finish although it was aborted after 3 deltas');
    // Read only after the loop: `response` drains a stream nobody iterates.
    const outcome = await stream.response.then(
      () => 'resolved',
      (error) => error,
    );
    const abortError = thrown ?? outcome;
    if (!isSwitchboardError(abortError) || abortError.code !== 'aborted') {
      throw new Error(`expected an AbortedError after abort, got ${describeError(abortError)}`);
    }
    return `aborted after ${deltas} deltas (${text.length} chars)`;
  });

  await check('stream-full', async () => {
    const stream = openai().streamChat({ model: MODEL, messages: [{ role: 'user', content: 'Stream please' }] });
    let text = '';
    for await (const delta of stream.textStream) {
      text += delta;
      options.onStreamText?.(text);
    }
    const final = await stream.response;
    if (!text || text !== final.text) throw new Error('streamed text differs from the assembled answer');
    return `${text.length} chars`;
  });

  await check('tokens', async () => {
    if (options.tokenizerWasm) {
      // Named through the namespace so a build of the tokenizer without it still bundles and reports it here.
      if (typeof tokenizer.initTokenizer !== 'function') {
        throw new Error('@switchboard/tokenizer exports no initTokenizer (bundles, workers and browsers need it)');
      }
      await tokenizer.initTokenizer({ wasm: await options.tokenizerWasm() });
    }
    const tokens = tokenizer.countTokens('Hello, world! Switchboard counts tokens exactly.', { model: 'gpt-4o' });
    if (tokens !== 10) throw new Error(`expected 10 tokens, counted ${tokens}`);
    const long = tokenizer.countTokens('token '.repeat(20_000), { model: 'gpt-4o' });
    if (long < 19_000 || long > 21_000) throw new Error(`long text counted as ${long} tokens`);
    const chat = tokenizer.countChatTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello there' }] });
    const total = typeof chat === 'number' ? chat : chat.total;
    if (!(total > 0)) throw new Error(`chat count ${JSON.stringify(chat)}`);
    return `10 / ${long} / chat ${total}`;
  });

  await check('resilience-retry', async () => {
    const added = await controlRequest(`${mockOrigin}/__mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'status', status: 503, route: 'chat.completions', times: 1 }),
    });
    if (!added.ok) throw new Error(`could not install the mock fault: HTTP ${added.status}`);
    const retries = [];
    const provider = withResilience(openai(), {
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 2_000 },
      circuitBreaker: false,
      hooks: { onRetry: (event) => retries.push(event) },
    });
    const reply = await provider.chat({ model: MODEL, messages: [{ role: 'user', content: 'Retry me' }] });
    if (!reply.text) throw new Error('empty answer after the retry');
    if (retries.length !== 1) throw new Error(`expected 1 retry after one 503, saw ${retries.length}`);
    return 'one 503, retried, answered';
  });

  await check('batch', async () => {
    const requests = [1, 2, 3].map((n) => ({
      customId: `r${n}`,
      request: { model: MODEL, messages: [{ role: 'user', content: `Item ${n}` }] },
    }));
    const plan = await planBatch(requests, { rateLimits: { requestsPerMinute: 500, tokensPerMinute: 200_000 } });
    const { results } = await runBatch(openai(), requests, { concurrency: 2 }).collect();
    const ok = results.filter((result) => result.ok).length;
    if (ok !== 3) throw new Error(`${ok} of 3 batch requests succeeded`);
    return `3/3 local, plan recommends ${plan.recommendation?.mode}`;
  });

  if (options.realtime) {
    await check('realtime', async () => {
      if (options.realtimeClientSecretError) throw new Error(options.realtimeClientSecretError);
      const session = await connectRealtime(openai(), {
        model: 'gpt-realtime',
        session: { output_modalities: ['text'], instructions: 'Be brief.' },
        reconnect: false,
        heartbeat: false,
        ...(options.realtimeTransport ? { transport: options.realtimeTransport } : {}),
        ...(options.realtimeClientSecret ? { clientSecret: options.realtimeClientSecret } : {}),
      });
      try {
        const reply = session.sendText('Hello over realtime');
        let text = '';
        for await (const delta of reply.textStream) text += delta;
        if (!text) throw new Error('empty realtime answer');
        return `${text.length} chars`;
      } finally {
        await session.close();
      }
    });
  }

  return { ok: checks.every((c) => c.ok), checks };
}

/**
 * A request to the mock's control API. It is the harness's plumbing, not the code under test, so a pooled socket the
 * server closed while idle (undici reports "other side closed") is retried once on a fresh attempt.
 */
async function controlRequest(url, init) {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

function withTimeout(name, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${name} did not finish within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One line that names the error and where it came from (the first stack frame inside a package, if any). */
export function describeError(error) {
  if (!(error instanceof Error)) return `non-error thrown: ${safeString(error)}`;
  const name = isSwitchboardError(error) ? `${error.name} (${error.code})` : error.name;
  const frames = String(error.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '));
  const where = frames.find((line) => /node_modules|@switchboard|dist\//.test(line)) ?? frames[0] ?? '';
  const cause = error.cause instanceof Error ? ` [cause: ${error.cause.name}: ${error.cause.message}]` : '';
  const message = String(error.message).split('\n')[0];
  return `${name}: ${message}${cause}${where ? ` @ ${where.replace(/^at /, '')}` : ''}`;
}

function safeString(value) {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return String(value);
  }
}
