// Impact analysis: the decision matrix (items x destinations) and what changed between two
// sets of rules. Pure: engines in, plain rows out; the CLI and the editor render them.
import type { Catalog, Destination } from '../catalog/types';
import type { Engine } from '../engine/engine';
import { DECISION_RANK, type Decision, type ItemInput, type Product } from '../model/types';

export interface MatrixItem {
  key: string; // "FMC-200" or "ECCN 3A001"
  label: string;
  item: ItemInput;
}

export interface MatrixCell {
  decision: Decision;
  /** The deciding rules, as ruleset/rule. */
  rules: string[];
  /** The decision is the most restrictive the item can get: the deciding rules apply in part. */
  conditional?: true;
  /** License required, but these licence exceptions are available (those the data decides: LVS, GBS, TSR, SPP). */
  exceptions?: string[];
  /** De minimis took the item outside the EAR (a product with usContent). */
  subjectToEar?: false;
  /** The check could not be made (an item one version of the rules cannot resolve): shown, and
   *  counted as license-required, never as no licence. */
  error?: string;
}

export interface DecisionMatrix {
  date: string;
  items: MatrixItem[];
  destinations: { code: string; name: string; group: string }[];
  /** cells[i][d]: item i to destination d. */
  cells: MatrixCell[][];
  dataAsOf: string;
  notice: string;
}

/** The workspace's products; with none, one representative item per CCL category plus EAR99. */
export function matrixItems(products: readonly Product[], catalog: Catalog, eccns?: string[]): MatrixItem[] {
  if (eccns?.length) return eccns.map((e) => ({ key: e, label: `${e} ${catalog.eccn(e)?.title ?? ''}`.trim(), item: { eccn: e } }));
  if (products.length) {
    const seen = new Set<string>();
    return products
      .filter((p) => !seen.has(p.sku) && seen.add(p.sku))
      .map((p) => ({ key: p.sku, label: [p.sku, p.name].filter(Boolean).join(' — '), item: { product: p.sku } }));
  }
  // without products: the first ECCN of each category, to show the shape of the rules
  return catalog.data.categories
    .map((c) => catalog.data.eccns.find((e) => e.category === c.code))
    .filter((e): e is NonNullable<typeof e> => !!e)
    .concat(catalog.eccn('EAR99') ? [catalog.eccn('EAR99')!] : [])
    .map((e) => ({ key: e.code, label: `${e.code} ${e.title}`, item: { eccn: e.code } }));
}

/** Destinations with a Country Chart row, the places it treats as another, and regions. */
export function matrixDestinations(catalog: Catalog): { code: string; name: string; group: string }[] {
  // The chart's rows, Hong Kong, and the regions the regulation treats apart from their country
  // (746.6); not the territories that take their parent's row, nor what is not an export.
  const byCode = new Map(catalog.data.destinations.map((d) => [d.code, d]));
  const apart = (d: Destination): boolean => d.embargoes.join() !== (byCode.get(d.parent ?? '')?.embargoes.join() ?? '');
  return catalog.data.destinations
    .filter((d) => !d.notAnExport && !d.unanswerable && !d.territoryOf)
    .filter((d) => d.onChart || d.seeInstead || (d.parent !== undefined && apart(d)))
    .map((d) => ({ code: d.code, name: d.name, group: groupOf(d.countryGroups, d.parent) }))
    .sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
}

/** The most telling group for display: E before D before A before B. */
function groupOf(groups: string[], parent?: string): string {
  if (parent) return `Regions of ${parent}`;
  for (const prefix of ['E:', 'D:', 'A:', 'B']) {
    const g = groups.find((x) => x.startsWith(prefix));
    if (g) return prefix === 'B' ? 'B' : prefix.replace(':', '');
  }
  return 'none';
}

