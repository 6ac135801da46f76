import type { ConfigIssue } from '@switchboard/core';

/**
 * One issue per key of `options` that is not in `known`, with a did-you-mean hint for a near miss (edit distance at
 * most 2, a different case, or one name the start of the other), so a misspelled option fails loudly instead of being ignored.
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

function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const lower = key.toLowerCase();
    const near = lower.startsWith(candidate.toLowerCase()) || candidate.toLowerCase().startsWith(lower);
    const distance = near ? 0 : editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
