/**
 * How each model turns an image into input tokens, as published in OpenAI's "Images and vision" guide, section
 * "Calculating costs": https://developers.openai.com/api/docs/guides/images-vision#calculating-costs
 * (formerly https://platform.openai.com/docs/guides/images-vision), read 2026-09.
 *
 * Two schemes:
 * - tile: `detail: low` costs the base tokens; `high` scales the image to fit 2048×2048, then its shortest side down
 *   to 768 px (512 px for gpt-image-1), and costs base + tile tokens per 512 px tile.
 * - patch: the image is covered with 32 px patches; over the patch budget (or the longest-side limit) it is scaled
 *   down to fit; the patch count (capped at the budget) times the model's multiplier is the token count.
 *
 * Known divergence: OpenAI's pricing-page calculator, and community measurements, bill gpt-5-mini at 1.2 and
 * gpt-5-nano at 1.5 tokens per patch, while the guide lists 1.62 and 2.46; the guide's figures are used here (they
 * over-estimate, which is the safe side for budgeting). Models the guide lists without a multiplier use 1.
 */
export type ImageTokenRule = TileRule | PatchRule;

/** The tile scheme (gpt-4o, gpt-4.1, gpt-5, o1/o3 and friends). */
export interface TileRule {
  /** Discriminator. */
  kind: 'tile';
  /** Tokens of a low-detail image, and the base added to every high-detail one. */
  baseTokens: number;
  /** Tokens per 512 px tile in high detail. */
  tileTokens: number;
  /** Shortest side after scaling, in px (768; 512 for gpt-image-1). */
  shortSide: number;
}

/** The patch scheme (gpt-4.1-mini/nano, o4-mini, gpt-5-mini/nano, gpt-5.2 and later). */
export interface PatchRule {
  /** Discriminator. */
  kind: 'patch';
  /** Most patches per image at `high` detail. */
  patchBudget: number;
  /** Longest side at `high` detail, in px. */
  maxSide: number;
  /** Tokens per patch. */
  multiplier: number;
  /** Budget and longest side at `original` detail, which `auto` means on some models. */
  original?: { patchBudget: number; maxSide: number };
  /** What `auto` (or no detail) means: `high`, or `original` on gpt-5.5. */
  autoDetail: 'high' | 'original';
}

const tile = (baseTokens: number, tileTokens: number, shortSide = 768): TileRule => ({
  kind: 'tile',
  baseTokens,
  tileTokens,
  shortSide,
});

const patch = (multiplier: number, patchBudget = 1536, maxSide = 2048): PatchRule => ({
  kind: 'patch',
  patchBudget,
  maxSide,
  multiplier,
  autoDetail: 'high',
});

const LARGE_PATCH_BUDGET = { patchBudget: 2500, maxSide: 2048, original: { patchBudget: 10_000, maxSide: 6000 } };

/** The rules by model id; a dated snapshot or fine-tune of a listed model uses its rule (longest prefix). */
export const IMAGE_TOKEN_RULES: Readonly<Record<string, ImageTokenRule>> = {
  // Tile table of the guide: "gpt-5, gpt-5-chat-latest 70/140; 4o, 4.1, 4.5 85/170; 4o-mini 2833/5667;
  // o1, o1-pro, o3 75/150; computer-use-preview 65/129"; GPT Image 1: 65/129 with a 512 px shortest side.
  'gpt-5': tile(70, 140),
  'gpt-5-chat-latest': tile(70, 140),
  'gpt-4o': tile(85, 170),
  'chatgpt-4o-latest': tile(85, 170),
  'gpt-4.1': tile(85, 170),
  'gpt-4.5': tile(85, 170),
  'gpt-4-turbo': tile(85, 170),
  'gpt-4o-mini': tile(2833, 5667),
  o1: tile(75, 150),
  'o1-pro': tile(75, 150),
  o3: tile(75, 150),
  'computer-use-preview': tile(65, 129),
  'gpt-image-1': tile(65, 129, 512),
  // Patch table of the guide (budget 1,536 patches, longest side 2048 px).
  'gpt-5-mini': patch(1.62),
  'gpt-5-nano': patch(2.46),
  'gpt-5.4-mini': patch(1.62),
  'gpt-5.4-nano': patch(2.46),
  'gpt-4.1-mini': patch(1.62),
  'gpt-4.1-nano': patch(2.46),
  'o4-mini': patch(1.72),
  'gpt-5.2': patch(1),
  'gpt-5.2-chat-latest': patch(1),
  'gpt-5.2-codex': patch(1),
  'gpt-5.3-codex': patch(1),
  'gpt-5-codex-mini': patch(1),
  'gpt-5.1-codex-mini': patch(1),
  // Larger budgets: `high` 2,500 patches / 2048 px, `original` 10,000 patches / 6000 px.
  'gpt-5.4': { ...patch(1), ...LARGE_PATCH_BUDGET },
  'gpt-5.5': { ...patch(1), ...LARGE_PATCH_BUDGET, autoDetail: 'original' },
};

/** The rule used for a model the table does not know: gpt-4o's, the most common one. */
export const FALLBACK_IMAGE_RULE: ImageTokenRule = tile(85, 170);