export function decisionMatrix(engine: Engine, items: MatrixItem[], destinations: DecisionMatrix['destinations'], date: string, catalog: Catalog): DecisionMatrix {
  const cells = items.map((it) =>
    destinations.map((d): MatrixCell => {
      try {
        // "is an exception available?" is the matrix's question: the exceptions the data decides answer it
        const r = engine.brief({ item: it.item, destination: d.code, date, exceptions: 'decidable' });
        const cell: MatrixCell = { decision: r.decision, rules: r.rules };
        if (r.conditional) cell.conditional = true;
        if (r.exceptions.length) cell.exceptions = r.exceptions;
        if (r.subjectToEar === false) cell.subjectToEar = false;
        return cell;
      } catch (e) {
        // an item this version of the rules cannot resolve (a product it does not define, a
        // paragraph it rejects): never a silent "no licence"
        return { decision: 'license-required', rules: [], error: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
  return { date, items, destinations, cells, dataAsOf: catalog.data.dataAsOf, notice: catalog.data.notice };
}

export interface DecisionChange {
  item: string;
  itemLabel: string;
  /** What to check again for this row. */
  itemInput: ItemInput;
  destination: string;
  destinationName: string;
  before: MatrixCell;
  after: MatrixCell;
  /** More restrictive after than before (or the same decision, now without conditions, or without an exception it had). */
  stricter: boolean;
}

/** Every item and destination whose decision differs between two matrices of the same shape. */
export function diffMatrices(before: DecisionMatrix, after: DecisionMatrix): DecisionChange[] {
  const out: DecisionChange[] = [];
  after.items.forEach((it, i) => {
    after.destinations.forEach((d, j) => {
      const b = before.cells[i][j];
      const a = after.cells[i][j];
      // a decision that became (or stopped being) conditional, or could not be made, changed too;
      // so did the licence exceptions available, and whether the item is subject to the EAR
      if (a.decision !== b.decision || a.conditional !== b.conditional || a.error !== b.error || exceptionsKey(a) !== exceptionsKey(b) || a.subjectToEar !== b.subjectToEar)
        out.push({
          item: it.key,
          itemLabel: it.label,
          itemInput: it.item,
          destination: d.code,
          destinationName: d.name,
          before: b,
          after: a,
          // stricter: a more restrictive decision, or the same one now holding without conditions
          stricter:
            DECISION_RANK[a.decision] > DECISION_RANK[b.decision] ||
            (a.decision === b.decision && b.conditional === true && a.conditional === undefined && a.error === undefined) ||
            (a.decision === b.decision && (b.exceptions ?? []).some((x) => !(a.exceptions ?? []).includes(x))) ||
            (a.decision === b.decision && b.subjectToEar === false && a.subjectToEar === undefined),
        });
    });
  });
  return out;
}

const exceptionsKey = (c: MatrixCell): string => (c.exceptions ?? []).join(',');

/** A cell in words: "license-required (LVS available)", "no-license-required (not subject to the EAR)". */
function cellText(m: MatrixCell): string {
  const notes = [
    m.conditional && 'conditional',
    m.exceptions?.length && `${m.exceptions.join(', ')} available`,
    m.subjectToEar === false && 'not subject to the EAR',
    m.error && `could not check: ${m.error}`,
  ].filter(Boolean);
  return `${m.decision}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

export function changesText(changes: DecisionChange[]): string {
  if (changes.length === 0) return 'No decision changed.\n';
  const lines = changes.map(
    (c) =>
      `${c.stricter ? 'STRICTER' : c.before.decision === c.after.decision ? 'changed ' : 'relaxed '} ${c.item} -> ${c.destination} (${c.destinationName}): ${cellText(c.before)} -> ${cellText(c.after)}` +
      `  [${c.after.rules.join(', ') || 'no rule'}${c.before.rules.length ? `; was ${c.before.rules.join(', ')}` : ''}]`,
  );
  const stricter = changes.filter((c) => c.stricter).length;
  return `${lines.join('\n')}\n${changes.length} decision(s) changed: ${stricter} stricter, ${changes.length - stricter} relaxed.\n`;
}
