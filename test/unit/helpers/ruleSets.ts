// Small builders for tests: RuleSet objects as the parser would make them (without YAML),
// and a fake Catalog over a handful of hand-made ECCNs and destinations.
import type { Catalog, CatalogData, Destination, Eccn, EccnControl } from '../../../server/src/catalog/types';
import type {
  Decision,
  DestinationSelector,
  ItemInput,
  ItemSelector,
  Origin,
  Product,
  Regime,
  Rule,
  RuleSet,
  RuleTest,
  SourceLocation,
} from '../../../server/src/model/types';

type Sel<T> = Omit<T, 'pointer'>;

export interface RuleSpec {
  id: string;
  decision?: Decision; // default license-required
  items: Sel<ItemSelector>[];
  destinations: Sel<DestinationSelector>[];
  exceptItems?: Sel<ItemSelector>[];
  exceptDestinations?: Sel<DestinationSelector>[];
  exceptions?: string[];
  effective?: string;
  expires?: string;
  title?: string;
  citation?: string;
  review?: string;
}

export interface RegimeSpec {
  id: string;
  countries?: string[];
  include?: Sel<DestinationSelector>[];
  exclude?: Sel<DestinationSelector>[];
}

export interface ProductSpec {
  sku: string;
  name?: string;
  eccn?: string;
  hs?: string;
  origin?: Origin;
  directProductOf?: string[];
}

export interface TestSpec {
  name: string;
  item: ItemInput;
  destination: string;
  date?: string;
  expect: Decision;
  decidedBy?: string[];
  expectExceptions?: string[];
  expectDeMinimis?: RuleTest['expectDeMinimis'];
}

export interface RuleSetSpec {
  id: string;
  uri?: string;
  effective?: string;
  expires?: string;
  rules?: RuleSpec[];
  regimes?: RegimeSpec[];
  products?: ProductSpec[];
  tests?: TestSpec[];
}

const at = (uri: string, line: number): SourceLocation => ({
  uri,
  range: { start: { line, character: 2 }, end: { line, character: 20 } },
});

const withPointers = <T>(list: Sel<T>[] | undefined, base: string): T[] =>
  (list ?? []).map((s, i) => ({ ...s, pointer: `${base}/${i}` }) as T);

/** A RuleSet; rule n sits on line 10 + 10n (0-based), test n on line 500 + 10n. */
export function ruleSet(spec: RuleSetSpec): RuleSet {
  const uri = spec.uri ?? `file:///rules/${spec.id}.ecr.yaml`;
  const rules: Rule[] = (spec.rules ?? []).map((r, n) => {
    const p = `/rules/${n}`;
    const rule: Rule = {
      ruleset: spec.id,
      id: r.id,
      items: withPointers<ItemSelector>(r.items, `${p}/when/items`),
      destinations: withPointers<DestinationSelector>(r.destinations, `${p}/when/destinations`),
      exceptItems: withPointers<ItemSelector>(r.exceptItems, `${p}/when/except/items`),
      exceptDestinations: withPointers<DestinationSelector>(r.exceptDestinations, `${p}/when/except/destinations`),
      decision: r.decision ?? 'license-required',
      exceptions: r.exceptions ?? [],
      reasonForControl: [],
      pointer: p,
      location: at(uri, 10 + 10 * n),
      span: { start: 0, end: 0 },
    };
    for (const k of ['title', 'citation', 'review', 'effective', 'expires'] as const) {
      if (r[k] !== undefined) rule[k] = r[k];
    }
    return rule;
  });
  const regimes: Regime[] = (spec.regimes ?? []).map((g, n) => ({
    ruleset: spec.id,
    id: g.id,
    countries: g.countries ?? [],
    include: withPointers<DestinationSelector>(g.include, `/regimes/${g.id}/include`),
    exclude: withPointers<DestinationSelector>(g.exclude, `/regimes/${g.id}/exclude`),
    pointer: `/regimes/${g.id}`,
    location: at(uri, 2 + n),
    keySpan: { start: 0, end: 0 },
  }));
  const products: Product[] = (spec.products ?? []).map((p, n) => ({
    ruleset: spec.id,
    ...p,
    pointer: `/products/${n}`,
    location: at(uri, 300 + n),
    skuSpan: { start: 0, end: 0 },
  }));
  const tests: RuleTest[] = (spec.tests ?? []).map((t, n) => ({
    ruleset: spec.id,
    ...t,
    decidedBy: t.decidedBy ?? [],
    pointer: `/tests/${n}`,
    location: at(uri, 500 + 10 * n),
    span: { start: 0, end: 0 },
  }));
  const rs: RuleSet = { uri, id: spec.id, regimes, products, rules, tests };
  if (spec.effective !== undefined) rs.effective = spec.effective;
  if (spec.expires !== undefined) rs.expires = spec.expires;
  return rs;
}

