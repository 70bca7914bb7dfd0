// The catalog features use: lookups and search over the shipped CatalogData. Indexes are built on
// first use, so loading the server costs nothing until a feature asks.
import { WordIndex, editDistance, foldText, queryWords, wordsOf } from './search';
import type { Catalog, CatalogData, Destination, Eccn } from './types';

const ECCN_SHAPE = /^[0-9][A-E][0-9]{3}(\.[a-zA-Z0-9]+)*$/;
/** Something typed as (the start of) an ECCN rather than words: "3A0", "5a992.z", "EAR". */
const CODE_LIKE = /^(?:[0-9](?:[a-e][0-9]{0,3})?(?:\.[a-z0-9.]*)?|e(?:a(?:r(?:9(?:9)?)?)?)?)$/i;
const DEFAULT_LIMIT = 20;
const DEFAULT_SUGGESTIONS = 5;

/** Lower ranks first: the order search results are listed in. */
const enum EccnRank { ExactCode, CodePrefix, Topic, Title, Heading, AnyField }
const enum DestinationRank { ExactCode, ExactName, CodePrefix, NameWords, OtherNameWords }

interface Hit<T> {
  item: T;
  rank: number;
  /** Tie-breakers within a rank, compared in order, lower first. */
  keys: (number | string)[];
}

