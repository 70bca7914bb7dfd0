// Screening a name: candidates from the index (tokens, phonetic keys, typo deletions, joined
// words), then each candidate name scored by aligning its tokens with the screened name's,
// weighted by how rare each token is, so that "Trading" counts for little and "Rosoboronexport"
// for much. The best name of each entry makes its hit; the hit says which tokens met which
// and by what rule.
import { MIN_TYPO_LENGTH, typoKeys, type IndexedName, type ScreeningIndex } from './nameIndex';
import { BUSINESS_VARIANTS, normalizeName, type NameVariant } from './normalize';
import { editDistance, phoneticKey } from './similarity';
import type { MatchRule, MatchWhy, ScreeningHit, ScreeningInput, ScreeningResult, TokenMatch } from './types';

/**
 * The default match threshold, chosen on the tuning half of the evaluation set
 * (test/eval/screening, docs/screening.md): the lowest score that keeps false alerts at or
 * under 5 per 1,000 clean names.
 */
export const DEFAULT_THRESHOLD = 0.86;
/** Hits this far below the threshold are reported as possible matches, for review. */
export const POSSIBLE_MARGIN = 0.1;
/** A listed country that differs from the party's lowers the score so (never below a match for the same name). */
export const COUNTRY_MISMATCH_FACTOR = 0.9;
const MAX_HITS = 10;
/** The most a near spelling counts for in a name read from Chinese characters. */
const READ_LIKENESS = 0.72;
/** Different numbers in the two names (institutes, plants, units are numbered). */
const NUMBER_MISMATCH_FACTOR = 0.8;
/** Names scored in full per reading of a screened name, the best candidates first. */
export const MAX_CANDIDATES = 60;
/** Tokens on more names than this share bring no candidates of their own (they still score). */
const COMMON_SHARE = 0.02;

export interface ScreenOptions {
  threshold?: number;
  maxHits?: number;
  /** Filled with how many names were scored in full (for tests: the index bounds the work). */
  stats?: { scored: number };
}

interface Expansion {
  token: string;
  similarity: number;
  rule: TokenMatch['rule'];
}

const keyCache = new Map<string, string>();
function keyOf(token: string): string {
  let k = keyCache.get(token);
  if (k === undefined) {
    k = phoneticKey(token);
    if (keyCache.size > 200_000) keyCache.clear();
    keyCache.set(token, k);
  }
  return k;
}

/**
 * Similarity of two tokens, with the rule that explains it; 0 when unrelated. A typo counts
 * for less in a short word (Lenk / Lena are two names more often than one with a typo) and at
 * the first letter (people rarely mistype it); a phonetic likeness only when the spellings
 * are also near (Mohammed / Muhamad, not Kaiser / Kosar).
 */
function tokenSimilarity(q: string, n: string): { similarity: number; rule: TokenMatch['rule'] } {
  if (q === n) return { similarity: 1, rule: 'exact' };
  if (q.length === 1 || n.length === 1) {
    if ((q.length === 1 && n.length > 1 && n[0] === q) || (n.length === 1 && q.length > 1 && q[0] === n))
      return { similarity: INITIAL_SIMILARITY, rule: 'initial' };
    return NONE;
  }
  const min = Math.min(q.length, n.length);
  const letters = /\D/.test(q) && /\D/.test(n);
  if (!letters) return NONE;
  const firstPenalty = q[0] === n[0] ? 0 : 0.08;
  if (min >= MIN_TYPO_LENGTH) {
    const max = min >= 8 ? 2 : 1;
    let d = editDistance(q, n, max);
    // "Tradng" is a typo of "Trading", which matching writes "trade"
    if (d > max)
      for (const alt of BUSINESS_VARIANTS.get(n) ?? BUSINESS_VARIANTS.get(q) ?? []) d = Math.min(d, editDistance(BUSINESS_VARIANTS.has(n) ? q : n, alt, max));
    if (d <= max)
      return {
        similarity: (d === 1 ? (min >= 8 ? 0.93 : min >= 6 ? 0.91 : min === 5 ? 0.87 : 0.83) : 0.82) - firstPenalty,
        rule: 'typo',
      };
  }
  if (min >= 4 && keyOf(q) === keyOf(n) && keyOf(q).length >= 2) {
    const d = editDistance(q, n, 4);
    const len = Math.max(q.length, n.length);
    if (d <= len / 4) return { similarity: 0.88 - firstPenalty, rule: 'phonetic' };
    if (d <= len / 2.5) return { similarity: 0.8 - firstPenalty, rule: 'phonetic' };
  }
  return NONE;
}

