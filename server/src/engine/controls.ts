// What the `reason` item selector asks: is the item controlled for a Country Chart column (NS1)
// or a reason (NS)? Read from the entry's licence requirement rows (catalog `controls`) and the
// item's paragraph: a row that covers the item's paragraph applies in full; a row that covers
// only some paragraphs of an item named by its heading applies in part (the engine answers the
// most restrictive case and names the paragraphs); a row whose text narrows it in words the
// engine cannot test applies on that condition. See docs/rule-format.md.
import type { Catalog, Eccn, EccnControl } from '../catalog/types';
import { Relation, relation, restoreCase } from './paragraphs';
import { normalizeEccn } from './patterns';

/** How one control (a column or a reason) bears on one item. */
export interface ControlScope {
  /** Applies to the whole item, unconditionally. */
  readonly full: boolean;
  /** When not full: the item's paragraphs it covers (the item is broader), as written. */
  readonly paragraphs: readonly string[];
  /** Paragraphs of the item it leaves out (the item is broader). */
  readonly except: readonly string[];
  /** Rows that apply only on conditions in words ("except ... civil telecommunications"). */
  readonly conditions: readonly string[];
}

export type ItemControls = ReadonlyMap<string, ControlScope>;

function reasonOfColumn(column: string, catalog: Catalog): string {
  return (catalog.chartColumn(column)?.reason ?? column.replace(/\d+$/, '')).toUpperCase();
}

interface Scope {
  full: boolean;
  paragraphs: Set<string>;
  except: Set<string>;
  conditions: Set<string>;
}

/** How one row covers the item, or undefined when it does not. */
function rowScope(row: EccnControl, item: string): Scope | undefined {
  const s: Scope = { full: true, paragraphs: new Set(), except: new Set(), conditions: new Set() };
  if (row.paragraphs) {
    let inside = false;
    for (const p of row.paragraphs) {
      const r = relation(item, normalizeEccn(p));
      if (r === Relation.Inside) inside = true;
      else if (r === Relation.Contains) s.paragraphs.add(p);
    }
    if (!inside && s.paragraphs.size === 0) return undefined;
    if (!inside) s.full = false;
    else s.paragraphs.clear();
  }
  for (const e of row.except ?? []) {
    const r = relation(item, normalizeEccn(e));
    if (r === Relation.Inside) return undefined; // the item is (in) a paragraph the row leaves out
    if (r === Relation.Contains) {
      s.full = false;
      s.except.add(e);
    }
  }
  if (row.conditional) {
    s.full = false;
    s.conditions.add(row.text);
  }
  return s;
}

function merge(into: Map<string, Scope>, key: string, s: Scope): void {
  const old = into.get(key);
  if (!old) {
    into.set(key, { full: s.full, paragraphs: new Set(s.paragraphs), except: new Set(s.except), conditions: new Set(s.conditions) });
    return;
  }
  if (old.full) return;
  if (s.full) {
    into.set(key, { full: true, paragraphs: new Set(), except: new Set(), conditions: new Set() });
    return;
  }
  for (const p of s.paragraphs) old.paragraphs.add(p);
  for (const p of s.except) old.except.add(p);
  for (const c of s.conditions) old.conditions.add(c);
}

const cache = new WeakMap<Eccn, Map<string, ItemControls>>();

/**
 * The controls of an item (an entry, or one of its paragraphs), keyed by column (NS1) and
 * reason (NS), upper case. `code` is the item's ECCN as resolved (normalized or not).
 */
export function itemControls(entry: Eccn, code: string, catalog: Catalog): ItemControls {
  const item = normalizeEccn(code);
  let perEntry = cache.get(entry);
  if (!perEntry) cache.set(entry, (perEntry = new Map()));
  const hit = perEntry.get(item);
  if (hit) return hit;
  const scopes = new Map<string, Scope>();
  for (const row of entry.controls) {
    const s = rowScope(row, item);
    if (!s) continue;
    for (const c of row.columns) {
      merge(scopes, c.toUpperCase(), s);
      merge(scopes, reasonOfColumn(c, catalog), s);
    }
    if (row.reason) merge(scopes, row.reason.toUpperCase(), s); // "" for the rows of no reason code (Russian industry sector sanctions)
  }
  const out = new Map<string, ControlScope>();
  for (const [k, s] of scopes) {
    out.set(
      k,
      Object.freeze({
        full: s.full,
        paragraphs: Object.freeze([...s.paragraphs].map(restoreCase)),
        except: Object.freeze([...s.except].map(restoreCase)),
        conditions: Object.freeze([...s.conditions]),
      }),
    );
  }
  if (perEntry.size < 1000) perEntry.set(item, out);
  return out;
}
