import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { NetworkError, ServerError } from '@switchboard/core';
import { describe, expect, it, vi } from 'vitest';
import { createInstruments } from './metrics/instruments.js';
import { createTelemetryHooks } from './telemetry-hooks.js';

describe('telemetry hooks outside any span', () => {
  it('records metrics even when no span is active, with and without optional fields', () => {
    const instruments = createInstruments(new MeterProvider().getMeter('t'));
    const retries = vi.spyOn(instruments.retries, 'add');
    const waits = vi.spyOn(instruments.rateLimitWait, 'record');
    const hooks = createTelemetryHooks(() => instruments);
    const error = new ServerError({ message: 'x', status: 503 });
    hooks.onRetry({
      provider: 'azure',
      model: undefined,
      operation: 'chat',
      attempt: 1,
      delayMs: 5,
      reason: 'server',
      error,
    });
    hooks.onRateLimitWait({ key: 'openai:m', waitMs: 250, reason: 'tokens' });
    hooks.onCircuitStateChange({ key: 'openai:m', from: 'open', to: 'half-open' });
    hooks.onCircuitStateChange({
      key: 'openai:m',
      from: 'closed',
      to: 'open',
      error: new NetworkError({ message: 'down' }),
    });
    hooks.onFallbackAttempt({
      index: 0,
      provider: 'openai',
      model: undefined,
      ok: true,
      fallingBack: false,
      latencyMs: 3,
    });
    hooks.onFallbackAttempt({
      index: 1,
      provider: 'azure',
      model: 'gpt-4o',
      ok: false,
      error,
      fallingBack: true,
      latencyMs: 3,
    });
    expect(retries).toHaveBeenCalledWith(1, {
      'gen_ai.provider.name': 'azure.ai.openai',
      'error.type': 'server',
    });
    expect(waits).toHaveBeenCalledWith(0.25, { 'switchboard.rate_limit.reason': 'tokens' });
  });
});
