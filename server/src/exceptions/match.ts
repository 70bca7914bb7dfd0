// Small matchers the evaluation is built from: ECCN paragraphs, destinations, three-valued answers.
import type { Catalog, Destination } from '../catalog/types';
import type { DestinationSpec } from './data';
import { ShipmentInputError } from './types';

/** Three-valued: a condition holds, may hold (depends on a fact not given), or does not. */
const NO = 0;
const MAYBE = 1;
const YES = 2;
export type Tri = typeof NO | typeof MAYBE | typeof YES;

/** An ECCN or one of its paragraphs: "3A001.b.2" is code 3A001, path [b, 2]. */
export interface ItemRef {
  code: string;
  path: readonly string[];
  text: string; // "3A001.b.2"
}

const REF_SHAPE = /^([0-9][A-E][0-9]{3})((?:\.[A-Za-z0-9]+)*)$/;

/** Parses "3a001.B.2" as 3A001.b.2; undefined when it is not an ECCN (or EAR99) shape. */
export function parseItemRef(text: string): ItemRef | undefined {
  const t = text.trim();
  if (/^EAR99$/i.test(t)) return { code: 'EAR99', path: [], text: 'EAR99' };
  const m = REF_SHAPE.exec(t);
  if (!m) return undefined;
  const code = m[1].toUpperCase();
  const path = m[2] ? m[2].slice(1).toLowerCase().split('.') : [];
  return { code, path, text: [code, ...path].join('.') };
}

/** A paragraph of the same ECCN written relatively ("b.2") in the encodings. */
export function relativeRef(code: string, paragraph: string): ItemRef {
  const path = paragraph.toLowerCase().split('.');
  return { code, path, text: [code, ...path].join('.') };
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Is the asked item within `ref`? YES when the item is `ref` or one of its paragraphs; MAYBE
 * when the item is broader (a heading asked, `ref` one of its paragraphs); NO otherwise.
 */
export function itemWithin(item: ItemRef, ref: ItemRef): Tri {
  if (item.code !== ref.code) return NO;
  if (isPrefix(ref.path, item.path)) return YES;
  if (isPrefix(item.path, ref.path)) return MAYBE;
  return NO;
}

/** The destination as the evaluation reads it: a region counts as its country. */
export interface Place {
  code: string; // "UA-43"
  country: string; // "UA"
  name: string;
  groups: ReadonlySet<string>;
  columns: ReadonlySet<string>;
  embargoes: readonly string[];
  /** The reference data puts it in no Country Group (Liechtenstein, some territories). */
  noGroups: boolean;
}

export function placeOf(catalog: Catalog, code: string): Place {
  const d: Destination | undefined = catalog.destination(code);
  if (!d) {
    const near = catalog.suggestDestinations(code, 3).map((x) => `${x.code} (${x.name})`);
    throw new ShipmentInputError(`"${code}" is not a known destination${near.length ? `; did you mean ${near.join(', ')}?` : ''}`, 'destination');
  }
  return {
    code: d.code,
    country: d.parent ?? d.code,
    name: d.name,
    groups: new Set(d.countryGroups),
    columns: new Set(d.chartColumns),
    embargoes: d.embargoes,
    noGroups: d.countryGroups.length === 0,
  };
}

const has = (list: readonly string[] | undefined, place: Place) => !!list && (list.includes(place.code) || list.includes(place.country));
const inAny = (groups: readonly string[] | undefined, place: Place) => !!groups && groups.some((g) => place.groups.has(g));

/**
 * Does the destination meet the spec? (in + inGroups, or everywhere) minus (notIn + notInGroups),
 * plus alsoIn; `only` and `notMarked` narrow it. MAYBE when it turns on Country Groups and the
 * reference data gives the destination none.
 */
export function placeMatches(spec: DestinationSpec | undefined, place: Place, extraNotIn?: readonly string[]): Tri {
  if (!spec && !extraNotIn) return YES;
  const s = spec ?? {};
  if (has(s.alsoIn, place)) return YES;
  if (s.only && !has(s.only, place)) return NO;
  if (s.notMarked?.some((c) => place.columns.has(c))) return NO;
  if (has(s.notIn, place) || has(extraNotIn, place)) return NO;
  const groupTest = !!(s.inGroups || s.notInGroups);
  if (groupTest && place.noGroups) return has(s.in, place) ? YES : MAYBE;
  if (inAny(s.notInGroups, place)) return NO;
  if (!s.in && !s.inGroups) return YES;
  return has(s.in, place) || inAny(s.inGroups, place) ? YES : NO;
}

const families = new Map<string, string>();

/** "NS2" -> "NS", "CC1" -> "CC", "EI" -> "EI". */
export function reasonFamily(code: string): string {
  let f = families.get(code);
  if (f === undefined) {
    f = code.trim().toUpperCase().replace(/[0-9]+$/, '');
    if (families.size < 1000) families.set(code, f);
  }
  return f;
}

/** "$5,000", "$1,234.5": US dollars with thousands separators (toLocaleString is slow in a batch). */
export function usd(n: number): string {
  // the same few amounts (the lines' limits, the values asked about) are written again and again
  let text = amounts.get(n);
  if (text === undefined) {
    const [whole, cents] = (Math.round(n * 100) / 100).toString().split('.');
    text = `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents ? `.${cents}` : ''}`;
    if (amounts.size >= 4096) amounts.clear();
    amounts.set(n, text);
  }
  return text;
}
const amounts = new Map<number, string>();

/** Conditions that must all hold: NO as soon as one does not, MAYBE (with its facts) when one may. */
export class Conjunction {
  tri: Tri = YES;
  readonly facts: string[] = [];
  /** Words for the conditions that hold: "the item is 2A983". */
  readonly why: string[] = [];

  /** Adds a condition; false once the conjunction cannot hold. */
  and(t: Tri, fact?: string, because?: string): boolean {
    if (t === NO) this.tri = NO;
    else if (t === MAYBE) {
      if (this.tri === YES) this.tri = MAYBE;
      if (fact && !this.facts.includes(fact)) this.facts.push(fact);
    } else if (because) this.why.push(because);
    return this.tri !== NO;
  }
}
