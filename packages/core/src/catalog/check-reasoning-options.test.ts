import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/error-classes.js';
import { checkReasoningOptions } from './check-reasoning-options.js';
import { ModelCatalog, modelCatalog } from './model-catalog.js';

function failure(run: () => void): InvalidRequestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return error as InvalidRequestError;
  }
  throw new Error('expected checkReasoningOptions to throw');
}

describe('checkReasoningOptions', () => {
  it('accepts every effort the catalog lists for a model, and requests without reasoning options', () => {
    for (const model of ['gpt-5', 'gpt-5-mini', 'gpt-5.1', 'gpt-5.2', 'o3', 'o4-mini']) {
      const efforts = modelCatalog.find(model)?.capabilities.reasoningEfforts ?? [];
      expect(efforts.length).toBeGreaterThan(0);
      for (const effort of efforts) {
        expect(() => checkReasoningOptions({ model, reasoning: { effort } })).not.toThrow();
      }
    }
    expect(() => checkReasoningOptions({ model: 'gpt-4o' })).not.toThrow();
  });

  it('follows OpenAI: minimal only before gpt-5.1, none from gpt-5.1, xhigh from gpt-5.2, o-series low to high', () => {
    const accepted = (model: string) => modelCatalog.find(model)?.capabilities.reasoningEfforts;
    expect(accepted('gpt-5-nano')).toEqual(['minimal', 'low', 'medium', 'high']);
    expect(accepted('gpt-5.1')).toEqual(['none', 'low', 'medium', 'high']);
    expect(accepted('gpt-5.2')).toEqual(['none', 'low', 'medium', 'high', 'xhigh']);
    expect(accepted('o3')).toEqual(['low', 'medium', 'high']);
  });

  it('rejects an unsupported effort before sending, naming the accepted ones', () => {
    const error = failure(() => checkReasoningOptions({ model: 'gpt-5', reasoning: { effort: 'none' } }));
    expect(error.param).toBe('reasoning.effort');
    expect(error.source).toBe('client');
    expect(error.message).toContain('gpt-5 accepts reasoning effort "minimal", "low", "medium", "high" (got "none")');
    expect(() => checkReasoningOptions({ model: 'gpt-5.1', reasoning: { effort: 'xhigh' } })).toThrow(/got "xhigh"/);
    expect(() => checkReasoningOptions({ model: 'o3', reasoning: { effort: 'minimal' } })).toThrow(/got "minimal"/);
  });

  it('checks the deprecated reasoningEffort alias, and reasoning.effort wins over it', () => {
    expect(() => checkReasoningOptions({ model: 'o4-mini', reasoningEffort: 'xhigh' })).toThrow(InvalidRequestError);
    expect(() =>
      checkReasoningOptions({ model: 'o4-mini', reasoningEffort: 'xhigh', reasoning: { effort: 'low' } }),
    ).not.toThrow();
  });

  it('rejects any effort on a non-reasoning model and verbosity where the model has none, both at once', () => {
    const error = failure(() =>
      checkReasoningOptions(
        { model: 'gpt-4o', reasoning: { effort: 'low' }, verbosity: 'low' },
        { provider: 'openai' },
      ),
    );
    expect(error.message).toContain('gpt-4o is not a reasoning model');
    expect(error.message).toContain('verbosity: gpt-4o does not accept verbosity (got "low")');
    expect(error.param).toBe('reasoning.effort');
    expect(error.provider).toBe('openai');
    expect(() => checkReasoningOptions({ model: 'gpt-5-mini', verbosity: 'high' })).not.toThrow();
    expect(() => checkReasoningOptions({ model: 'o3', verbosity: 'high' })).toThrow(/o3 does not accept verbosity/);
  });

  it('checks dated snapshots and a mapped model id, and lets unknown models and unknown variants pass', () => {
    expect(() => checkReasoningOptions({ model: 'gpt-5-2025-08-07', reasoning: { effort: 'none' } })).toThrow();
    expect(() =>
      checkReasoningOptions({ model: 'my-deployment', reasoning: { effort: 'none' } }, { modelId: 'o3' }),
    ).toThrow(/o3 accepts/);
    for (const model of ['gpt-5-pro', 'gpt-5.3', 'gpt-5.1-codex-max', 'my-deployment', 'llama-4']) {
      expect(() => checkReasoningOptions({ model, reasoning: { effort: 'xhigh' }, verbosity: 'low' })).not.toThrow();
    }
  });

  it('uses a caller catalog, where an entry without listed efforts accepts any', () => {
    const catalog = new ModelCatalog([
      {
        id: 'house-model',
        kind: 'chat',
        contextWindow: 8_000,
        maxOutputTokens: 1_000,
        encoding: 'o200k_base',
        capabilities: { vision: false, tools: true, jsonSchema: true, streaming: true, reasoning: true },
      },
    ]);
    expect(() =>
      checkReasoningOptions({ model: 'house-model', reasoning: { effort: 'xhigh' }, verbosity: 'low' }, { catalog }),
    ).not.toThrow();
    expect(() => checkReasoningOptions({ model: 'gpt-5', reasoning: { effort: 'none' } }, { catalog })).not.toThrow();
  });
});
