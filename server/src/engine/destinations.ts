// Destination selectors resolve to the set of destination codes they cover: the destination
// universe (the catalog's countries and regions) is finite, so a check only has to look its
// destination up in an index instead of testing selectors.
import type { Catalog, Destination } from '../catalog/types';
import type { DestinationSelector } from '../model/types';

export interface DestinationUniverse {
  readonly codes: readonly string[];
  readonly all: ReadonlySet<string>;
  readonly byCode: ReadonlyMap<string, Destination>;
  /** Country -> its regions (UA -> UA-43, UA-14 ...). */
  readonly regions: ReadonlyMap<string, readonly string[]>;
  readonly byGroup: ReadonlyMap<string, ReadonlySet<string>>;
  readonly byChart: ReadonlyMap<string, ReadonlySet<string>>;
}

const EMPTY: ReadonlySet<string> = new Set();

function addTo(map: Map<string, Set<string>>, key: string, code: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(code);
}

export function buildUniverse(catalog: Catalog): DestinationUniverse {
  const byCode = new Map<string, Destination>();
  const regions = new Map<string, string[]>();
  const byGroup = new Map<string, Set<string>>();
  const byChart = new Map<string, Set<string>>();
  for (const d of catalog.data.destinations) {
    const code = d.code.toUpperCase();
    if (byCode.has(code)) continue;
    byCode.set(code, d);
    if (d.parent) {
      const parent = d.parent.toUpperCase();
      regions.set(parent, [...(regions.get(parent) ?? []), code]);
    }
    // A region carries its country's groups and chart columns in the catalog.
    for (const g of d.countryGroups) addTo(byGroup, g.toUpperCase(), code);
    for (const c of d.chartColumns) addTo(byChart, c.toUpperCase(), code);
  }
  const codes = [...byCode.keys()];
  return { codes, all: new Set(codes), byCode, regions, byGroup, byChart };
}

/** The parent country of a region code, per the catalog. */
export function parentOf(u: DestinationUniverse, code: string): string | undefined {
  return u.byCode.get(code)?.parent?.toUpperCase();
}

/** Regime id -> its resolved members (empty for an unknown regime). */
export type RegimeLookup = (id: string) => ReadonlySet<string>;

function union(sets: Iterable<ReadonlySet<string>>): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const c of s) out.add(c);
  return out;
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new Set<string>();
  for (const c of small) if (large.has(c)) out.add(c);
  return out;
}

/** `country: UA` covers UA and its regions; `country: UA-43` only the region. */
function countryCodes(u: DestinationUniverse, code: string): ReadonlySet<string> {
  const c = code.trim().toUpperCase();
  if (!u.all.has(c)) return EMPTY;
  return new Set([c, ...(u.regions.get(c) ?? [])]);
}

/**
 * The codes a selector covers, or 'any'. Every key present must match, a list matches when
 * any value does; a selector without keys covers everything (the schema forbids it anyway).
 */
export function resolveDestinationSelector(
  s: DestinationSelector,
  u: DestinationUniverse,
  regime: RegimeLookup,
): ReadonlySet<string> | 'any' {
  const parts: ReadonlySet<string>[] = [];
  if (s.country) parts.push(union(s.country.map((c) => countryCodes(u, c))));
  if (s.countryGroup) parts.push(union(s.countryGroup.map((g) => u.byGroup.get(g.trim().toUpperCase()) ?? EMPTY)));
  if (s.chart) parts.push(union(s.chart.map((c) => u.byChart.get(c.trim().toUpperCase()) ?? EMPTY)));
  if (s.regime) parts.push(union(s.regime.map((r) => regime(r.trim()))));
  if (s.any === false) parts.push(EMPTY);
  if (parts.length === 0) return 'any';
  return parts.reduce(intersect);
}

/** The union of several selectors ('any' when one covers everything). */
export function resolveDestinationSelectors(
  selectors: readonly DestinationSelector[],
  u: DestinationUniverse,
  regime: RegimeLookup,
): ReadonlySet<string> | 'any' {
  const sets: ReadonlySet<string>[] = [];
  for (const s of selectors) {
    const r = resolveDestinationSelector(s, u, regime);
    if (r === 'any') return 'any';
    sets.push(r);
  }
  return sets.length === 1 ? sets[0] : union(sets);
}