// ---- a fake catalog --------------------------------------------------------------------

function eccn(code: string, reasons: string[], entireEntryColumns: string[], title = code, partial: EccnControl[] = []): Eccn {
  return {
    code,
    category: code === 'EAR99' ? null : code[0],
    productGroup: code === 'EAR99' ? null : code[1],
    title,
    heading: title,
    reasons,
    columns: entireEntryColumns,
    entireEntryColumns,
    controls: fakeControls(code, reasons, entireEntryColumns, partial),
    paragraphs: [...new Set(partial.flatMap((c) => [...(c.paragraphs ?? []), ...(c.except ?? [])]))].sort(),
    licenseExceptions: {},
    notes: [],
    flags: [],
  };
}

/** Control rows as the catalog build makes them: the partial rows as given, then the entire-entry columns no row names. */
function fakeControls(code: string, reasons: string[], entire: string[], partial: EccnControl[]): EccnControl[] {
  if (code === 'EAR99') return [];
  const rows: EccnControl[] = [...partial];
  for (const c of entire) {
    if (!rows.some((r) => r.columns.includes(c))) rows.push({ reason: c.replace(/\d+$/, ''), text: `${c.replace(/\d+$/, '')} applies to entire entry`, columns: [c] });
  }
  for (const r of reasons) if (!rows.some((x) => x.reason === r)) rows.push({ reason: r, text: `${r} applies to entire entry`, columns: [] });
  return rows;
}

function dest(code: string, name: string, countryGroups: string[], chartColumns: string[], parent?: string): Destination {
  const d: Destination = { code, name, aliases: [], countryGroups, chartColumns, chartFootnotes: [], embargoes: [], onChart: !parent };
  if (parent) d.parent = parent;
  return d;
}

export const FAKE_ECCNS: Eccn[] = [
  eccn('EAR99', [], []),
  eccn('0A501', ['NS', 'RS', 'FC', 'UN', 'AT'], ['NS1', 'RS1', 'FC1', 'AT1'], 'Firearms', [
    { reason: 'NS', text: 'NS applies to entire entry except 0A501.y', columns: ['NS1'], except: ['0A501.y'] },
    { reason: 'UN', text: 'UN applies to entire entry', columns: [], requirement: 'See § 746.1 of the EAR for UN controls.' },
  ]),
  eccn('3A001', ['NS', 'RS', 'MT', 'NP', 'AT'], ['NS2', 'AT1'], 'Electronic items', [
    { reason: 'NS', text: 'NS applies to MMIC amplifiers in 3A001.b.2', columns: ['NS1'], paragraphs: ['3A001.b.2'], conditional: true },
    { reason: 'RS', text: 'RS applies to MMIC amplifiers in 3A001.b.2', columns: ['RS1'], paragraphs: ['3A001.b.2'], conditional: true },
    { reason: 'MT', text: 'MT applies to 3A001.a.1.a when usable in missiles', columns: ['MT1'], paragraphs: ['3A001.a.1.a'], conditional: true },
    { reason: 'NP', text: 'NP applies to 3A001.e.2', columns: ['NP1'], paragraphs: ['3A001.e.2'] },
  ]),
  eccn('3A991', ['AT'], ['AT1'], 'Electronic devices not controlled by 3A001'),
  eccn('3D001', ['NS', 'AT'], ['NS1', 'AT1'], 'Software for 3A001'),
  eccn('3E001', ['NS', 'MT', 'NP', 'AT'], ['NS1', 'AT1'], 'Technology for 3A001'),
  eccn('5A002', ['NS', 'AT', 'EI'], ['NS1', 'AT1'], 'Information security'),
  eccn('5A992', ['AT'], ['AT1'], 'Mass market encryption'),
  eccn('7A994', ['AT'], ['AT1'], 'Navigation equipment'),
  eccn('9A991', ['AT', 'UN'], ['AT1'], 'Aircraft', [
    { reason: 'UN', text: 'UN applies to 9A991.a', columns: [], requirement: 'See § 746.1(b) for UN controls.', paragraphs: ['9A991.a'] },
  ]),
  eccn('9E003', ['NS', 'MT', 'AT'], ['NS1', 'AT1'], 'Engine technology'),
  eccn('1C350', ['CB', 'CW', 'AT'], ['CB2'], 'Chemicals'),
];

