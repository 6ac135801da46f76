import { ContentFilterError } from '@switchboard/core';
import type { FailureMapper } from '@switchboard/openai/internal';
import { azureFilterErrorSchema } from './content-filter-schemas.js';
import { filterCategories } from './filter-categories.js';

const FILTER_CODES = new Set(['content_filter', 'content_policy_violation']);

/**
 * The failure hook for Azure's content filter: a blocked prompt (HTTP 400, `code: content_filter` or
 * `content_policy_violation`, `innererror.code: ResponsibleAIPolicyViolation`) becomes a `ContentFilterError` carrying
 * the filtered categories and their severities; it is never retryable. Other failures go to the generic mapping.
 */
export const mapContentFilterFailure: FailureMapper = (failure, base) => {
  const parsed = azureFilterErrorSchema.safeParse(failure.rawError);
  if (!parsed.success) return undefined;
  const { code, innererror } = parsed.data;
  const blocked = FILTER_CODES.has(String(code)) || innererror?.code === 'ResponsibleAIPolicyViolation';
  if (!blocked) return undefined;
  const results = innererror?.content_filter_result ?? innererror?.content_filter_results ?? {};
  return new ContentFilterError({ ...base, categories: filterCategories(results) });
};
