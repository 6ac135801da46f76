import {
  type CallContext,
  type CallOptions,
  type ChatRequest,
  type EmbeddingRequest,
  type ImageRequest,
  isSwitchboardError,
  type Provider,
  type RateLimitInfo,
  type SwitchboardError,
  UnsupportedError,
  wrapProvider,
} from '@switchboard/core';
import type { CircuitBreaker } from '../circuit-breaker/circuit-breaker.js';
import { ConfigCollector } from '../config/config-collector.js';
import { type FallbackAttemptEvent, fallback } from '../fallback/fallback.js';
import { rateLimitKey } from '../rate-limiter/rate-limit-key.js';
import type { RateLimiter, RateLimitSnapshot } from '../rate-limiter/rate-limiter.js';
import { orderTargets, type RouterStrategy, type TargetView } from './order-targets.js';

/** One provider, deployment or key the router may send a call to. */
export interface RouterTarget {
  /** The provider (usually wrapped by `withResilience`, with its own limiter and breaker). */
  provider: Provider;
  /** The model (or Azure deployment) to ask this target for instead of the request's. */
  model?: string;
  /** `weighted`: relative share of calls. Default 1. */
  weight?: number;
  /** `priority`: lower goes first. Default: the target's position. */
  priority?: number;
  /** The limiter in front of this target (the one its `withResilience` uses): `least-busy` reads its buckets. */
  limiter?: RateLimiter;
  /** The limiter and breaker key of this target. Default `provider:model`, as `withResilience` keys calls. */
  key?: string;
  /** The breaker in front of this target: while its circuit is open the target is skipped. */
  breaker?: CircuitBreaker;
  /** Requests per minute this target allows, when neither its limiter nor its headers say. */
  requestsPerMinute?: number;
}

/** Options of `createRouter`. */
export interface RouterOptions {
  /** How to choose. Default `least-busy`. */
  strategy?: RouterStrategy;
  /** The router's provider name. Default `router(a,b,...)`. */
  name?: string;
  /** Decides whether an error moves the call on to the next target. Default: `fallback`'s rule. */
  shouldFallBack?: (error: SwitchboardError) => boolean;
  /** Told about every target tried. */
  onAttempt?: (event: FallbackAttemptEvent) => void;
  /** `weighted`: the source of randomness in [0, 1). Default `Math.random`. */
  random?: () => number;
}

const KNOWN = ['strategy', 'name', 'shouldFallBack', 'onAttempt', 'random'] as const;
const STRATEGIES: readonly RouterStrategy[] = ['least-busy', 'weighted', 'round-robin', 'priority'];

/** What the router remembers about a target between calls. */
interface TargetState {
  target: RouterTarget;
  /** The target's provider, counting its calls and reading their outcome. */
  tracked: Provider;
  inFlight: number;
  pausedUntil: number;
  headers: RateLimitInfo | undefined;
  snapshot: RateLimitSnapshot | undefined;
  refreshing: boolean;
}

/**
 * A provider over several providers, deployments or keys that picks a target per call by `strategy`: `least-busy`
 * (the shortest expected wait: calls in flight against the capacity its limiter or `x-ratelimit-*` headers report),
 * `weighted`, `round-robin` or `priority`. Targets whose circuit is open or that a 429 paused are tried last, and a
 * call that fails with an error `fallback` would move on for (retryable, open circuit, context length; never 400/401
 * or a content filter) moves to the next target. Chat, streams (before their first output), embeddings and images
 * all route.
 */