const NONE = { similarity: 0, rule: 'exact' as const };
const EXACT = { similarity: 1, rule: 'exact' as const };
/** An initial stands for a word in part: "J. Smith" is a possible "John Smith", not a sure one. */
const INITIAL_SIMILARITY = 0.5;

/** The vocabulary tokens a screened token may stand for. */
function expand(index: ScreeningIndex, q: string): Expansion[] {
  const out = new Map<string, Expansion>();
  const add = (token: string, similarity: number, rule: TokenMatch['rule']) => {
    const had = out.get(token);
    if (!had || had.similarity < similarity) out.set(token, { token, similarity, rule });
  };
  if (index.postings.has(q)) add(q, 1, 'exact');
  if (/\D/.test(q)) {
    if (q.length >= MIN_TYPO_LENGTH) {
      const seen = new Set<string>();
      const max = q.length >= 8 ? 2 : 1;
      for (const k of typoKeys(q)) {
        for (const t of index.typoBuckets.get(k) ?? []) {
          if (seen.has(t) || t === q || (Math.abs(t.length - q.length) > max && !BUSINESS_VARIANTS.has(t))) continue;
          seen.add(t);
          const s = tokenSimilarity(q, t);
          if (s.similarity > 0 && s.rule === 'typo') add(t, s.similarity, s.rule);
        }
      }
      // the first and last letter with a length one more or less (a letter left out or doubled)
      for (const len of [q.length - 1, q.length + 1]) {
        for (const t of index.typoBuckets.get(`${q[0]}${len}${q[q.length - 1]}`) ?? []) {
          if (seen.has(t)) continue;
          seen.add(t);
          const s = tokenSimilarity(q, t);
          if (s.similarity > 0 && s.rule === 'typo') add(t, s.similarity, s.rule);
        }
      }
    }
    if (q.length >= 3) {
      const key = keyOf(q);
      if (key.length >= 2)
        for (const t of index.phonetic.get(key) ?? []) {
          if (t === q) continue;
          const s = tokenSimilarity(q, t);
          if (s.similarity > 0) add(t, s.similarity, s.rule);
        }
    }
  }
  return [...out.values()];
}

interface Pair {
  q: number[];
  n: number[];
  similarity: number;
  rule: TokenMatch['rule'];
}

interface Scored {
  score: number;
  pairs: Pair[];
  /** The screened name and the listed name are one word once spaces go (ROS OBORON EXPORT). */
  concatenated: boolean;
}

/** Aligns the screened tokens with a listed name's and scores the alignment (weighted F1). */
function scoreName(
  index: ScreeningIndex,
  q: readonly string[],
  n: readonly string[],
  exactSpelling = false,
  similar: (q: string, n: string) => { similarity: number; rule: TokenMatch['rule'] } = tokenSimilarity,
): Scored {
  if (q.join('') === n.join('') && (q.length > 1 || n.length > 1)) {
    const pairs =
      q.length === n.length
        ? q.map((_, i) => ({
            q: [i],
            n: [i],
            similarity: 1,
            rule: 'exact' as const,
          }))
        : [
            {
              q: q.map((_, i) => i),
              n: n.map((_, j) => j),
              similarity: 1,
              rule: (q.length < n.length ? 'joined' : 'split') as TokenMatch['rule'],
            },
          ];
    return { score: 1, pairs, concatenated: q.length !== n.length };
  }
  const candidates: Pair[] = [];
  for (let i = 0; i < q.length; i++) {
    for (let j = 0; j < n.length; j++) {
      const s = similar(q[i], n[j]);
      // a name read from characters has no typos: a near spelling is a likeness at most
      const similarity = exactSpelling && (s.rule === 'typo' || s.rule === 'phonetic') ? Math.min(s.similarity, READ_LIKENESS) : s.similarity;
      if (similarity > 0) candidates.push({ q: [i], n: [j], similarity, rule: s.rule });
      if (j + 1 < n.length && q[i].length > n[j].length && q[i] === n[j] + n[j + 1])
        candidates.push({
          q: [i],
          n: [j, j + 1],
          similarity: 1,
          rule: 'joined',
        });
      if (i + 1 < q.length && n[j].length > q[i].length && n[j] === q[i] + q[i + 1])
        candidates.push({
          q: [i, i + 1],
          n: [j],
          similarity: 1,
          rule: 'split',
        });
    }
  }
  candidates.sort((a, b) => b.similarity - a.similarity || b.q.length + b.n.length - (a.q.length + a.n.length));
  const usedQ = new Set<number>();
  const usedN = new Set<number>();
  const pairs: Pair[] = [];
  for (const c of candidates) {
    if (c.q.some((i) => usedQ.has(i)) || c.n.some((j) => usedN.has(j))) continue;
    c.q.forEach((i) => usedQ.add(i));
    c.n.forEach((j) => usedN.add(j));
    pairs.push(c);
  }
  const wq = q.map((t) => weight(index, t));
  const wn = n.map((t) => weight(index, t));
  const totalQ = wq.reduce((a, b) => a + b, 0);
  const totalN = wn.reduce((a, b) => a + b, 0);
  let coveredQ = 0;
  let coveredN = 0;
  for (const p of pairs) {
    // an initial is all there is of its word: it is covered; the word it stands for only in part
    coveredQ += p.q.reduce((a, i) => a + (p.rule === 'initial' && q[i].length === 1 ? wq[i] : p.similarity * wq[i]), 0);
    coveredN += p.n.reduce((a, j) => a + (p.rule === 'initial' && n[j].length === 1 ? wn[j] : p.similarity * wn[j]), 0);
  }
  const precision = totalQ ? Math.min(1, coveredQ / totalQ) : 0;
  const recall = totalN ? Math.min(1, coveredN / totalN) : 0;
  let score = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  // different numbers on both sides name different things (the 13th and the 7th institute)
  if (q.some((t, i) => !usedQ.has(i) && /^\d+$/.test(t)) && n.some((t, j) => !usedN.has(j) && /^\d+$/.test(t))) score *= NUMBER_MISMATCH_FACTOR;
  return { score, pairs, concatenated: false };
}

