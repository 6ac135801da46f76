import type { ContentFilterCategory } from '@switchboard/core';
import { type ContentFilterResults, categoryResultSchema } from './content-filter-schemas.js';

/** The category verdicts of a results object, in core's shape; entries that are not verdicts are skipped. */
export function filterCategories(results: ContentFilterResults): Record<string, ContentFilterCategory> {
  const categories: Record<string, ContentFilterCategory> = {};
  for (const [name, value] of Object.entries(results)) {
    const parsed = categoryResultSchema.safeParse(value);
    if (!parsed.success) continue;
    const category: ContentFilterCategory = { filtered: parsed.data.filtered };
    if (parsed.data.severity !== undefined) category.severity = parsed.data.severity;
    if (parsed.data.detected !== undefined) category.detected = parsed.data.detected;
    categories[name] = category;
  }
  return categories;
}
