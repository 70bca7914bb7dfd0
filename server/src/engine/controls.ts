// What the `reason` item selector asks: is the ECCN controlled, for the entry as a whole, for
// a Country Chart column (NS1) or a reason (NS)? Controls that apply only to some paragraphs
// (UN for 9A991.a, RS for 5A992.z) are shown in hover, not applied (docs/rule-format.md).
//
// The catalog has entire-entry columns; entire-entry reasons are derived: a reason is
// entire-entry when one of its columns is, when a control line says "<R> applies to (the)
// entire entry", or when no control line names it (no paragraph restriction recorded).
import type { Catalog, Eccn } from '../catalog/types';

const cache = new WeakMap<Eccn, ReadonlySet<string>>();

function reasonOfColumn(column: string, catalog: Catalog): string {
  return (catalog.chartColumn(column)?.reason ?? column.replace(/\d+$/, '')).toUpperCase();
}

/** Entire-entry columns and reasons of an ECCN, upper case. */
export function entireEntryControls(entry: Eccn, catalog: Catalog): ReadonlySet<string> {
  const hit = cache.get(entry);
  if (hit) return hit;
  const out = new Set<string>();
  for (const c of entry.entireEntryColumns) {
    out.add(c.toUpperCase());
    out.add(reasonOfColumn(c, catalog));
  }
  for (const r of entry.reasons) {
    const reason = r.toUpperCase();
    const lines = entry.partialControls.filter((l) => new RegExp(`^${reason}\\s+appl(?:y|ies)\\b`, 'i').test(l));
    const whole = lines.some((l) => /^\w+\s+appl(?:y|ies)\s+to\s+(?:the\s+)?entire\s+entry/i.test(l));
    if (lines.length === 0 || whole) out.add(reason);
  }
  cache.set(entry, out);
  return out;
}