function weight(index: ScreeningIndex, token: string): number {
  // single letters (initials) and short numbers carry little on their own
  if (token.length === 1) return 0.5;
  return Math.max(0.5, index.idf(token));
}

/** Candidate names for a variant, most promising first. */
function candidates(index: ScreeningIndex, tokens: readonly string[], acc: Float64Array, expanded: Map<string, Expansion[]>): number[] {
  const touched: number[] = [];
  const common = Math.max(50, index.names.length * COMMON_SHARE);
  const bump = (ids: readonly number[] | undefined, amount: number) => {
    if (!ids) return;
    for (const id of ids) {
      if (acc[id] === 0) touched.push(id);
      acc[id] += amount;
    }
  };
  const expansions = tokens.map((t) => {
    let ex = expanded.get(t);
    if (!ex) {
      ex = expand(index, t);
      expanded.set(t, ex);
    }
    return ex;
  });
  // rare tokens first; common ones ("trading", "bank") then only add to names already found,
  // unless nothing rarer was there
  // A screened word weighs as much as it is rare, whatever it stands for: a rare misspelling
  // on the list ("Electroncis") must not outrank the word itself. A word the list does not
  // have weighs as the listed word it most likely is (the nearest, then the most common).
  const later: { e: Expansion; weight: number }[] = [];
  expansions.forEach((ex, i) => {
    const likely = ex.slice().sort((a, b) => b.similarity - a.similarity || index.df(b.token) - index.df(a.token))[0];
    const weight = index.df(tokens[i]) > 0 ? index.idf(tokens[i]) : likely ? index.idf(likely.token) : 0;
    for (const e of ex) {
      if (index.df(e.token) > common) later.push({ e, weight });
      else bump(index.postings.get(e.token), e.similarity * weight);
    }
  });
  const found = touched.length > 0;
  for (const { e, weight } of later) {
    const ids = index.postings.get(e.token)!;
    const amount = e.similarity * weight;
    if (!found) bump(ids, amount);
    else for (const id of ids) if (acc[id] > 0) acc[id] += amount;
  }
  for (let i = 0; i < tokens.length; i++) {
    // a screened word that is two listed words written as one (Rosoboronexport / ROSOBORON EXPORT)
    const t = tokens[i];
    // only a word the list does not have as it is: "international" is not "inter national"
    if (index.df(t) > 0) continue;
    for (let k = 2; k + 2 <= t.length; k++) {
      const a = t.slice(0, k);
      const b = t.slice(k);
      const pa = index.postings.get(a);
      const pb = pa && index.postings.get(b);
      if (!pa || !pb) continue;
      const [small, other] = pa.length <= pb.length ? [pa, b] : [pb, a];
      if (small.length > 5000) continue;
      bump(
        small.filter((id) => index.names[id].tokens.includes(other)),
        index.idf(t) * 2,
      );
    }
    // two screened words that are one listed word
    if (i + 1 < tokens.length) {
      const pair = tokens[i] + tokens[i + 1];
      bump(index.postings.get(pair), index.idf(pair) * 2);
    }
  }
  if (tokens.length > 1) {
    const all = tokens.join('');
    bump(index.postings.get(all), index.idf(all) * 3);
  }
  touched.sort((a, b) => acc[b] - acc[a]);
  const top = touched.slice(0, MAX_CANDIDATES);
  for (const id of touched) acc[id] = 0;
  return top;
}

