// Every CSV the product writes, one writer: the decision matrix (`export-rules matrix --format
// csv` and the matrix view's Copy/Export CSV) and the changes (`export-rules diff --format
// csv`). csv-stringify quotes; a cell a spreadsheet would run as a formula is defused first.
import { stringify } from 'csv-stringify/sync';
import { dataAsOfText } from '../model/dates';
import type { DecisionChange, DecisionMatrix } from './matrix';

/**
 * A text a spreadsheet would take for a formula (it starts with = + - @, a tab or a carriage
 * return: "CSV injection") gets a leading apostrophe, so it shows as the text it is. A product
 * named `=HYPERLINK("http://x","a")` stays a name.
 */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Rows to CSV text: quoted where needed, formulas defused, one `\n` after each record. */
function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], { cast: { string: defuseFormula }, record_delimiter: 'unix' });
}

/**
 * The matrix: `item,label,<destination codes...>`, one row per item. For a file a person opens
 * (the view's export), `notice` adds after a blank line the data date and the notice.
 */
export function matrixCsv(m: DecisionMatrix, opts: { notice?: boolean } = {}): string {
  const head = ['item', 'label', ...m.destinations.map((d) => d.code)];
  const rows = m.items.map((it, i) => [it.key, it.label, ...m.destinations.map((_, j) => m.cells[i]?.[j]?.decision ?? '')]);
  const table = toCsv([head, ...rows]);
  return opts.notice ? `${table}\n${toCsv([[`Reference data: ${dataAsOfText(m.dataAsOf)}. ${m.notice}`]])}` : table;
}

/** What changed: one row per item and destination whose decision changed. */
export function changesCsv(changes: readonly DecisionChange[]): string {
  const head = ['item', 'destination', 'before', 'after', 'stricter', 'rules_before', 'rules_after', 'exceptions_before', 'exceptions_after'];
  const rows = changes.map((c) => [
    c.item,
    c.destination,
    c.before.decision,
    c.after.decision,
    String(c.stricter),
    c.before.rules.join(' '),
    c.after.rules.join(' '),
    (c.before.exceptions ?? []).join(' '),
    (c.after.exceptions ?? []).join(' '),
  ]);
  return toCsv([head, ...rows]);
}
