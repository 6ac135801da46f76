import { describe, expect, it } from 'vitest';
import { imageRuleForModel } from './image-rule-for-model.js';
import { IMAGE_TOKEN_RULES, type PatchRule, type TileRule } from './image-token-rules.js';
import { patchImageTokens, tileImageTokens } from './image-tokens.js';

const rule = <T extends 'tile' | 'patch'>(model: string) =>
  IMAGE_TOKEN_RULES[model] as T extends 'tile' ? TileRule : PatchRule;

describe('tileImageTokens: the worked examples of the vision guide', () => {
  const gpt4o = rule<'tile'>('gpt-4o');

  it('any low-detail image costs 85 tokens on gpt-4o (a 4096 × 8192 one too)', () => {
    expect(tileImageTokens(gpt4o, 'low', { width: 4096, height: 8192 })).toBe(85);
    expect(tileImageTokens(gpt4o, 'low', undefined)).toBe(85);
  });

  it('a 1024 × 1024 high-detail image costs 765 (scaled to 768 × 768: 4 tiles)', () => {
    expect(tileImageTokens(gpt4o, 'high', { width: 1024, height: 1024 })).toBe(765);
  });

  it('a 2048 × 4096 high-detail image costs 1105 (1024 × 2048, then 768 × 1536: 6 tiles)', () => {
    expect(tileImageTokens(gpt4o, 'high', { width: 2048, height: 4096 })).toBe(1105);
  });

  it('does not scale small images up', () => {
    expect(tileImageTokens(gpt4o, 'high', { width: 512, height: 512 })).toBe(255);
    expect(tileImageTokens(gpt4o, 'high', { width: 513, height: 500 })).toBe(425);
  });

  it('uses each model family’s base and tile tokens', () => {
    const size = { width: 1024, height: 1024 };
    expect(tileImageTokens(rule<'tile'>('gpt-5'), 'high', size)).toBe(70 + 4 * 140);
    expect(tileImageTokens(rule<'tile'>('gpt-4o-mini'), 'high', size)).toBe(2833 + 4 * 5667);
    expect(tileImageTokens(rule<'tile'>('o3'), 'low', size)).toBe(75);
    expect(tileImageTokens(rule<'tile'>('computer-use-preview'), 'high', size)).toBe(65 + 4 * 129);
    // gpt-image-1 scales the shortest side to 512 px: 1 tile.
    expect(tileImageTokens(rule<'tile'>('gpt-image-1'), 'high', size)).toBe(65 + 129);
  });

  it('assumes the most an image can cost when its size is unknown', () => {
    expect(tileImageTokens(gpt4o, 'high', undefined)).toBe(85 + 8 * 170);
    expect(tileImageTokens(gpt4o, 'high', { width: 768, height: 2048 })).toBe(85 + 8 * 170);
    expect(tileImageTokens(gpt4o, 'auto', { width: 1024, height: 1024 })).toBe(765);
  });
});

describe('patchImageTokens: the worked examples of the vision guide', () => {
  const unit: PatchRule = { ...rule<'patch'>('gpt-4.1-mini'), multiplier: 1 };

  it('a 1024 × 1024 image is 1024 patches (under the 1536 budget, no resize)', () => {
    expect(patchImageTokens(unit, 'high', { width: 1024, height: 1024 })).toBe(1024);
  });

  it('a 1800 × 2400 image is resized to 1056 × 1408: 33 × 44 = 1452 patches', () => {
    expect(patchImageTokens(unit, 'high', { width: 1800, height: 2400 })).toBe(1452);
  });

  it('multiplies by the model’s multiplier, rounding up', () => {
    expect(patchImageTokens(rule<'patch'>('gpt-4.1-mini'), 'high', { width: 1024, height: 1024 })).toBe(1659);
    expect(patchImageTokens(rule<'patch'>('gpt-4.1-nano'), 'high', { width: 1800, height: 2400 })).toBe(3572);
    expect(patchImageTokens(rule<'patch'>('o4-mini'), 'high', { width: 1024, height: 1024 })).toBe(1762);
  });

  it('scales to the longest-side limit and caps at the budget', () => {
    // 4096 × 64: 128 × 2 = 256 patches, but the longest side must fit 2048 px: 64 × 1.
    expect(patchImageTokens(unit, 'high', { width: 4096, height: 64 })).toBe(64);
    for (const [width, height] of [
      [5000, 5000],
      [3000, 1000],
      [1601, 1601],
      [20_000, 33],
    ]) {
      expect(patchImageTokens(unit, 'high', { width: width as number, height: height as number })).toBeLessThanOrEqual(
        1536,
      );
    }
  });

  it('uses the larger budgets of gpt-5.4 and gpt-5.5, and `original` detail on gpt-5.5 by default', () => {
    const size = { width: 4000, height: 4000 };
    expect(patchImageTokens(rule<'patch'>('gpt-5.4'), 'high', size)).toBeLessThanOrEqual(2500);
    expect(patchImageTokens(rule<'patch'>('gpt-5.4'), 'auto', size)).toBeLessThanOrEqual(2500);
    expect(patchImageTokens(rule<'patch'>('gpt-5.4'), 'original', size)).toBeGreaterThan(2500);
    expect(patchImageTokens(rule<'patch'>('gpt-5.5'), 'auto', size)).toBeGreaterThan(2500);
  });

  it('assumes the budget times the multiplier when the size is unknown', () => {
    expect(patchImageTokens(rule<'patch'>('gpt-5-mini'), 'high', undefined)).toBe(Math.ceil(1536 * 1.62));
  });
});

describe('imageRuleForModel', () => {
  it('matches snapshots, fine-tunes and catalog aliases; falls back to gpt-4o', () => {
    expect(imageRuleForModel('gpt-4o-mini-2024-07-18', undefined)).toMatchObject({
      matchedModel: 'gpt-4o-mini',
      listed: true,
    });
    expect(imageRuleForModel('ft:gpt-4.1-mini-2025-04-14:org::x', undefined)).toMatchObject({
      matchedModel: 'gpt-4.1-mini',
      listed: true,
    });
    expect(imageRuleForModel('gpt-5.1', undefined)).toMatchObject({ matchedModel: 'gpt-5', listed: false });
    expect(imageRuleForModel('my-vision-deployment', 'gpt-4o')).toMatchObject({
      matchedModel: 'gpt-4o',
      listed: true,
    });
    expect(imageRuleForModel('mystery', undefined)).toMatchObject({ matchedModel: undefined, listed: false });
    expect(imageRuleForModel('mystery', undefined).rule).toMatchObject({ kind: 'tile', baseTokens: 85 });
  });
});