const accumulators = new WeakMap<ScreeningIndex, Float64Array>();

/** Screens one name against the index. */
export function screenName(index: ScreeningIndex, input: ScreeningInput, options: ScreenOptions = {}): ScreeningResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const notes: string[] = [];
  const country = normalizeCountry(input.country, notes);
  const result: ScreeningResult = {
    input: {
      name: input.name,
      ...(input.country !== undefined ? { country: input.country } : {}),
    },
    list: {
      file: index.list.info.file,
      date: index.list.info.date,
      lists: index.list.info.lists.map((l) => l.code),
    },
    threshold,
    hits: [],
    notes,
  };
  const normalized = normalizeName(input.name, notes);
  if (normalized.variants.length === 0) return result;
  let acc = accumulators.get(index);
  if (!acc || acc.length !== index.names.length) {
    acc = new Float64Array(index.names.length);
    accumulators.set(index, acc);
  }
  const best = new Map<number, ScreeningHit>();
  // the same pairs of words recur across candidate names ("trade", "company")
  const expanded = new Map<string, Expansion[]>();
  // the words a screened word may stand for were found by the index (exact, typo, phonetic):
  // scoring looks them up rather than comparing every pair of words again
  const byToken = new Map<string, Map<string, Expansion>>();
  const similar = (qt: string, nt: string): { similarity: number; rule: TokenMatch['rule'] } => {
    if (qt === nt) return EXACT;
    if (qt.length === 1 || nt.length === 1) return tokenSimilarity(qt, nt);
    let m = byToken.get(qt);
    if (!m) {
      m = new Map((expanded.get(qt) ?? []).map((e) => [e.token, e]));
      byToken.set(qt, m);
    }
    return m.get(nt) ?? NONE;
  };
  for (const variant of normalized.variants) {
    for (const id of candidates(index, variant.tokens, acc, expanded)) {
      const name = index.names[id];
      if (options.stats) options.stats.scored++;
      const scored = scoreName(index, variant.tokens, name.tokens, variant.exactSpelling, similar);
      if (scored.score < threshold - POSSIBLE_MARGIN - 0.1) continue;
      const hit = toHit(index, name, variant, scored, country, threshold, input.name);
      const had = best.get(name.entry);
      if (!had || hit.score > had.score || (hit.score === had.score && hit.status === 'match' && had.status !== 'match')) best.set(name.entry, hit);
    }
  }
  result.hits = [...best.values()]
    .filter((h) => h.status === 'match' || h.score >= threshold - POSSIBLE_MARGIN)
    .sort((a, b) => b.score - a.score || (a.status === b.status ? 0 : a.status === 'match' ? -1 : 1) || a.name.localeCompare(b.name))
    .slice(0, options.maxHits ?? MAX_HITS);
  return result;
}

