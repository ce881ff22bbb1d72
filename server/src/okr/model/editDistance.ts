// How far apart two spellings are, for "did you mean": the optimal-string-alignment
// distance (an insertion, deletion, substitution or swap of two neighbours costs 1, so
// `cylce` is one step from `cycle` and `grwo` one from `grow`).

/**
 * Three rows of the table, reused from call to call: "did you mean" and field-name near
 * misses ask this hundreds of thousands of times, and arrays per row were 110 MB of garbage
 * at 10,000 documents.
 */
let rows = new Int32Array(96);

/** The distance of `a` and `b`, or `limit + 1` as soon as it is known to exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(6 * width);
  // Offsets of the rows i - 2, i - 1 and i in `rows`.
  let beforePrevious = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const code = a.charCodeAt(i - 1);
    rows[current] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const cost = code === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(rows[previous + j]! + 1, rows[current + j - 1]! + 1, rows[previous + j - 1]! + cost);
      if (i > 1 && j > 1 && code === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) value = Math.min(value, rows[beforePrevious + j - 2]! + 1);
      rows[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    // A swap reaches back two rows, so stopping on one row's minimum could miss it: only
    // stop when two rows in a row are over the limit.
    if (rowMin > limit && i > 1 && previousMin > limit) return limit + 1;
    previousMin = rowMin;
    const reused = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = reused;
  }
  return rows[previous + b.length]!;
}
