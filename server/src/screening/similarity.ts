// Token similarity for name matching: edit distance with transpositions (bounded, so a long
// token costs little), and a phonetic key that gives one spelling to the transliterations of
// one sound (Mohammed / Muhamad, Tsentr / Centr, Aleksandr / Alexander, Yuriy / Iurii).

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps); `max + 1` once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] > max ? max + 1 : prev[m];
}

const VOWEL = /[aeiou]/;

/**
 * A consonant skeleton: digraphs of transliteration folded to one letter, `h` after a letter
 * and inner vowels dropped, doubled letters once. Digits are kept as they are.
 */
export function phoneticKey(token: string): string {
  if (/\d/.test(token)) return token;
  let s = token
    .replace(/shch|sch|tch/g, 'S')
    .replace(/dzh|dj|zh|j/g, 'J')
    .replace(/sh|ch/g, 'S')
    .replace(/kh/g, 'H')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ck|q|cq/g, 'k')
    .replace(/ks|x/g, 'X')
    .replace(/ts|tz|c(?=[eiy])/g, 'Z')
    .replace(/c/g, 'k')
    .replace(/w/g, 'v')
    .replace(/y/g, 'i')
    .replace(/z/g, 's');
  const first = s[0];
  let rest = s
    .slice(1)
    .replace(/h/g, '')
    .replace(/[aeiou]/g, '');
  rest = rest.replace(/(.)\1+/g, '$1');
  s = (VOWEL.test(first) ? 'A' : first) + rest;
  return s.replace(/(.)\1+/g, '$1');
}