function byRank<T>(a: Hit<T>, b: Hit<T>): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  for (let i = 0; i < a.keys.length; i++) {
    const x = a.keys[i];
    const y = b.keys[i];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Keeps the best rank per item, then sorts and cuts. */
class Ranking<T> {
  private readonly best = new Map<T, Hit<T>>();
  add(item: T, rank: number, keys: (number | string)[]): void {
    const old = this.best.get(item);
    if (!old || byRank({ item, rank, keys }, old) < 0) this.best.set(item, { item, rank, keys });
  }
  get size(): number {
    return this.best.size;
  }
  top(limit: number): T[] {
    return [...this.best.values()].sort(byRank).slice(0, Math.max(0, limit)).map((h) => h.item);
  }
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

interface EccnIndex {
  byCode: Map<string, Eccn>;
  sortedCodes: string[];
  topic: WordIndex;
  title: WordIndex;
  heading: WordIndex;
  anyField: WordIndex;
}

interface NamedDestination {
  destination: Destination;
  order: number;
  /** Folded common name, and its words. */
  name: string;
  nameWords: string[];
  /** Folded official, BIS and alias names, and their words. */
  otherNames: string[];
  otherWords: string[][];
}

interface DestinationIndex {
  byCode: Map<string, Destination>;
  /** Folded full name -> the destination, or null when two destinations share it equally. */
  byName: Map<string, Destination | null>;
  named: NamedDestination[];
  chartMembers: Map<string, string[]>;
}

export function createCatalog(data: CatalogData): Catalog {
  const eccnIndex = once((): EccnIndex => {
    const topicWords = data.eccns.map((): string[] => []);
    const position = new Map(data.eccns.map((e, i) => [e.code, i]));
    for (const [topic, codes] of Object.entries(data.topics)) {
      for (const code of codes) {
        const i = position.get(code);
        if (i !== undefined) topicWords[i].push(...wordsOf(topic.replace(/_/g, ' ')));
      }
    }
    const titleWords = data.eccns.map((e) => wordsOf(e.title));
    const headingWords = data.eccns.map((e) => wordsOf(e.heading));
    return {
      byCode: new Map(data.eccns.map((e) => [e.code.toUpperCase(), e])),
      sortedCodes: data.eccns.map((e) => e.code.toUpperCase()).sort(),
      topic: new WordIndex(topicWords),
      title: new WordIndex(titleWords),
      heading: new WordIndex(headingWords),
      anyField: new WordIndex(data.eccns.map((_, i) => [...topicWords[i], ...titleWords[i], ...headingWords[i]])),
    };
  });

  const destinationIndex = once((): DestinationIndex => {
    const byName = new Map<string, Destination | null>();
    const nameRank = new Map<string, number>();
    const claim = (name: string, d: Destination, rank: number) => {
      const key = foldText(name).trim();
      const held = nameRank.get(key);
      if (held === undefined || rank < held) {
        byName.set(key, d);
        nameRank.set(key, rank);
      } else if (rank === held && byName.get(key) !== d) {
        byName.set(key, null); // "Congo" names two countries equally: no guess
      }
    };
    const named = data.destinations.map((d, order): NamedDestination => {
      const others = [d.officialName, d.bisName, ...d.aliases].filter((n): n is string => Boolean(n));
      claim(d.name, d, 0);
      if (d.officialName) claim(d.officialName, d, 1);
      if (d.bisName) claim(d.bisName, d, 2);
      for (const alias of d.aliases) claim(alias, d, 3);
      return {
        destination: d,
        order,
        name: foldText(d.name),
        nameWords: wordsOf(d.name),
        otherNames: others.map(foldText),
        otherWords: others.map(wordsOf),
      };
    });
    const chartMembers = new Map<string, string[]>();
    for (const column of data.chartColumns) {
      chartMembers.set(column.code, data.destinations.filter((d) => d.onChart && d.chartColumns.includes(column.code)).map((d) => d.code));
    }
    return { byCode: new Map(data.destinations.map((d) => [d.code.toUpperCase(), d])), byName, named, chartMembers };
  });

  const byCode = <T extends { code: string }>(items: readonly T[]) => {
    const map = once(() => new Map(items.map((x) => [x.code.toUpperCase(), x])));
    return (code: string): T | undefined => map().get(code.trim().toUpperCase());
  };
  const countryGroup = byCode(data.countryGroups);
  const chartColumn = byCode(data.chartColumns);
  const reason = byCode(data.reasons);
  const category = byCode(data.categories);
  const productGroup = byCode(data.productGroups);
  const embargoById = once(() => new Map(data.embargoes.map((p) => [p.id, p])));

  const eccn = (code: string): Eccn | undefined => eccnIndex().byCode.get(code.trim().toUpperCase());

  const eccnOf = (codeOrParagraph: string): Eccn | undefined => {
    const code = codeOrParagraph.trim().toUpperCase();
    return eccnIndex().byCode.get(code) ?? eccnIndex().byCode.get(code.split('.')[0]);
  };

  const destination = (code: string): Destination | undefined => destinationIndex().byCode.get(code.trim().toUpperCase());

  const licenceCounts = new Map<string, number>();

  return {
    data,
    eccn,
    eccnOf,
    isWellFormedEccn: (code) => code === 'EAR99' || ECCN_SHAPE.test(code),
    destination,
    findDestination(codeOrName) {
      return destination(codeOrName) ?? destinationIndex().byName.get(foldText(codeOrName).trim()) ?? undefined;
    },
    countryGroup,
    chartColumn,
    reason,
    category,
    productGroup,
    embargo: (id) => embargoById().get(id.trim()),
    chartMembers: (column) => destinationIndex().chartMembers.get(column.trim().toUpperCase()) ?? [],

    searchEccns(query, limit = DEFAULT_LIMIT) {
      const q = query.trim();
      if (!q) return [];
      const index = eccnIndex();
      const ranking = new Ranking<Eccn>();
      const exact = eccnOf(q);
      if (exact) ranking.add(exact, EccnRank.ExactCode, []);
      const upper = q.toUpperCase();
      for (const code of index.sortedCodes) {
        if (code.startsWith(upper)) ranking.add(index.byCode.get(code) as Eccn, EccnRank.CodePrefix, [code]);
      }
      if (ranking.size > 0 && CODE_LIKE.test(q)) return ranking.top(limit);
      const words = queryWords(q);
      if (words.length === 0) return ranking.top(limit);
      const fields: [WordIndex, EccnRank][] = [
        [index.topic, EccnRank.Topic],
        [index.title, EccnRank.Title],
        [index.heading, EccnRank.Heading],
        [index.anyField, EccnRank.AnyField],
      ];
      for (const [field, rank] of fields) {
        for (const [doc, wholeWords] of field.matchAll(words)) ranking.add(data.eccns[doc], rank, [-wholeWords, doc]);
      }
      return ranking.top(limit);
    },

    searchDestinations(query, limit = DEFAULT_LIMIT) {
      const q = foldText(query).trim();
      if (!q) return [];
      const index = destinationIndex();
      const ranking = new Ranking<Destination>();
      const upper = q.toUpperCase();
      const exactCode = index.byCode.get(upper);
      if (exactCode) ranking.add(exactCode, DestinationRank.ExactCode, []);
      const words = wordsOf(q);
      const codeLike = /^[a-z]{1,2}(-[a-z0-9]*)?$/.test(q);
      for (const n of index.named) {
        const d = n.destination;
        if (n.name === q || n.otherNames.includes(q)) ranking.add(d, DestinationRank.ExactName, [n.name === q ? 0 : 1, n.order]);
        if (codeLike && d.code.startsWith(upper)) ranking.add(d, DestinationRank.CodePrefix, [d.code]);
        if (words.length === 0) continue;
        if (everyPrefix(words, n.nameWords)) {
          ranking.add(d, DestinationRank.NameWords, [n.name.startsWith(q) ? 0 : 1, n.name.length, n.name]);
        } else if (n.otherWords.some((w) => everyPrefix(words, w))) {
          ranking.add(d, DestinationRank.OtherNameWords, [n.name]);
        }
      }
      return ranking.top(limit);
    },

    suggestEccns(bad, limit = DEFAULT_SUGGESTIONS) {
      const base = bad.trim().toUpperCase().split('.')[0];
      if (!base) return [];
      const max = base.length <= 3 ? 1 : 2;
      const ranking = new Ranking<string>();
      for (const code of eccnIndex().sortedCodes) {
        const d = editDistance(base, code, max);
        if (d <= max) ranking.add(code, d, [-commonPrefix(base, code), code]);
      }
      return ranking.top(limit);
    },

    suggestDestinations(bad, limit = DEFAULT_SUGGESTIONS) {
      const q = foldText(bad).trim();
      if (!q) return [];
      const max = q.length <= 3 ? 1 : q.length <= 6 ? 2 : 3;
      const ranking = new Ranking<Destination>();
      for (const n of destinationIndex().named) {
        const names = [n.name, ...n.otherNames];
        let best = q.length <= 5 ? editDistance(q, n.destination.code.toLowerCase(), max) : max + 1;
        for (const name of names) {
          // A short name must not collect far-fetched matches ("Rusia" is not "USA").
          const allowed = Math.min(max, Math.max(1, Math.floor(name.length / 3)));
          const d = editDistance(q, name, allowed);
          if (d <= allowed) best = Math.min(best, d);
        }
        if (best <= max) ranking.add(n.destination, best, [n.destination.parent ? 1 : 0, n.name]);
      }
      return ranking.top(limit);
    },

    chartLicenceCount(code) {
      const entry = eccnOf(code);
      if (!entry) return 0;
      let count = licenceCounts.get(entry.code);
      if (count === undefined) {
        const members = destinationIndex().chartMembers;
        const marked = new Set(entry.entireEntryColumns.flatMap((c) => members.get(c) ?? []));
        count = marked.size;
        licenceCounts.set(entry.code, count);
      }
      return count;
    },
  };
}

/** Every query word starts some word of the name ("cote d iv" in "cote d ivoire"). */
function everyPrefix(query: readonly string[], nameWords: readonly string[]): boolean {
  return query.every((q) => nameWords.some((w) => w.startsWith(q)));
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

let shared: Catalog | undefined;

/** The shipped catalog, loaded on first call. */
export function getCatalog(): Catalog {
  // A plain require: esbuild bundles the JSON, and it is only evaluated when first asked for.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  shared ??= createCatalog(require('./catalog.data.json') as CatalogData);
  return shared;
}
