// Item selectors, compiled once per rule, matched against the facts of one resolved item.
// A selector matches when every key present matches; a list matches when any value does.
import type { ItemSelector, Origin } from '../model/types';
import {
  type EccnPattern,
  eccnLookupKeys,
  eccnMatches,
  eccnPatternKey,
  hsDigits,
  hsLookupKeys,
  normalizeSku,
  parseEccnPattern,
} from './patterns';

/** What selectors ask about an item, normalized once per check. */
export interface ItemFacts {
  eccn: string; // upper case; "EAR99" when the item has none
  ear99: boolean;
  category?: string; // "3" (not for EAR99)
  productGroup?: string; // "A"
  /** Entire-entry Country Chart columns (NS1) and reasons (NS) of the base ECCN (controls.ts). */
  controls: ReadonlySet<string>;
  hs?: string; // digits only
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
  if (s.hs) c.hs = s.hs.map(hsDigits);
  if (s.product) c.product = s.product.map(normalizeSku);
  if (s.origin) c.origin = s.origin;
  if (s.directProductOf) c.directProductOf = s.directProductOf.map(parseEccnPattern);
  return c;
}

export function itemSelectorMatches(s: CompiledItemSelector, f: ItemFacts): boolean {
  if (s.product && (f.product === undefined || !s.product.includes(f.product))) return false;
  if (s.eccn && !s.eccn.some((p) => eccnMatches(p, f.eccn))) return false;
  if (s.hs) {
    const hs = f.hs;
    if (hs === undefined || !s.hs.some((p) => hs.startsWith(p))) return false;
  }
  if (s.directProductOf) {
    const patterns = s.directProductOf;
    if (!f.directProductOf.some((e) => patterns.some((p) => eccnMatches(p, e)))) return false;
  }
  if (s.category && (f.category === undefined || !s.category.includes(f.category))) return false;
  if (s.productGroup && (f.productGroup === undefined || !s.productGroup.includes(f.productGroup))) return false;
  if (s.reason && !s.reason.some((r) => f.controls.has(r))) return false;
  // ccl: false reads as "is EAR99", ear99: false as "is on the CCL".
  if (s.ccl !== undefined && s.ccl === f.ear99) return false;
  if (s.ear99 !== undefined && s.ear99 !== f.ear99) return false;
  if (s.origin !== undefined && s.origin !== f.origin) return false;
  return true;
}

const ANY_ITEM = '*';

/**
 * The index keys of a selector: those of its most selective key (a selector can only match
 * an item that looks up one of them). A key with an empty list matches nothing: no keys.
 */
export function selectorIndexKeys(s: CompiledItemSelector): string[] {
  if (s.product) return s.product.map((p) => `s:${p}`);
  if (s.eccn) return s.eccn.map((p) => eccnPatternKey('', p));
  if (s.hs) return s.hs.map((p) => `h:${p}`);
  if (s.directProductOf) return s.directProductOf.map((p) => eccnPatternKey('d', p));
  if (s.category) return s.category.map((c) => `c:${c}`);
  if (s.productGroup) return s.productGroup.map((g) => `g:${g}`);
  if (s.reason) return s.reason.map((r) => `r:${r}`);
  if (s.ccl !== undefined) return [s.ccl ? 'ccl' : 'ear99'];
  if (s.ear99 !== undefined) return [s.ear99 ? 'ear99' : 'ccl'];
  if (s.origin) return [`o:${s.origin}`];
  return [ANY_ITEM];
}

/** Every key an item looks up; each selector that can match it is filed under one of them. */
export function itemLookupKeys(f: ItemFacts): string[] {
  const keys: string[] = [ANY_ITEM, `o:${f.origin}`, f.ear99 ? 'ear99' : 'ccl'];
  if (f.product !== undefined) keys.push(`s:${f.product}`);
  eccnLookupKeys('', f.eccn, keys);
  if (f.hs !== undefined) hsLookupKeys(f.hs, keys);
  for (const e of f.directProductOf) eccnLookupKeys('d', e, keys);
  if (f.category !== undefined) keys.push(`c:${f.category}`);
  if (f.productGroup !== undefined) keys.push(`g:${f.productGroup}`);
  for (const r of f.controls) keys.push(`r:${r}`);
  return keys;
}
