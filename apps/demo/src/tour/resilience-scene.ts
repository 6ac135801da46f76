import type { Hooks, Provider } from '@switchboard/core';
import { fallback, withResilience } from '@switchboard/resilience';
import { DEMO_MODELS } from '../commands/command.js';
import type { Scene, SceneContext } from './scene.js';

const question = { model: DEMO_MODELS.chat, messages: [{ role: 'user' as const, content: 'Say "connected".' }] };

/**
 * The mock server is told to misbehave and the resilience layer is narrated from its hook events: retries that wait
 * as long as Retry-After asks, a circuit that opens and recovers, and a fallback from OpenAI to Azure.
 */
export const resilienceScene: Scene = {
  title: 'Resilience: retries, circuit breaker, fallback',
  async run(context) {
    const { demo, output } = context;
    if (!demo.mock) {
      output.detail('skipped', 'this scene tells the mock server to fail; it runs only offline');
      return { skipped: 'needs the mock server' };
    }
    return {
      retries: await retries(context),
      breaker: await breaker(context),
      fallback: await fallbackToAzure(context),
    };
  },
};

function narrator(context: SceneContext, log: string[]): Hooks {
  const say = (line: string) => {
    log.push(line);
    context.output.detail('event', line);
  };
  return {
    onRetry: (e) =>
      say(
        `attempt ${e.attempt} failed (${e.error.code}${e.error.status ? ` ${e.error.status}` : ''}); retrying in ${Math.round(e.delayMs)} ms: ${e.reason}`,
      ),
    onCircuitStateChange: (e) => say(`circuit ${e.key}: ${e.from} → ${e.to}`),
  };
}

async function retries(context: SceneContext): Promise<unknown> {
  const { demo, output, signal } = context;
  const mock = demo.mock!;
  output.line(
    context.output.style('dim', '  The server answers 429 (Retry-After: 1 s) twice, then 503 once, then recovers.'),
  );
  mock.control.faults.add({
    kind: 'status',
    status: 429,
    retryAfterSeconds: 1,
    times: 2,
    route: 'chat.completions',
    surface: 'openai',
  });
  mock.control.faults.add({ kind: 'status', status: 503, times: 1, route: 'chat.completions', surface: 'openai' });
  const log: string[] = [];
  const provider = demo.instrument(
    withResilience(demo.create('openai'), {
      retry: { maxAttempts: 5, baseDelayMs: 100 },
      hooks: [narrator(context, log), ...demo.traceHooks],
    }),
  );
  const started = performance.now();
  const response = await provider.chat(question, { signal });
  const elapsedMs = Math.round(performance.now() - started);
  output.detail('result', `answered after ${log.length} retries in ${elapsedMs} ms: ${response.text.slice(0, 60)}`);
  return { retries: log.length, elapsedMs, events: log };
}

async function breaker(context: SceneContext): Promise<unknown> {
  const { demo, output, signal } = context;
  const mock = demo.mock!;
  output.line(
    context.output.style('dim', '  Three 500s in a row open the circuit; calls then fail fast until it half-opens.'),
  );
  mock.control.faults.add({ kind: 'status', status: 500, times: 3, route: 'chat.completions', surface: 'openai' });
  const log: string[] = [];
  const provider = demo.instrument(
    withResilience(demo.create('openai'), {
      retry: false,
      circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: 500 },
      hooks: [narrator(context, log), ...demo.traceHooks],
    }),
  );
  const outcomes: string[] = [];
  for (let i = 0; i < 4; i++) {
    outcomes.push(
      await provider.chat(question, { signal }).then(
        () => 'ok',
        (error: { code?: string }) => error.code ?? 'error',
      ),
    );
  }
  output.detail('calls', outcomes.join(', '));
  await new Promise((resolve) => setTimeout(resolve, 600));
  outcomes.push(await provider.chat(question, { signal }).then(() => 'ok (trial call closed the circuit)'));
  output.detail('after 500 ms', outcomes.at(-1) as string);
  return { outcomes, events: log };
}

async function fallbackToAzure(context: SceneContext): Promise<unknown> {
  const { demo, output, signal } = context;
  const mock = demo.mock!;
  output.line(context.output.style('dim', '  OpenAI keeps failing with 503; the same request moves on to Azure.'));
  const faultId = mock.control.faults.add({
    kind: 'status',
    status: 503,
    route: 'chat.completions',
    surface: 'openai',
  });
  const attempts: string[] = [];
  const providers: Provider[] = [
    withResilience(demo.create('openai'), { retry: { maxAttempts: 2, baseDelayMs: 50 } }),
    withResilience(demo.create('azure'), { retry: { maxAttempts: 2, baseDelayMs: 50 } }),
  ];
  const provider = demo.instrument(
    fallback(providers, {
      onAttempt: (e) => {
        demo.tracing?.telemetry.onFallbackAttempt(e);
        const line = `${e.provider}: ${e.ok ? 'answered' : `failed (${e.error?.code})${e.fallingBack ? ', falling back' : ''}`}`;
        attempts.push(line);
        output.detail('attempt', line);
      },
    }),
  );
  try {
    const response = await provider.chat(question, { signal });
    output.detail('result', `answered by the fallback: ${response.text.slice(0, 60)}`);
  } finally {
    mock.control.faults.remove(faultId);
  }
  return { attempts };
}