export const FAKE_DESTINATIONS: Destination[] = [
  dest('DE', 'Germany', ['A:1', 'A:5', 'B'], ['CB1', 'NS1']),
  dest('DK', 'Denmark', ['A:1', 'A:5', 'B'], ['CB1', 'NS1']),
  dest('FR', 'France', ['A:1', 'A:5', 'B'], ['CB1', 'NS1']),
  dest('CN', 'China', ['D:1', 'D:3', 'D:4', 'D:5'], ['CB1', 'NS1', 'NS2']),
  dest('RU', 'Russia', ['D:1', 'D:2', 'D:3', 'D:4', 'D:5'], ['CB1', 'NS1', 'NS2', 'RS1']),
  dest('BY', 'Belarus', ['D:1', 'D:2', 'D:3', 'D:4', 'D:5'], ['CB1', 'NS1', 'NS2']),
  dest('UA', 'Ukraine', ['B', 'D:1'], ['CB1', 'NS1']),
  dest('UA-43', 'Crimea', ['B', 'D:1'], ['CB1', 'NS1'], 'UA'),
  dest('UA-14', 'Donetsk', ['B', 'D:1'], ['CB1', 'NS1'], 'UA'),
  dest('IR', 'Iran', ['D:2', 'E:1'], []),
  dest('KP', 'North Korea', ['D:2', 'E:1'], []),
  dest('CU', 'Cuba', ['D:1', 'E:2'], []),
];

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

function nearestBy<T>(bad: string, all: T[], keys: (t: T) => string[], limit: number): T[] {
  const q = bad.toUpperCase();
  return all
    .map((t) => ({ t, d: Math.min(...keys(t).map((k) => distance(q, k.toUpperCase()))) }))
    .filter((x) => x.d <= 2)
    .sort((a, b) => a.d - b.d)
    .slice(0, limit)
    .map((x) => x.t);
}

/** A Catalog over the given data (only what the engine uses is meaningful). */
export function fakeCatalog(eccns: Eccn[] = FAKE_ECCNS, destinations: Destination[] = FAKE_DESTINATIONS): Catalog {
  const data: CatalogData = {
    dataAsOf: 'eCFR as of 2026-07-23 / 2026-09-24',
    dataDate: '2026-09-24',
    notice: 'Reference only, not legal advice.',
    sources: [],
    categories: [],
    productGroups: [],
    eccns,
    reasons: [],
    chartColumns: [],
    destinations,
    countryGroups: [],
    embargoes: [],
    topics: {},
  };
  const eccnByCode = new Map(eccns.map((e) => [e.code.toUpperCase(), e]));
  const destByCode = new Map(destinations.map((d) => [d.code.toUpperCase(), d]));
  return {
    data,
    eccn: (code) => eccnByCode.get(code.toUpperCase()),
    eccnOf: (code) => eccnByCode.get(code.split('.')[0].toUpperCase()),
    isWellFormedEccn: (code) => /^(EAR99|\d[A-E]\d{3}(\.[a-zA-Z0-9]+)*)$/.test(code),
    destination: (code) => destByCode.get(code.toUpperCase()),
    findDestination: (q) => destByCode.get(q.toUpperCase()) ?? destinations.find((d) => d.name.toLowerCase() === q.toLowerCase()),
    countryGroup: () => undefined,
    chartColumn: () => undefined,
    reason: () => undefined,
    category: () => undefined,
    productGroup: () => undefined,
    embargo: () => undefined,
    chartMembers: (column) => destinations.filter((d) => d.chartColumns.includes(column)).map((d) => d.code),
    searchEccns: () => [],
    searchDestinations: () => [],
    suggestEccns: (bad, limit = 3) => nearestBy(bad, eccns, (e) => [e.code], limit).map((e) => e.code),
    suggestDestinations: (bad, limit = 3) => nearestBy(bad, destinations, (d) => [d.code, d.name], limit),
    chartLicenceCount: () => 0,
  };
}
