// Item selectors, compiled once per rule, matched against the facts of one resolved item.
// A selector matches when every key present matches; a list matches when any value does.
//
// A match has three grades. Full: the selector holds for the item. None: it does not. Partial:
// it holds for part of what the item stands for, or depends on a fact the check was not given
// (an item named by its heading against a rule for one paragraph, an item without an HS code
// against a rule for HS codes, a unit value not given against a value floor). A partial match
// counts as applying, so the answer is the most restrictive one the item could get; the trace
// says what it depends on (`matchConditions`), and naming the paragraph or giving the fact
// narrows it.
import type { ItemSelector, Origin } from '../model/types';
import type { ItemControls } from './controls';
import { Relation, relation } from './paragraphs';
import {
  type EccnPattern,
  eccnLookupKeys,
  eccnPatternKey,
  hsDigits,
  hsLookupKeys,
  normalizeCas,
  normalizeSku,
  parseEccnPattern,
} from './patterns';
import type { MatchCondition } from './types';

export const enum Match {
  None = 0,
  Partial = 1,
  Full = 2,
}

/** What selectors ask about an item, normalized once per check. */
export interface ItemFacts {
  eccn: string; // upper case, with its paragraph; "EAR99" when the item has none
  ear99: boolean;
  category?: string; // "3" (not for EAR99)
  productGroup?: string; // "A"
  /** Columns (NS1) and reasons (NS) of the entry, scoped to the item's paragraph (controls.ts). */
  controls: ItemControls;
  hs?: string; // digits only
  cas?: string; // normalized CAS registry number
  unitValue?: number; // USD per unit
  product?: string; // normalized sku
  origin: Origin;
  directProductOf: string[]; // normalized ECCNs
}

export interface CompiledItemSelector {
  eccn?: EccnPattern[];
  category?: string[];
  productGroup?: string[];
  reason?: string[];
  ccl?: boolean;
  ear99?: boolean;
  hs?: string[];
  /** Every proper prefix of the hs codes, for items given with a shorter code (8517 vs 851713). */
  hsPrefixes?: ReadonlySet<string>;
  hsSet?: ReadonlySet<string>;
  cas?: ReadonlySet<string>;
  minUnitValue?: number;
  product?: string[];
  origin?: Origin;
  directProductOf?: EccnPattern[];
}

const upper = (values: string[]): string[] => values.map((v) => v.trim().toUpperCase());

export function compileItemSelector(s: ItemSelector): CompiledItemSelector {
  const c: CompiledItemSelector = {};
  if (s.eccn) c.eccn = s.eccn.map(parseEccnPattern);
  if (s.category) c.category = upper(s.category);
  if (s.productGroup) c.productGroup = upper(s.productGroup);
  if (s.reason) c.reason = upper(s.reason);
  if (s.ccl !== undefined) c.ccl = s.ccl;
  if (s.ear99 !== undefined) c.ear99 = s.ear99;
  if (s.hs) {
    c.hs = s.hs.map(hsDigits);
    c.hsSet = new Set(c.hs);
    const prefixes = new Set<string>();
    for (const h of c.hs) for (let i = 1; i < h.length; i++) prefixes.add(h.slice(0, i));
    c.hsPrefixes = prefixes;
  }
  if (s.cas) c.cas = new Set(s.cas.map(normalizeCas));
  if (s.minUnitValue !== undefined) c.minUnitValue = s.minUnitValue;
  if (s.product) c.product = s.product.map(normalizeSku);
  if (s.origin) c.origin = s.origin;
  if (s.directProductOf) c.directProductOf = s.directProductOf.map(parseEccnPattern);
  return c;
}

/** How an item's ECCN meets one pattern. */
function eccnGrade(p: EccnPattern, eccn: string): Match {
  if (p.prefix) {
    if (eccn.startsWith(p.text)) return Match.Full;
    // 3A001 against "3A001.B*": some paragraphs of the item fall under the prefix
    return p.text.startsWith(eccn) && p.text.charCodeAt(eccn.length) === 46 ? Match.Partial : Match.None;
  }
  const r = relation(eccn, p.text);
  return r === Relation.Inside ? Match.Full : r === Relation.Contains ? Match.Partial : Match.None;
}

function bestOf<T>(values: readonly T[], grade: (v: T) => Match): Match {
  let best = Match.None;
  for (const v of values) {
    const g = grade(v);
    if (g === Match.Full) return g;
    if (g > best) best = g;
  }
  return best;
}

function hsGrade(s: CompiledItemSelector, hs: string | undefined): Match {
  if (hs === undefined) return s.hs!.length > 0 ? Match.Partial : Match.None;
  const set = s.hsSet!;
  for (let i = 1; i <= hs.length; i++) if (set.has(hs.slice(0, i))) return Match.Full;
  return s.hsPrefixes!.has(hs) ? Match.Partial : Match.None;
}

