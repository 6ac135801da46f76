import { type ConfigIssue, suggestOption } from '@switchboard/core';

/**
 * One issue per key of `options` that is not in `known`, with a did-you-mean hint for a near miss (core's
 * `suggestOption`, or one name the start of the other), so a misspelled option fails loudly instead of being ignored.
 */
export function unknownKeyIssues(options: object, known: readonly string[], prefix = ''): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const hint = closest(key, known);
    issues.push({
      path: `${prefix}${key}`,
      message: `unknown option${hint ? `; did you mean "${hint}"?` : ` (known: ${known.join(', ')})`}`,
    });
  }
  return issues;
}

/** A near miss: one name the start of the other (a truncated or extended name), else core's edit-distance hint. */
function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const prefix = known.find((candidate) => {
    const other = candidate.toLowerCase();
    return lower.startsWith(other) || other.startsWith(lower);
  });
  return prefix ?? suggestOption(key, known);
}
