// "Did you mean …?": the closest known ids to a misspelt one.

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Up to `count` candidates closest to `wanted` (case-insensitive), best first. */
export function closest(wanted: string, candidates: Iterable<string>, count = 3): string[] {
  const key = wanted.toLowerCase();
  if (key.length > 200) return [];
  const limit = Math.max(2, Math.floor(key.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const distance = key.length >= 3 && lower.includes(key) ? 1 : editDistance(key, lower, limit);
    if (distance <= limit) scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || (x.candidate < y.candidate ? -1 : 1));
  return scored.slice(0, count).map((s) => s.candidate);
}