function toHit(
  index: ScreeningIndex,
  name: IndexedName,
  variant: NameVariant,
  scored: Scored,
  country: string | undefined,
  threshold: number,
  raw: string,
): ScreeningHit {
  const entry = index.entries[name.entry];
  const q = variant.tokens;
  const n = name.tokens;
  const exactName = scored.score >= 0.9999;
  let score = scored.score;
  const countryMismatch = country !== undefined && entry.countries.length > 0 && !entry.countries.includes(country);
  if (countryMismatch) score *= COUNTRY_MISMATCH_FACTOR;
  score = Math.round(score * 1000) / 1000;
  const status = exactName || score >= threshold ? 'match' : 'possible';
  const tokens: TokenMatch[] = scored.pairs.map((p) => ({
    query: p.q.map((i) => q[i]).join(' '),
    listed: p.n.map((j) => n[j]).join(' '),
    rule: p.rule,
    similarity: Math.round(p.similarity * 100) / 100,
  }));
  const usedQ = new Set(scored.pairs.flatMap((p) => p.q));
  const usedN = new Set(scored.pairs.flatMap((p) => p.n));
  const unmatchedQuery = q.filter((_, i) => !usedQ.has(i));
  const unmatchedListed = n.filter((_, j) => !usedN.has(j));
  const rules: MatchRule[] = [];
  const ruleSet = new Set(scored.pairs.map((p) => p.rule));
  const allExact = scored.pairs.every((p) => p.rule === 'exact') && !unmatchedQuery.length && !unmatchedListed.length;
  const sameForms = sameList(variant.legalForms, name.legalForms);
  if (allExact && sameForms && !variant.transliteration && samePunctuation(raw, name.text)) rules.push('exact');
  if (name.alias > 0) rules.push('alias');
  if (variant.legalForms.length || name.legalForms.length) if (!sameForms) rules.push('legal-form');
  const order = scored.pairs
    .filter((p) => p.q.length === 1 && p.n.length === 1)
    .sort((a, b) => a.q[0] - b.q[0])
    .map((p) => p.n[0]);
  if (order.some((v, i) => i > 0 && v < order[i - 1])) rules.push('word-order');
  if (allExact && sameForms && !variant.transliteration && !samePunctuation(raw, name.text)) rules.push('punctuation');
  if (ruleSet.has('joined') || (scored.concatenated && q.length < n.length)) rules.push('joined-words');
  if (ruleSet.has('split') || (scored.concatenated && q.length > n.length)) rules.push('split-words');
  if (ruleSet.has('typo')) rules.push('typo');
  if (ruleSet.has('phonetic')) rules.push('phonetic');
  if (ruleSet.has('initial')) rules.push('initials');
  if (variant.transliteration) rules.push('transliterated');
  if (unmatchedQuery.length || unmatchedListed.length) rules.push('partial');
  if (countryMismatch) rules.push('country-mismatch');
  // the entry's own name as listed (the index reads it without trailing punctuation:
  // "… Co., Ltd." is not an alternate name of itself)
  const matchedName = name.alias === 0 ? entry.name : name.text;
  const why: MatchWhy = {
    summary: summary(
      entry.list,
      name,
      matchedName,
      rules,
      tokens,
      unmatchedQuery,
      unmatchedListed,
      variant,
      countryMismatch ? { country: country!, listed: entry.countries } : undefined,
    ),
    rules,
    tokens,
    unmatchedQuery,
    unmatchedListed,
    legalForms: { query: variant.legalForms, listed: name.legalForms },
    ...(variant.transliteration ? { transliteration: variant.transliteration, readAs: variant.readAs } : {}),
    ...(country !== undefined
      ? {
          country: {
            query: country,
            listed: entry.countries,
            matches: !countryMismatch,
          },
        }
      : {}),
  };
  return {
    id: entry.id,
    name: entry.name,
    matchedName,
    list: entry.list,
    score,
    status,
    why,
    entry,
  };
}

function summary(
  list: string,
  name: IndexedName,
  matchedName: string,
  rules: MatchRule[],
  tokens: TokenMatch[],
  uq: string[],
  un: string[],
  variant: NameVariant,
  mismatch?: { country: string; listed: string[] },
): string {
  const parts: string[] = [];
  parts.push(`${name.alias > 0 ? 'alternate name' : 'name'} "${matchedName}" (${list})`);
  if (rules.includes('exact')) parts.push('same name');
  else if (rules.includes('punctuation') && !rules.includes('legal-form')) parts.push('same words, other punctuation or case');
  const changed = tokens.filter((t) => t.rule !== 'exact').map((t) => `${t.query} ~ ${t.listed} (${t.rule})`);
  if (changed.length) parts.push(changed.join(', '));
  if (rules.includes('word-order')) parts.push('other word order');
  if (rules.includes('legal-form')) parts.push(`legal form ${variant.legalForms.join(' ') || 'none'} / ${name.legalForms.join(' ') || 'none'} set aside`);
  if (variant.transliteration) parts.push(`read as "${variant.readAs}" (${variant.transliteration})`);
  if (uq.length) parts.push(`not in the listed name: ${uq.join(' ')}`);
  if (un.length) parts.push(`not in the screened name: ${un.join(' ')}`);
  if (mismatch) parts.push(`country ${mismatch.country} is not the listed ${mismatch.listed.join(', ')}`);
  return parts.join('; ');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Case aside, the two names are written alike (spaces, dots, commas). */
function samePunctuation(a: string, b: string): boolean {
  return a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** ISO 3166-1 alpha-2, upper case; anything else is noted and ignored. */
function normalizeCountry(country: string | undefined, notes: string[]): string | undefined {
  if (country === undefined) return undefined;
  const c = country.trim().toUpperCase();
  if (!c) return undefined;
  if (!/^[A-Z]{2}$/.test(c)) {
    notes.push(`country "${country}" is not an ISO 3166-1 alpha-2 code; it was not used`);
    return undefined;
  }
  return c;
}
