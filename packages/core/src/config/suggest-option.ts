/**
 * The known option closest to a misspelled one, for a "did you mean" hint: the nearest name by edit distance (case
 * ignored), when it is near enough to be a likely typo (at most a third of the name's length, and at least 1); else
 * a known name that the unknown one starts or extends.
 */
export function suggestOption(unknown: string, known: readonly string[]): string | undefined {
  const target = unknown.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(target, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(unknown.length / 3));
  if (bestDistance <= allowed) return best;
  // A truncated or extended name (`pollInterval` for `pollIntervalMs`, `wasmModule` for `wasm`): the known name
  // that one of them starts, of at least four letters, nearest in length.
  const prefixed = known
    .filter((candidate) => {
      const other = candidate.toLowerCase();
      const shorter = Math.min(other.length, target.length);
      return shorter >= 4 && (other.startsWith(target) || target.startsWith(other));
    })
    .sort((a, b) => Math.abs(a.length - unknown.length) - Math.abs(b.length - unknown.length));
  return prefixed[0];
}

/** Edit distance counting an insertion, a deletion, a change or a swap of two neighbours as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}
