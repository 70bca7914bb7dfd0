// Did-you-mean: the nearest strings by Damerau-Levenshtein distance. One implementation for
// the model (keys, enum values), the catalog (codes, names) and the engine (skus).
import { byCodeUnits } from './order';

/**
 * Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two
 * neighbours). Returns `max + 1` as soon as the distance is known to exceed `max`.
 */
export function editDistance(a: string, b: string, max = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  let beforePrev = new Int32Array(width);
  let prev = new Int32Array(width);
  let cur = new Int32Array(width);
  for (let j = 0; j < width; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, beforePrev[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [beforePrev, prev, cur] = [prev, cur, beforePrev];
  }
  return Math.min(prev[b.length], max + 1);
}

/** Candidates within a distance that grows with the word's length, nearest first. */
export function closest(word: string, candidates: readonly string[], limit = 3): string[] {
  const max = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return candidates
    .map((c) => ({ c, d: editDistance(word.toLowerCase(), c.toLowerCase(), max) }))
    .filter((x) => x.d <= max && x.c !== word)
    .sort((x, y) => x.d - y.d || byCodeUnits(x.c, y.c))
    .slice(0, limit)
    .map((x) => x.c);
}
