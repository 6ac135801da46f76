import { baseModelName, longestModelPrefix } from '../encoding/model-encodings.js';
import { FALLBACK_IMAGE_RULE, IMAGE_TOKEN_RULES, type ImageTokenRule } from './image-token-rules.js';

/** The image rule of a model, and whether the table lists the model (or a snapshot of it) rather than guessing. */
export interface ImageRuleMatch {
  /** The rule. */
  rule: ImageTokenRule;
  /** The table entry used, or undefined for the fallback. */
  matchedModel: string | undefined;
  /** True when the model is a listed id or a dated snapshot / fine-tune of one. */
  listed: boolean;
}

const DATED_SNAPSHOT = /^-\d{4}-\d{2}-\d{2}$/;

/**
 * Finds the image rule of `model` (longest listed prefix), then of `catalogModel` (what the catalog resolved the
 * name to, e.g. an Azure deployment's model), then falls back to gpt-4o's rule.
 */
export function imageRuleForModel(model: string, catalogModel: string | undefined): ImageRuleMatch {
  for (const name of [baseModelName(model), catalogModel]) {
    if (name === undefined) continue;
    const matched = longestModelPrefix(IMAGE_TOKEN_RULES, name);
    if (matched !== undefined) {
      const rest = name.slice(matched.length);
      return {
        rule: IMAGE_TOKEN_RULES[matched] as ImageTokenRule,
        matchedModel: matched,
        listed: rest === '' || DATED_SNAPSHOT.test(rest),
      };
    }
  }
  return { rule: FALLBACK_IMAGE_RULE, matchedModel: undefined, listed: false };
}
