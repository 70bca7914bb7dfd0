// One query read once: the item (ECCN, paragraph, entry), the destination, why a licence is
// required, the parties and the value. Every rule of the evaluation reads this, not the query.
import { whyNotADate } from '../model/dates';
import type { EccnExceptionEntry } from './data';
import { reasonFamily, type ItemRef, type Place, type Tri } from './match';
import { ShipmentInputError, type ExceptionQuery, type LicenceRequirement, type ShipmentFacts } from './types';

// Tri values as module constants: a cross-module constant is a getter call under the test loader.
const NO: Tri = 0;
const MAYBE: Tri = 1;
const YES: Tri = 2;

export interface Requirements {
  /** Every reason and column named, as given and as families: NS2 and NS. */
  reasons: ReadonlySet<string>;
  /** Families of the CCL requirements' reasons (kind ccl). */
  cclFamilies: ReadonlySet<string>;
  /** A CCL requirement gave no reasons. */
  cclUnknown: boolean;
  ccl: boolean;
  citations: readonly string[];
  programmes: readonly string[];
  kinds: ReadonlySet<LicenceRequirement['kind']>;
  all: readonly LicenceRequirement[];
}

export interface Context {
  item: ItemRef;
  entry: EccnExceptionEntry;
  ear99: boolean;
  place: Place;
  date: string;
  req: Requirements;
  /** Normalised party lists: entity-list, unverified-list, meu, dpl, sdn, or the list as given. */
  parties: ReadonlySet<string>;
  value: number | undefined;
}

let lastDate = '';

export function checkDate(date: string): string {
  if (date === lastDate) return date; // a batch asks the same date again and again
  const text = String(date); // from the wire the type is not promised
  const why = whyNotADate(text);
  if (why) throw new ShipmentInputError(why, 'date');
  lastDate = text;
  return text;
}

/** A non-negative USD amount, or undefined when not given. Strings of digits are accepted (CLI). */
export function checkAmount(value: unknown, field: 'value' | 'unitValue' | 'usContent.value' | 'usContent.itemValue', label: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new ShipmentInputError(`${label} must be a number of US dollars (got "${String(value)}")`, field);
  if (n < 0) throw new ShipmentInputError(`${label} cannot be negative (got ${n})`, field);
  return n;
}

export function checkCurrency(currency: unknown, field: 'currency' | 'usContent.currency'): void {
  if (currency === undefined || currency === null || currency === '') return;
  if (typeof currency !== 'string' || currency.trim().toUpperCase() !== 'USD') {
    throw new ShipmentInputError(`values must be in US dollars: currency "${String(currency)}" is not supported (give USD)`, field);
  }
}

/** Validates the shipment facts: amounts in USD, not negative. */
export function checkShipment(shipment: ShipmentFacts | undefined): { value?: number; unitValue?: number } {
  const s = shipment ?? {};
  checkCurrency(s.currency, 'currency');
  return { value: checkAmount(s.value, 'value', 'The shipment value'), unitValue: checkAmount(s.unitValue, 'unitValue', 'The unit value') };
}

const lists = new Map<string, string>();

/** The lists a party hit can name, by the words people and the screening list use. */
function partyList(list: string): string {
  let named = lists.get(list);
  if (named === undefined) {
    named = nameList(list);
    if (lists.size < 1000) lists.set(list, named);
  }
  return named;
}

function nameList(list: string): string {
  const l = list.trim().toLowerCase();
  if (/entity|^el$/.test(l)) return 'entity-list';
  if (/unverified|^uvl$/.test(l)) return 'unverified-list';
  if (/military end.?user|^meu/.test(l)) return 'meu';
  if (/denied|^dpl$/.test(l)) return 'dpl';
  if (/specially designated|^sdn$/.test(l)) return 'sdn';
  return l;
}

/** A party requirement's citation names its list: 744.11/744.16 Entity List, 744.15 UVL, 744.21 MEU. */
function listOfCitation(citation: string | undefined): string | undefined {
  if (!citation) return undefined;
  if (/744\.1[16]\b/.test(citation)) return 'entity-list';
  if (/744\.15\b/.test(citation)) return 'unverified-list';
  if (/744\.21\b/.test(citation)) return 'meu';
  return undefined;
}

/** Requirement lists read, by the list (the engine passes the same list for the same rules). */
const readLists = new WeakMap<readonly LicenceRequirement[], Requirements>();

export function readRequirements(list: readonly LicenceRequirement[]): Requirements {
  if (!Array.isArray(list)) throw new ShipmentInputError('requirements must be a list (why a licence is required)', 'requirements');
  // a list already read is read the same (callers do not change a list they have asked about:
  // the evaluator's cache keys on its content once, too)
  let req = readLists.get(list);
  if (!req) readLists.set(list, (req = readList(list)));
  return req;
}

function readList(list: readonly LicenceRequirement[]): Requirements {
  const reasons = new Set<string>();
  const cclFamilies = new Set<string>();
  const citations: string[] = [];
  const programmes: string[] = [];
  const kinds = new Set<LicenceRequirement['kind']>();
  let cclUnknown = false;
  for (const r of list) {
    if (!r || typeof r !== 'object' || !['ccl', 'embargo', 'party', 'internal'].includes(r.kind)) {
      throw new ShipmentInputError(`a requirement needs a kind (ccl, embargo, party or internal)${r && typeof r === 'object' ? `: rule ${String(r.rule)}` : ''}`, 'requirements');
    }
    kinds.add(r.kind);
    for (const code of r.reasons ?? []) {
      const family = reasonFamily(code);
      reasons.add(family.length === code.length ? family : code.trim().toUpperCase());
      reasons.add(family);
      if (r.kind === 'ccl') cclFamilies.add(family);
    }
    if (r.kind === 'ccl' && !(r.reasons ?? []).length) cclUnknown = true;
    if (r.citation) citations.push(r.citation);
    if (r.programme) programmes.push(r.programme);
  }
  return { reasons, cclFamilies, cclUnknown, ccl: kinds.has('ccl'), citations, programmes, kinds, all: list };
}

export function readParties(query: ExceptionQuery, req: Requirements): Set<string> {
  if (query.parties !== undefined && !Array.isArray(query.parties)) throw new ShipmentInputError('parties must be a list of {list, name}', 'parties');
  const out = new Set<string>();
  for (const p of query.parties ?? []) {
    if (!p || typeof p.list !== 'string') throw new ShipmentInputError('each party hit needs the list it is on', 'parties');
    out.add(partyList(p.list));
  }
  for (const r of req.all) {
    if (r.kind !== 'party') continue;
    const list = listOfCitation(r.citation);
    if (list) out.add(list);
  }
  return out;
}

/**
 * Is the item controlled for this reason (MT, NP ...)? YES when a licence is required for it or
 * the entry controls the whole entry for it; NO when the entry does not name it; MAYBE when
 * only some of the entry is (the entry's text says which), so a person must say.
 */
export function controlledFor(ctx: Context, reason: string): { tri: Tri; text?: string } {
  if (ctx.req.reasons.has(reason)) return { tri: YES };
  const e = ctx.entry;
  const named = e.reasons.includes(reason) || e.columns.some((c) => reasonFamily(c) === reason);
  if (!named) return { tri: NO };
  const control = e.controls[reason];
  if (control?.scope === 'entire') return { tri: YES };
  return { tri: MAYBE, text: control?.text };
}