/** The grade of one selector: the lowest grade of its keys. (Hot: plain comparisons.) */
export function itemSelectorGrade(s: CompiledItemSelector, f: ItemFacts): Match {
  let grade = Match.Full;
  if (s.product && (f.product === undefined || !s.product.includes(f.product))) return Match.None;
  if (s.eccn) {
    const g = bestOf(s.eccn, (p) => eccnGrade(p, f.eccn));
    if (g === Match.None) return g;
    if (g < grade) grade = g;
  }
  if (s.hs) {
    const g = hsGrade(s, f.hs);
    if (g === Match.None) return g;
    if (g < grade) grade = g;
  }
  if (s.cas) {
    if (f.cas === undefined) grade = Match.Partial;
    else if (!s.cas.has(f.cas)) return Match.None;
  }
  if (s.minUnitValue !== undefined) {
    if (f.unitValue === undefined) grade = Match.Partial;
    else if (f.unitValue < s.minUnitValue) return Match.None;
  }
  if (s.directProductOf) {
    const patterns = s.directProductOf;
    const g = bestOf(f.directProductOf, (e) => bestOf(patterns, (p) => eccnGrade(p, e)));
    if (g === Match.None) return g;
    if (g < grade) grade = g;
  }
  if (s.category && (f.category === undefined || !s.category.includes(f.category))) return Match.None;
  if (s.productGroup && (f.productGroup === undefined || !s.productGroup.includes(f.productGroup))) return Match.None;
  if (s.reason) {
    const g = bestOf(s.reason, (r) => {
      const c = f.controls.get(r);
      return c === undefined ? Match.None : c.full ? Match.Full : Match.Partial;
    });
    if (g === Match.None) return g;
    if (g < grade) grade = g;
  }
  // ccl: false reads as "is EAR99", ear99: false as "is on the CCL".
  if (s.ccl !== undefined && s.ccl === f.ear99) return Match.None;
  if (s.ear99 !== undefined && s.ear99 !== f.ear99) return Match.None;
  if (s.origin !== undefined && s.origin !== f.origin) return Match.None;
  return grade;
}

/** The best grade over a list of selectors (any may match). */
export function selectorsGrade(selectors: readonly CompiledItemSelector[], f: ItemFacts): Match {
  let best = Match.None;
  for (const s of selectors) {
    const g = itemSelectorGrade(s, f);
    if (g === Match.Full) return g;
    if (g > best) best = g;
  }
  return best;
}

/** Kept for callers that only ask yes or no: a partial match counts (the conservative reading). */
export function itemSelectorMatches(s: CompiledItemSelector, f: ItemFacts): boolean {
  return itemSelectorGrade(s, f) !== Match.None;
}

const money = (n: number): string => `$${n.toLocaleString('en-US')}`;

/**
 * What a partial match of one selector depends on, in plain words. Only called for the rules
 * that matched in part (rare), so it may take its time.
 */
export function selectorConditions(s: CompiledItemSelector, f: ItemFacts, itemCode: string): MatchCondition[] {
  const out: MatchCondition[] = [];
  if (s.eccn && bestOf(s.eccn, (p) => eccnGrade(p, f.eccn)) === Match.Partial) {
    const inside = s.eccn.filter((p) => eccnGrade(p, f.eccn) === Match.Partial).map((p) => (p.prefix ? `${p.text}*` : p.text));
    out.push({ kind: 'paragraph', text: `applies to ${listed(inside)} of ${itemCode} only`, paragraphs: inside.map(displayCode) });
  }
  if (s.hs && hsGrade(s, f.hs) === Match.Partial) {
    const codes = f.hs === undefined ? s.hs : s.hs.filter((h) => h.startsWith(f.hs!));
    // the first few, written with a dot, and how many in all
    const shown = [...codes.slice(0, 6).map(dottedHs), ...(codes.length > 6 ? new Array<string>(codes.length - 6).fill('') : [])];
    out.push({
      kind: 'hs',
      text:
        f.hs === undefined
          ? `applies if the item's HS code starts with ${listed(shown)} (no HS code given)`
          : `applies to HS ${listed(shown)} within ${dottedHs(f.hs)} only`,
    });
  }
  if (s.cas && f.cas === undefined) out.push({ kind: 'cas', text: `applies if the item is CAS ${listed([...s.cas])} (no CAS number given)` });
  if (s.minUnitValue !== undefined && f.unitValue === undefined) {
    out.push({ kind: 'unit-value', text: `applies if the item's unit value is ${money(s.minUnitValue)} or more (no unit value given)` });
  }
  if (s.reason) {
    for (const r of s.reason) {
      const c = f.controls.get(r);
      if (!c || c.full) continue;
      const where = c.paragraphs.length ? ` to ${listed(c.paragraphs)} of ${itemCode} only` : c.except.length ? ` to ${itemCode} except ${listed(c.except)}` : ` to ${itemCode}`;
      const said = c.conditions.length ? `, as the entry says: "${c.conditions.join('"; "')}"` : '';
      const condition: MatchCondition = { kind: c.paragraphs.length || c.except.length ? 'paragraph' : 'control', text: `${r} applies${where}${said}` };
      if (c.paragraphs.length) condition.paragraphs = [...c.paragraphs];
      out.push(condition);
    }
  }
  if (s.directProductOf) {
    const g = bestOf(f.directProductOf, (e) => bestOf(s.directProductOf!, (p) => eccnGrade(p, e)));
    if (g === Match.Partial) {
      out.push({ kind: 'paragraph', text: `applies if the item is a direct product of ${listed(s.directProductOf.map((p) => displayCode(p.text)))}` });
    }
  }
  return out;
}

