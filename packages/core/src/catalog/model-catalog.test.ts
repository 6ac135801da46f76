import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../logging/logger.js';
import { BUILTIN_MODELS } from './builtin-models.js';
import { ModelCatalog, modelCatalog } from './model-catalog.js';

function recordingLogger(): Logger & { warn: ReturnType<typeof vi.fn> } {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() } as never;
}

describe('model catalog', () => {
  it('knows every model the contract names, with prices, sources and dates', () => {
    for (const id of [
      'gpt-5',
      'gpt-5-mini',
      'gpt-5-nano',
      'gpt-4.1',
      'gpt-4.1-mini',
      'gpt-4.1-nano',
      'gpt-4o',
      'gpt-4o-mini',
      'o3',
      'o4-mini',
      'text-embedding-3-small',
      'text-embedding-3-large',
      'dall-e-3',
      'gpt-image-1',
      'gpt-realtime',
    ]) {
      const info = modelCatalog.find(id);
      expect(info, id).toBeDefined();
      expect(info?.contextWindow, id).toBeGreaterThan(0);
      const priced = info?.pricing ?? info?.imagePricing;
      expect(priced, id).toBeDefined();
      if (info?.pricing) {
        expect(info.pricing.source).toMatch(/^https:\/\//);
        expect(info.pricing.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('has consistent entries', () => {
    const ids = new Set<string>();
    for (const model of BUILTIN_MODELS) {
      expect(ids.has(model.id), model.id).toBe(false);
      ids.add(model.id);
      if (model.kind === 'chat') expect(model.maxOutputTokens).toBeLessThanOrEqual(model.contextWindow);
      if (model.pricing?.cachedInputPerMTok !== undefined) {
        expect(model.pricing.cachedInputPerMTok).toBeLessThanOrEqual(model.pricing.inputPerMTok);
      }
    }
    expect(modelCatalog.get('gpt-5').pricing).toMatchObject({
      inputPerMTok: 1.25,
      outputPerMTok: 10,
      batchDiscount: 0.5,
    });
    expect(modelCatalog.get('gpt-4o').encoding).toBe('o200k_base');
    expect(modelCatalog.get('gpt-4').encoding).toBe('cl100k_base');
  });

  it.each([
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['gpt-4.1-nano-2025-04-14', 'gpt-4.1-nano'],
    ['gpt-5.3', 'gpt-5'],
    ['gpt-5.1-2025-11-13', 'gpt-5.1'],
    ['gpt-5-mini-2025-08-07', 'gpt-5-mini'],
    ['o3-pro', 'o3'],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'gpt-4o-mini'],
    ['gpt-4-0613', 'gpt-4'],
    ['gpt-35-turbo', 'gpt-3.5-turbo'],
    ['gpt-4.5-preview', 'gpt-4.5'],
  ])('resolves %s to %s by longest prefix', (name, id) => {
    expect(modelCatalog.find(name)?.id).toBe(id);
  });

  it('does not match across a word boundary', () => {
    expect(modelCatalog.find('gpt-4oo')).toBeUndefined();
    expect(modelCatalog.find('o3x')).toBeUndefined();
  });

  it('gives conservative defaults and one warning for an unknown model', () => {
    const logger = recordingLogger();
    const catalog = new ModelCatalog(BUILTIN_MODELS, logger);
    const info = catalog.get('my-new-model');
    expect(info).toMatchObject({ id: 'my-new-model', unknown: true, contextWindow: 8_192 });
    expect(info.pricing).toBeUndefined();
    catalog.get('my-new-model');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[1]).toContain('Unknown model "my-new-model"');
  });

  it('lets users register models, aliases and a logger', () => {
    const catalog = new ModelCatalog([]);
    expect(catalog.list()).toEqual([]);
    catalog.register({ ...modelCatalog.get('gpt-4o'), id: 'house-model' });
    catalog.alias('prod-deployment', 'house-model');
    expect(catalog.find('prod-deployment')?.id).toBe('house-model');
    const logger = recordingLogger();
    catalog.setLogger(logger);
    catalog.get('nope');
    expect(logger.warn).toHaveBeenCalledOnce();
  });
});
