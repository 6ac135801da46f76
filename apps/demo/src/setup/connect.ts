import { createAzureProvider } from '@switchboard/azure';
import {
  type AzureOptions,
  BUILTIN_MODELS,
  type Hooks,
  loadConfigFromEnv,
  type OpenAIOptions,
  type Provider,
  UsageTracker,
  withHooks,
} from '@switchboard/core';
import { DEFAULT_MODELS, type MockServer, startMockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '@switchboard/openai';
import { DemoError } from '../cli/demo-error.js';
import type { Output } from '../cli/output.js';
import { activeTracing, type DemoTracing } from './tracing.js';

/** Which service the demo talks to. */
export type ProviderKind = 'openai' | 'azure';

/** Everything a command needs: the chosen provider, both providers when they exist, usage totals, the mock server. */
export interface DemoContext {
  /** The active provider, reporting to `tracker`. */
  provider: Provider;
  /** Which one it is. */
  kind: ProviderKind;
  /** Both providers, when both are configured (always on the mock server). */
  providers: Partial<Record<ProviderKind, Provider>>;
  /** True when the demo runs against the embedded mock server. */
  offline: boolean;
  /** The embedded mock server, when offline. */
  mock?: MockServer;
  /** Usage and cost of every call. */
  tracker: UsageTracker;
  /** Builds a provider of either kind with the demo's settings (for scenes that wrap their own). */
  create(kind: ProviderKind): Provider;
  /** `--trace`: the run's span recording, when on. */
  tracing?: DemoTracing;
  /** Hooks to give `withResilience` so its retries, waits and breaker changes land on the trace (none without it). */
  traceHooks: Hooks[];
  /** Wraps a composed provider (resilience, fallback) in one span per call when tracing; else returns it as it is. */
  instrument(provider: Provider): Provider;
  /** Stops the mock server, if any. */
  close(): Promise<void>;
}

interface Settings {
  openai?: OpenAIOptions;
  azure?: AzureOptions;
}

/**
 * The one call that differs between OpenAI and Azure. Everything else in the demo talks to the `Provider` contract,
 * so moving an application from one service to the other is this line.
 */
export function createProvider(kind: ProviderKind, settings: Settings): Provider {
  return kind === 'azure'
    ? createAzureProvider(required(settings.azure, 'AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY'))
    : createOpenAIProvider(required(settings.openai, 'OPENAI_API_KEY'));
}

/**
 * Chooses the service: `--provider` if given, else the environment (Azure settings → Azure, an OpenAI key → OpenAI),
 * else an embedded mock server that both providers point at, announced on the first line.
 */
export async function connect(options: {
  provider?: string;
  output: Output;
  env?: Record<string, string | undefined>;
}): Promise<DemoContext> {
  const requested = parseKind(options.provider);
  const env = options.env ?? process.env;
  const fromEnv = loadConfigFromEnv(env);
  const tracker = new UsageTracker();
  const live = Boolean(fromEnv.openai || fromEnv.azure);
  let settings: Settings = fromEnv;
  let mock: MockServer | undefined;
  if (!live) {
    mock = await startEmbeddedMock(env);
    settings = {
      openai: { apiKey: 'sk-demo-mock-key', baseURL: mock.url },
      azure: { endpoint: mock.azureUrl, apiKey: 'demo-mock-key' },
    };
    options.output.status(
      `Offline: no OPENAI_API_KEY or AZURE_OPENAI_* set, so the demo runs against the built-in mock server at ${mock.url}.`,
    );
  }
  const kind: ProviderKind =
    requested ?? (settings.azure && !settings.openai ? 'azure' : settings.openai ? 'openai' : 'azure');
  if (live) options.output.status(`Live: using ${describeService(kind, settings)}.`);
  const tracing = activeTracing();
  // Each provider's calls are spans of their own; composed providers (instrument) add the logical call around them.
  const create = (which: ProviderKind) => {
    const provider = withHooks(createProvider(which, settings), tracker);
    return tracing ? tracing.telemetry.wrap(provider) : provider;
  };
  const providers: Partial<Record<ProviderKind, Provider>> = {};
  for (const which of ['openai', 'azure'] as const) if (settings[which]) providers[which] = create(which);
  return {
    provider: providers[kind] ?? create(kind),
    kind,
    providers,
    offline: !live,
    ...(mock ? { mock } : {}),
    tracker,
    create,
    ...(tracing ? { tracing } : {}),
    traceHooks: tracing ? [tracing.telemetry.hooks] : [],
    instrument: (provider) => (tracing ? tracing.telemetry.wrap(provider) : provider),
    close: async () => {
      await mock?.close();
    },
  };
}

/** The models the embedded mock knows (its own list and core's catalog); others get the real "not found" errors. */
const MOCK_MODELS = [...new Set([...DEFAULT_MODELS, ...BUILTIN_MODELS.map((model) => model.id)])];

/**
 * Starts the mock server the demo uses offline: strict about model and deployment names (so a typo gets the real
 * 404), with a little generation latency so streaming shows. SWITCHBOARD_MOCK_LATENCY=`ttft,perChunk` (ms) changes
 * the latency, e.g. to slow answers down enough to press Ctrl-C in the middle of one.
 */
async function startEmbeddedMock(env: Record<string, string | undefined>): Promise<MockServer> {
  const [timeToFirstTokenMs, interChunkMs] = parseLatency(env.SWITCHBOARD_MOCK_LATENCY);
  return startMockServer({
    latency: { timeToFirstTokenMs, interChunkMs },
    models: MOCK_MODELS,
    strictModels: true,
    deployments: Object.fromEntries(MOCK_MODELS.map((model) => [model, model])),
  });
}

function parseLatency(value: string | undefined): [number, number] {
  if (value === undefined || value.trim() === '') return [40, 8];
  const parts = value.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 2 || parts.some((part) => !(Number.isFinite(part) && part >= 0))) {
    throw new DemoError(
      `SWITCHBOARD_MOCK_LATENCY must be two numbers of milliseconds, not "${value}".`,
      'For example SWITCHBOARD_MOCK_LATENCY=300,25 (time to first token, time per chunk).',
    );
  }
  return parts as [number, number];
}

function describeService(kind: ProviderKind, settings: Settings): string {
  if (kind === 'azure')
    return `Azure OpenAI at ${settings.azure?.endpoint ?? `resource ${settings.azure?.resourceName}`}`;
  return settings.openai?.baseURL ? `OpenAI at ${settings.openai.baseURL}` : 'the real OpenAI service';
}

function parseKind(value: string | undefined): ProviderKind | undefined {
  if (value === undefined) return undefined;
  if (value === 'openai' || value === 'azure') return value;
  throw new DemoError(`Unknown provider "${value}".`, 'Use --provider openai or --provider azure.');
}

function required<T>(value: T | undefined, variables: string): T {
  if (value === undefined)
    throw new DemoError(
      `This provider is not configured.`,
      `Set ${variables}, or unset all keys to use the mock server.`,
    );
  return value;
}
