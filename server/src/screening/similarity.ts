// Token similarity for name matching: edit distance with transpositions (bounded, so a long
// token costs little), and a phonetic key that gives one spelling to the transliterations of
// one sound (Mohammed / Muhamad, Tsentr / Centr, Aleksandr / Alexander, Yuriy / Iurii).

// rows of the distance table, reused (names are short; longer ones get their own)
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps); `max + 1` once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (m + 1 > rows[0].length) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ai === bj ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
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