/** "3A001.B.2" -> "3A001.b.2" */
function displayCode(code: string): string {
  const dot = code.indexOf('.');
  return dot < 0 ? code : code.slice(0, dot) + code.slice(dot).toLowerCase();
}

function dottedHs(digits: string): string {
  return digits.length > 4 ? `${digits.slice(0, 4)}.${digits.slice(4)}` : digits;
}

/** "a", "a or b", "a, b or c", and "a, b, c ... (12 in all)" for long lists. */
function listed(values: readonly string[]): string {
  const shown = values.slice(0, 6).map(displayCode); // (callers map before: keep their lists short)
  const more = values.length > 6 ? ` ... (${values.length} in all)` : '';
  if (shown.length <= 1) return shown.join('') + more;
  return `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}${more}`;
}

export const ANY_ITEM = '*';
/** Where selectors on a fact the item may lack are also filed: an item without it looks here. */
export const NO_HS = 'h?';
export const NO_CAS = 'c?';

/**
 * The index keys of a selector: those of its most selective key (a selector can only match
 * an item that looks up one of them). A key with an empty list matches nothing: no keys.
 */
export function selectorIndexKeys(s: CompiledItemSelector): string[] {
  if (s.product) return s.product.map((p) => `s:${p}`);
  if (s.eccn) return s.eccn.map((p) => eccnPatternKey('', p));
  if (s.hs) return s.hs.length ? [...s.hs.map((p) => `h:${p}`), NO_HS, ...shorterHsKeys(s.hs)] : [];
  if (s.cas) return s.cas.size ? [...[...s.cas].map((c) => `cas:${c}`), NO_CAS] : [];
  if (s.directProductOf) return s.directProductOf.map((p) => eccnPatternKey('d', p));
  if (s.category) return s.category.map((c) => `c:${c}`);
  if (s.productGroup) return s.productGroup.map((g) => `g:${g}`);
  if (s.reason) return s.reason.map((r) => `r:${r}`);
  if (s.ccl !== undefined) return [s.ccl ? 'ccl' : 'ear99'];
  if (s.ear99 !== undefined) return [s.ear99 ? 'ear99' : 'ccl'];
  if (s.origin) return [`o:${s.origin}`];
  return [ANY_ITEM];
}

/**
 * Where hs codes are also filed for items given a shorter code: under their 2, 4, 6 and 8 digit
 * beginnings (the lengths tariff codes are written in), so 8517 finds 8517.13.
 */
function shorterHsKeys(codes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const c of codes) for (let k = 2; k < c.length && k <= 8; k += 2) out.add(`h<${c.slice(0, k)}`);
  return [...out];
}

/** Every key an item looks up; each selector that can match it is filed under one of them. */
export function itemLookupKeys(f: ItemFacts): string[] {
  const keys: string[] = [ANY_ITEM, `o:${f.origin}`, f.ear99 ? 'ear99' : 'ccl'];
  if (f.product !== undefined) keys.push(`s:${f.product}`);
  eccnLookupKeys('', f.eccn, keys);
  // a heading (or paragraph) also finds the rules for its paragraphs below it
  keys.push(`e>${f.eccn}`);
  if (f.hs !== undefined) {
    hsLookupKeys(f.hs, keys);
    // a short code (8517) finds the longer codes under it (shorterHsKeys)
    if (f.hs.length >= 2 && f.hs.length < 10) keys.push(`h<${f.hs.slice(0, f.hs.length - (f.hs.length % 2))}`);
  } else keys.push(NO_HS);
  if (f.cas !== undefined) keys.push(`cas:${f.cas}`);
  else keys.push(NO_CAS);
  for (const e of f.directProductOf) {
    eccnLookupKeys('d', e, keys);
    keys.push(`d>${e}`);
  }
  if (f.category !== undefined) keys.push(`c:${f.category}`);
  if (f.productGroup !== undefined) keys.push(`g:${f.productGroup}`);
  for (const r of f.controls.keys()) keys.push(`r:${r}`);
  return keys;
}

/**
 * The keys under which a selector's paragraph patterns are also filed, for items named by an
 * ancestor: "3A001.B.2" under e>3A001 and e>3A001.B, so that 3A001 and 3A001.b find it.
 */
export function ancestorKeys(s: CompiledItemSelector): string[] {
  const out: string[] = [];
  const add = (ns: string, patterns: EccnPattern[] | undefined): void => {
    for (const p of patterns ?? []) {
      const parts = p.text.split('.');
      for (let i = 1; i < parts.length; i++) out.push(`${ns}>${parts.slice(0, i).join('.')}`);
    }
  };
  if (s.eccn) add('e', s.eccn);
  else if (!s.product && !s.hs && !s.cas && s.directProductOf) add('d', s.directProductOf);
  return out;
}
