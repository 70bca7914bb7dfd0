// The index a screening searches: every name and alternate name of every entry, tokenised
// once, with postings by token, tokens by phonetic key and by typo buckets. A name is scored
// only when the index names it as a candidate: no scan of every row per name screened.
import { BUSINESS_VARIANTS, normalizeListedName } from './normalize';
import { phoneticKey } from './similarity';
import type { ListEntry, ScreeningList } from './types';

export interface IndexedName {
  /** Index into ScreeningIndex.entries. */
  entry: number;
  /** The name as listed. */
  text: string;
  tokens: string[];
  legalForms: string[];
  /** 0: the entry's name; 1..: its alternate names and the names derived from them. */
  alias: number;
}

/** Tokens shorter than this get no typo postings (a typo in "ao" is another word). */
export const MIN_TYPO_LENGTH = 4;

/**
 * The names of a list, tokenised: what normalisation makes of every name (the slow part of
 * indexing). The embedded snapshot carries it prebuilt (scripts/build-screening-list.ts), so
 * that the index is ready at start without normalising 58,000 names.
 */
export interface PrebuiltNames {
  vocab: string[];
  /** Phonetic key of each vocabulary token. */
  keys: string[];
  entry: number[];
  alias: number[];
  /** The name as listed: 0 for the entry's name, n for its n-th alternate name, else the text. */
  text: (number | string)[];
  /** Token ids of all names, one after the other; name i has tokens[start[i]] .. tokens[start[i + 1] - 1]. */
  tokens: number[];
  start: number[];
  /** Legal forms set aside, per name (0 for none, to keep the file small). */
  forms: (string[] | 0)[];
}

/** Tokenises every name of every entry. */
export function prebuildNames(entries: readonly ListEntry[]): PrebuiltNames {
  const out: PrebuiltNames = {
    vocab: [],
    keys: [],
    entry: [],
    alias: [],
    text: [],
    tokens: [],
    start: [],
    forms: [],
  };
  const ids = new Map<string, number>();
  entries.forEach((e, i) => {
    const seen = new Set<string>();
    namesOf(e).forEach((text, alias) => {
      const v = normalizeListedName(text);
      if (v.tokens.length === 0) return;
      const key = v.tokens.join(' ');
      if (seen.has(key)) return;
      seen.add(key);
      out.entry.push(i);
      out.alias.push(alias);
      const listed = [e.name, ...e.altNames].indexOf(text);
      out.text.push(listed >= 0 ? listed : text);
      out.start.push(out.tokens.length);
      for (const t of v.tokens) {
        let id = ids.get(t);
        if (id === undefined) {
          id = out.vocab.length;
          ids.set(t, id);
          out.vocab.push(t);
          out.keys.push(phoneticKey(t));
        }
        out.tokens.push(id);
      }
      out.forms.push(v.legalForms.length ? v.legalForms : 0);
    });
  });
  out.start.push(out.tokens.length);
  return out;
}

export class ScreeningIndex {
  readonly names: IndexedName[] = [];
  readonly entries: readonly ListEntry[];
  /** token → ids of the names that contain it */
  readonly postings = new Map<string, number[]>();
  /** phonetic key → tokens of the vocabulary */
  readonly phonetic = new Map<string, string[]>();
  /**
   * Tokens of the vocabulary by their first three letters, last three letters, and first and
   * last letter with the length: a token with a typo or two shares one of these with the
   * token it stands for, so these few buckets are all that an edit distance is computed on.
   */
  readonly typoBuckets = new Map<string, string[]>();
  private readonly idfCache = new Map<string, number>();
  private readonly maxIdf: number;

  /** Indexes a list; `prebuilt` (from prebuildNames over the same entries) saves the normalising. */
  constructor(
    readonly list: ScreeningList,
    prebuilt?: PrebuiltNames,
  ) {
    this.entries = list.entries;
    const p = prebuilt ?? prebuildNames(list.entries);
    for (let id = 0; id < p.entry.length; id++) {
      const tokens: string[] = [];
      for (let k = p.start[id]; k < p.start[id + 1]; k++) tokens.push(p.vocab[p.tokens[k]]);
      const forms = p.forms[id];
      const e = list.entries[p.entry[id]];
      const t = p.text[id];
      const text = typeof t === 'string' ? t : t === 0 ? e.name : e.altNames[t - 1];
      this.names.push({
        entry: p.entry[id],
        text,
        tokens,
        legalForms: forms === 0 ? [] : forms,
        alias: p.alias[id],
      });
      for (let k = 0; k < tokens.length; k++) if (tokens.indexOf(tokens[k]) === k) push(this.postings, tokens[k], id);
    }
    p.vocab.forEach((token, i) => {
      push(this.phonetic, p.keys[i], token);
      if (token.length >= MIN_TYPO_LENGTH && /\D/.test(token)) for (const k of typoKeys(token)) push(this.typoBuckets, k, token);
      // a typo of "Services" is near "services", which the vocabulary holds as "service"
      for (const written of BUSINESS_VARIANTS.get(token) ?? []) for (const k of typoKeys(written)) push(this.typoBuckets, k, token);
    });
    this.maxIdf = Math.log(1 + this.names.length);
  }

  /** Inverse document frequency of a token over the names; an unknown token counts as rare. */
  idf(token: string): number {
    let v = this.idfCache.get(token);
    if (v === undefined) {
      const df = this.postings.get(token)?.length ?? 0;
      v = df === 0 ? this.maxIdf : Math.log(1 + this.names.length / df);
      this.idfCache.set(token, v);
    }
    return v;
  }

  /** How many names contain the token. */
  df(token: string): number {
    return this.postings.get(token)?.length ?? 0;
  }
}

function push<V>(m: Map<string, V[]>, k: string, v: V): void {
  const list = m.get(k);
  if (list) {
    if (list[list.length - 1] !== v) list.push(v);
  } else m.set(k, [v]);
}

/** The typo buckets of a token (see ScreeningIndex.typoBuckets). */
export function typoKeys(token: string): string[] {
  return [`<${token.slice(0, 3)}`, `>${token.slice(-3)}`, `${token[0]}${token.length}${token[token.length - 1]}`];
}

const AKA = /\s*(?:;|,?\s+(?:a\.k\.a\.?|f\.k\.a\.?|aka|fka|formerly known as|also known as)\s+)\s*/i;

/**
 * The names of an entry to index: its name, its alternate names, and forms a reader would
 * also type: the name without a bracketed acronym and the acronym alone ("China Electronics
 * Technology Group Corporation 13th Research Institute (CETC 13)"), names joined in one field
 * by "; and" (Entity List rows do that), the parts of "a.k.a." / "f.k.a." names.
 */
function namesOf(e: ListEntry): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    const t = s
      .replace(/^\s*(and|or)\s+/i, '')
      .replace(/[\s,;.]+$/, '')
      .trim();
    if (t && !out.includes(t)) out.push(t);
  };
  add(e.name);
  for (const a of e.altNames) add(a);
  for (const n of [...out]) {
    for (const part of n.split(AKA)) if (part !== n && part.length >= 2) add(part);
    // a bracketed acronym or number ("(CETC 13)", "(SSI)"), not a place ("(Hong Kong)")
    for (const m of n.matchAll(/\(([^()]*)\)/g)) {
      const inner = m[1].trim();
      if (/^[A-Z0-9][A-Z0-9 .&-]{1,15}$/.test(inner) && /[A-Z]{2}|\d/.test(inner)) add(inner);
    }
    const withoutBrackets = n.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
    if (withoutBrackets !== n) add(withoutBrackets);
  }
  return out;
}