export function createRouter(targets: readonly RouterTarget[], options: RouterOptions = {}): Provider {
  const collector = new ConfigCollector().unknownKeys('router', options, KNOWN);
  if (!Array.isArray(targets) || targets.length === 0) {
    collector.issues.push({ path: 'router.targets', message: 'must list at least one target' });
  }
  const strategy = options.strategy ?? 'least-busy';
  if (!STRATEGIES.includes(strategy)) {
    collector.issues.push({ path: 'router.strategy', message: `must be one of ${STRATEGIES.join(', ')}` });
  }
  targets.forEach((target, i) => {
    if (!target || typeof target.provider?.chat !== 'function') {
      collector.issues.push({ path: `router.targets.${i}.provider`, message: 'must be a provider' });
    }
    if (target?.weight !== undefined && !(target.weight >= 0)) {
      collector.issues.push({ path: `router.targets.${i}.weight`, message: 'must be a number of at least 0' });
    }
  });
  collector.done();
  const random = options.random ?? Math.random;
  const name = options.name ?? `router(${targets.map((t) => t.provider.name).join(',')})`;

  const keyOf = (state: TargetState, model: string | undefined) =>
    state.target.key ?? rateLimitKey(state.target.provider.name, state.target.model ?? model);

  const refresh = (state: TargetState, model: string | undefined) => {
    const { limiter } = state.target;
    if (!limiter || state.refreshing) return;
    state.refreshing = true;
    limiter.inspect(keyOf(state, model)).then(
      (snapshot) => {
        state.snapshot = snapshot;
        state.refreshing = false;
      },
      () => {
        state.refreshing = false;
      },
    );
  };

  const finished = (state: TargetState, model: string | undefined, result: unknown, error: unknown) => {
    state.inFlight -= 1;
    const rateLimit = (result as { rateLimit?: RateLimitInfo } | undefined)?.rateLimit;
    if (rateLimit) state.headers = rateLimit;
    if (isSwitchboardError(error) && error.code === 'rate-limit' && error.source !== 'resilience') {
      state.pausedUntil = Math.max(state.pausedUntil, Date.now() + (error.retryAfterMs ?? 1_000));
    }
    refresh(state, model);
  };

  const states: TargetState[] = targets.map((target) => {
    const state = {
      target,
      inFlight: 0,
      pausedUntil: 0,
      headers: undefined,
      snapshot: undefined,
      refreshing: false,
    } as TargetState;
    const track = <T>(run: () => Promise<T>, model: string | undefined): Promise<T> => {
      state.inFlight += 1;
      return run().then(
        (result) => {
          finished(state, model, result, undefined);
          return result;
        },
        (error: unknown) => {
          finished(state, model, undefined, error);
          throw error;
        },
      );
    };
    state.tracked = wrapProvider(target.provider, {
      wrapCall: (next, context: CallContext, callOptions) => track(() => next(callOptions), context.model),
      // A stream is passed through untouched (it can be consumed only once); its charge shows in the limiter.
      wrapStream: (next, context, callOptions) => {
        refresh(state, context.model);
        return next(callOptions);
      },
    });
    return state;
  });

  const viewOf = (state: TargetState, index: number, model: string | undefined, now: number): TargetView => {
    if (!state.snapshot) refresh(state, model);
    const key = keyOf(state, model);
    const open = state.target.breaker?.state(key) === 'open';
    const snapshotPaused = state.snapshot !== undefined && state.snapshot.pausedForMs > 0;
    return {
      index,
      weight: state.target.weight ?? 1,
      priority: state.target.priority ?? index,
      inFlight: state.inFlight,
      requestsPerMinute:
        state.target.requestsPerMinute ??
        state.snapshot?.limits.requestsPerMinute ??
        state.target.limiter?.limitsFor(key).requestsPerMinute ??
        state.headers?.limitRequests,
      available: state.snapshot?.requests ?? state.headers?.remainingRequests,
      unavailable: open || state.pausedUntil > now || snapshotPaused,
    };
  };

  let turn = 0;
  const chains = new Map<string, Provider>();
  /** The fallback chain for one call, in the order the strategy picks (chains are cached per order). */
  const chainFor = (model: string | undefined): Provider => {
    const now = Date.now();
    const order = orderTargets(
      states.map((state, i) => viewOf(state, i, model, now)),
      strategy,
      turn++,
      random,
    );
    const id = order.join(',');
    let chain = chains.get(id);
    if (!chain) {
      chain = fallback(
        order.map((i) => {
          const state = states[i] as TargetState;
          return { provider: state.tracked, ...(state.target.model ? { model: state.target.model } : {}) };
        }),
        {
          name,
          ...(options.shouldFallBack ? { shouldFallBack: options.shouldFallBack } : {}),
          ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
        },
      );
      chains.set(id, chain);
    }
    return chain;
  };

  const router: Provider = {
    name,
    chat: (request: ChatRequest, callOptions?: CallOptions) => chainFor(request.model).chat(request, callOptions),
    streamChat: (request: ChatRequest, callOptions?: CallOptions) =>
      chainFor(request.model).streamChat(request, callOptions),
  };
  if (targets.some((t) => t.provider.embed)) {
    router.embed = (request: EmbeddingRequest, callOptions?: CallOptions) => {
      const chain = chainFor(request.model);
      if (!chain.embed) throw new UnsupportedError({ message: `${name}: no target supports embed` });
      return chain.embed(request, callOptions);
    };
  }
  if (targets.some((t) => t.provider.generateImage)) {
    router.generateImage = (request: ImageRequest, callOptions?: CallOptions) => {
      const chain = chainFor(request.model);
      if (!chain.generateImage) throw new UnsupportedError({ message: `${name}: no target supports generateImage` });
      return chain.generateImage(request, callOptions);
    };
  }
  return router;
}
