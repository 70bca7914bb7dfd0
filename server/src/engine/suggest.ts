// Did-you-mean for names the catalog does not know (product skus): nearest by edit distance.
import { byCodeUnits } from '../model/order';
import { editDistance } from '../model/similar';

/** Up to `limit` candidates within a distance of about a third of the word, nearest first. */
export function nearest(bad: string, candidates: Iterable<string>, limit = 3): string[] {
  const word = bad.toUpperCase();
  const max = Math.max(2, Math.ceil(word.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = editDistance(word, c.toUpperCase(), max);
    if (d <= max) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || byCodeUnits(x.c, y.c));
  return scored.slice(0, limit).map((s) => s.c);
}

/** "; did you mean A, B?" or "" when there is nothing near. */
export function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '';
}
