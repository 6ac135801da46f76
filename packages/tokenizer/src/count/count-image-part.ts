import type { ImagePart } from '@switchboard/core';
import { type ImageSize, imageSizeOf } from '../images/image-size.js';
import { patchImageTokens, tileImageTokens } from '../images/image-tokens.js';
import type { TokenPart } from './chat-token-count.js';
import type { CountContext } from './count-context.js';

/**
 * Tokens of one image part under the model's rule. Exact when the model is in the vision guide's table, the detail
 * level has a documented cost for it (`low` on tile models needs no size) and the size is known; otherwise an
 * estimate, with an unknown size costed at the most the image could cost.
 */
export function countImagePart(part: ImagePart, context: CountContext): TokenPart {
  const { rule, listed } = context.imageRule;
  const detail = part.detail ?? 'auto';
  if (rule.kind === 'tile' && detail === 'low') return { tokens: rule.baseTokens, exact: listed };
  const size = sizeOf(part, context);
  if (rule.kind === 'tile') {
    return { tokens: tileImageTokens(rule, detail, size), exact: listed && size !== undefined && detail === 'high' };
  }
  // The guide gives patch models no separate low-detail cost; measurements show `low` costs the same as `high`.
  return { tokens: patchImageTokens(rule, detail, size), exact: listed && size !== undefined && detail !== 'low' };
}

function sizeOf(part: ImagePart, context: CountContext): ImageSize | undefined {
  // A resolver that throws, or malformed bytes, leave the size unknown: counting never fails on an image.
  try {
    const given = context.imageSize?.(part);
    if (given) return given;
  } catch {}
  try {
    return imageSizeOf(part.image);
  } catch {
    return undefined;
  }
}
