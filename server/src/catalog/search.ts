// Text helpers for catalog search: folding, word splitting, a prefix word index and the
// Damerau-Levenshtein distance used for did-you-mean. Pure functions, no catalog knowledge.

/** Lower case, accents and curly quotes removed: "Côte d’Ivoire" -> "cote d'ivoire". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase();
}

/** The words of a text, folded: "Machine tools, n.e.s." -> ["machine", "tools", "n", "e", "s"]. */
export function wordsOf(text: string): string[] {
  return foldText(text).split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

const STOPWORDS = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Query words worth matching; stopwords are dropped unless the query is nothing but. */
export function queryWords(query: string): string[] {
  const words = wordsOf(query);
  const useful = words.filter((w) => !STOPWORDS.has(w));
  return useful.length > 0 ? useful : words;
}

/**
 * Which documents contain words starting with each query word. The vocabulary is sorted once,
 * so a prefix is a binary search plus a walk over the words that share it.
 */
export class WordIndex {
  private readonly vocabulary: string[];
  private readonly postings: number[][];

  constructor(documents: readonly (readonly string[])[]) {
    const byWord = new Map<string, number[]>();
    documents.forEach((words, doc) => {
      for (const w of new Set(words)) {
        const list = byWord.get(w);
        if (list) list.push(doc);
        else byWord.set(w, [doc]);
      }
    });
    this.vocabulary = [...byWord.keys()].sort();
    this.postings = this.vocabulary.map((w) => byWord.get(w) ?? []);
  }

  /**
   * Documents in which every query word is a prefix of some word, with how many query words
   * matched a whole word (for ranking).
   */
  matchAll(words: readonly string[]): Map<number, number> {
    let result: Map<number, number> | undefined;
    for (const q of words) {
      const hits = this.matchOne(q);
      if (result === undefined) {
        result = hits;
      } else {
        const next = new Map<number, number>();
        for (const [doc, exact] of result) {
          const more = hits.get(doc);
          if (more !== undefined) next.set(doc, exact + more);
        }
        result = next;
      }
      if (result.size === 0) break;
    }
    return result ?? new Map<number, number>();
  }

  /** doc -> 1 when the word itself occurs, 0 when only longer words start with it. */
  private matchOne(prefix: string): Map<number, number> {
    const hits = new Map<number, number>();
    for (let i = lowerBound(this.vocabulary, prefix); i < this.vocabulary.length; i++) {
      const word = this.vocabulary[i];
      if (!word.startsWith(prefix)) break;
      const exact = word === prefix ? 1 : 0;
      for (const doc of this.postings[i]) hits.set(doc, Math.max(hits.get(doc) ?? 0, exact));
    }
    return hits;
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export { editDistance } from '../model/similar';
