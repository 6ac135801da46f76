import type { ImageDetail } from '@switchboard/core';
import type { ImageSize } from './image-size.js';
import type { PatchRule, TileRule } from './image-token-rules.js';

const TILE = 512;
const TILE_FIT = 2048;
const PATCH = 32;

/** A detail level as the vision guide names them (`original` exists on gpt-5.4 and later). */
export type VisionDetail = ImageDetail | 'original';

/** Pixels after scaling, as whole pixels; the epsilon keeps 1055.9999999 from becoming 1055. */
function whole(pixels: number): number {
  return Math.max(1, Math.floor(pixels + 1e-6));
}

/**
 * Tokens of an image under the tile scheme. `low` is the base cost whatever the size; `high` (and `auto`, which
 * the API resolves to high for any image worth tiling) scales to fit 2048×2048, then the shortest side down to
 * `shortSide`, and adds the tile cost per 512 px tile. With no size, the most a high-detail image can cost
 * (a 768×2048 image: 8 tiles).
 */
export function tileImageTokens(rule: TileRule, detail: VisionDetail, size: ImageSize | undefined): number {
  if (detail === 'low') return rule.baseTokens;
  if (!size) return rule.baseTokens + rule.tileTokens * Math.ceil(rule.shortSide / TILE) * (TILE_FIT / TILE);
  const fit = Math.min(1, TILE_FIT / Math.max(size.width, size.height));
  const shortest = Math.min(size.width, size.height) * fit;
  const scale = shortest > rule.shortSide ? (fit * rule.shortSide) / shortest : fit;
  const tiles = Math.ceil(whole(size.width * scale) / TILE) * Math.ceil(whole(size.height * scale) / TILE);
  return rule.baseTokens + rule.tileTokens * tiles;
}

/** 32 px patches needed to cover a width × height image. */
function patches(width: number, height: number): number {
  return Math.ceil(width / PATCH) * Math.ceil(height / PATCH);
}

/**
 * Tokens of an image under the patch scheme, following the guide's steps: count 32 px patches; over the budget,
 * shrink by `sqrt(32² × budget / (w × h))`, adjusted down so whole patches fit; over the longest-side limit, scale
 * to it (the stricter of the two wins); cap the patch count at the budget and multiply by the model's multiplier
 * (rounded up). With no size, the budget times the multiplier (the most an image can cost).
 */
export function patchImageTokens(rule: PatchRule, detail: VisionDetail, size: ImageSize | undefined): number {
  const useOriginal = detail === 'original' || (detail === 'auto' && rule.autoDetail === 'original');
  const { patchBudget, maxSide } = useOriginal && rule.original ? rule.original : rule;
  if (!size) return Math.ceil(patchBudget * rule.multiplier);
  const { width, height } = size;
  let scale = Math.min(1, maxSide / Math.max(width, height));
  if (patches(width * scale, height * scale) > patchBudget) {
    const shrink = Math.sqrt((PATCH * PATCH * patchBudget) / (width * height));
    const alongWidth = (width * shrink) / PATCH;
    const alongHeight = (height * shrink) / PATCH;
    const adjusted = shrink * Math.min(Math.floor(alongWidth) / alongWidth, Math.floor(alongHeight) / alongHeight);
    scale = Math.min(scale, adjusted);
  }
  const count = Math.min(patchBudget, patches(whole(width * scale), whole(height * scale)));
  return Math.ceil(count * rule.multiplier - 1e-9);
}
