// The typed view of a parsed rule file. Tolerant: an entry that lacks what the engine needs
// (an id, a decision, selectors) is left out; the schema diagnostics already say why.
import { DECISIONS, type Decision, type DestinationSelector, type ItemInput, type ItemSelector, type Origin, type Product, type Regime, type Rule, type RuleSet, type RuleTest, type UsContent } from './types';
import { hasDateShape } from './dates';
import type { LineIndex } from './lines';
import { getKey, pointerSegment, toData, type YMap, type YNode } from './yamlTree';

const ITEM_LIST_KEYS = ['eccn', 'category', 'productGroup', 'reason', 'hs', 'cas', 'product', 'directProductOf'] as const;
const DESTINATION_LIST_KEYS = ['country', 'countryGroup', 'chart', 'regime'] as const;

export function buildRuleSet(uri: string, root: YNode | null, lines: LineIndex): RuleSet {
  const set: RuleSet = { uri, regimes: [], products: [], rules: [], tests: [] };
  if (!root || root.kind !== 'map') return set;
  const str = (n: YNode | null | undefined): string | undefined =>
    n && n.kind === 'scalar' && n.value !== null && n.value !== '' ? String(n.value) : undefined;
  const header = (k: string) => str(getKey(root, k)?.value);
  set.id = header('ruleset');
  set.title = header('title');
  set.jurisdiction = header('jurisdiction');
  set.effective = dateOrUndefined(header('effective'));
  set.expires = dateOrUndefined(header('expires'));
  set.asOf = dateOrUndefined(header('asOf'));
  const ruleset = set.id ?? uri;
  const loc = (start: number, end: number) => ({ uri, range: lines.rangeOf({ start, end }) });

  const regimes = getKey(root, 'regimes')?.value;
  if (regimes?.kind === 'map') {
    for (const pair of regimes.items) {
      const id = String(pair.key.value);
      const m = pair.value?.kind === 'map' ? pair.value : undefined;
      const pointer = `/regimes/${pointerSegment(id)}`;
      set.regimes.push({
        ruleset,
        id,
        title: str(m && getKey(m, 'title')?.value),
        description: str(m && getKey(m, 'description')?.value),
        countries: m ? strings(getKey(m, 'countries')?.value) : [],
        include: m ? destinationSelectors(getKey(m, 'include')?.value, `${pointer}/include`) : [],
        exclude: m ? destinationSelectors(getKey(m, 'exclude')?.value, `${pointer}/exclude`) : [],
        pointer,
        location: loc(pair.key.start, pair.key.end),
        keySpan: { start: pair.key.start, end: pair.key.end },
      } satisfies Regime);
    }
  }

  forEachItem(root, 'products', (m, pointer) => {
    const skuPair = getKey(m, 'sku');
    const sku = str(skuPair?.value);
    if (!sku || !skuPair?.value) return;
    const v = skuPair.value;
    set.products.push({
      ruleset,
      sku,
      name: str(getKey(m, 'name')?.value),
      eccn: str(getKey(m, 'eccn')?.value),
      hs: str(getKey(m, 'hs')?.value),
      cas: str(getKey(m, 'cas')?.value),
      unitValue: amount(getKey(m, 'unitValue')?.value),
      value: amount(getKey(m, 'value')?.value),
      currency: str(getKey(m, 'currency')?.value),
      usContent: usContent(toData(getKey(m, 'usContent')?.value ?? null)),
      origin: origin(str(getKey(m, 'origin')?.value)),
      directProductOf: getKey(m, 'directProductOf') ? strings(getKey(m, 'directProductOf')?.value) : undefined,
      pointer,
      location: loc(v.start, v.end),
      skuSpan: { start: v.start, end: v.end },
    } satisfies Product);
  });

  forEachItem(root, 'rules', (m, pointer) => {
    const idPair = getKey(m, 'id');
    const id = str(idPair?.value);
    const decision = str(getKey(m, 'decision')?.value);
    const when = getKey(m, 'when')?.value;
    if (!id || !idPair?.value || !isDecision(decision) || when?.kind !== 'map') return;
    const except = getKey(when, 'except')?.value;
    const idNode = idPair.value;
    set.rules.push({
      ruleset,
      id,
      title: str(getKey(m, 'title')?.value),
      citation: str(getKey(m, 'citation')?.value),
      items: itemSelectors(getKey(when, 'items')?.value, `${pointer}/when/items`),
      destinations: destinationSelectors(getKey(when, 'destinations')?.value, `${pointer}/when/destinations`),
      exceptItems: except?.kind === 'map' ? itemSelectors(getKey(except, 'items')?.value, `${pointer}/when/except/items`) : [],
      exceptDestinations:
        except?.kind === 'map' ? destinationSelectors(getKey(except, 'destinations')?.value, `${pointer}/when/except/destinations`) : [],
      decision,
      review: str(getKey(m, 'review')?.value),
      exceptions: strings(getKey(m, 'exceptions')?.value),
      condition: str(getKey(m, 'condition')?.value),
      reasonForControl: strings(getKey(m, 'reasonForControl')?.value),
      authority: str(getKey(m, 'authority')?.value),
      effective: dateOrUndefined(str(getKey(m, 'effective')?.value)),
      expires: dateOrUndefined(str(getKey(m, 'expires')?.value)),
      pointer,
      location: loc(idNode.start, idNode.end),
      span: { start: m.start, end: m.end },
    } satisfies Rule);
  });

  forEachItem(root, 'tests', (m, pointer) => {
    const namePair = getKey(m, 'name');
    const name = str(namePair?.value);
    const expect = str(getKey(m, 'expect')?.value);
    const destination = str(getKey(m, 'destination')?.value);
    const itemNode = getKey(m, 'item')?.value;
    if (!name || !namePair?.value || !isDecision(expect) || !destination || itemNode?.kind !== 'map') return;
    const data = toData(itemNode) as Record<string, unknown>;
    const item: ItemInput = {};
    for (const k of ['eccn', 'hs', 'cas', 'product'] as const) if (data[k] != null && data[k] !== '') item[k] = String(data[k]);
    if (typeof data.unitValue === 'number') item.unitValue = data.unitValue;
    if (typeof data.value === 'number') item.value = data.value;
    if (data.currency != null && data.currency !== '') item.currency = String(data.currency);
    const content = usContent(data.usContent);
    if (content) item.usContent = content;
    const o = origin(data.origin == null ? undefined : String(data.origin));
    if (o) item.origin = o;
    if (data.directProductOf != null) item.directProductOf = toStrings(data.directProductOf);
    set.tests.push({
      ruleset,
      name,
      item,
      destination,
      date: dateOrUndefined(str(getKey(m, 'date')?.value)),
      expect,
      decidedBy: strings(getKey(m, 'decidedBy')?.value),
      ...(getKey(m, 'expectExceptions') ? { expectExceptions: strings(getKey(m, 'expectExceptions')?.value) } : {}),
      ...(deMinimisOutcome(str(getKey(m, 'expectDeMinimis')?.value)) ? { expectDeMinimis: deMinimisOutcome(str(getKey(m, 'expectDeMinimis')?.value)) } : {}),
      pointer,
      location: loc(namePair.value.start, namePair.value.end),
      span: { start: m.start, end: m.end },
    } satisfies RuleTest);
  });
  return set;
}

function forEachItem(root: YMap, section: string, fn: (m: YMap, pointer: string) => void): void {
  const seq = getKey(root, section)?.value;
  if (seq?.kind !== 'seq') return;
  seq.items.forEach((n, i) => {
    if (n?.kind === 'map') fn(n, `/${section}/${i}`);
  });
}

/**
 * A selector that cannot be read (`{}`, or only unknown keys such as a misspelt `eccnn:`)
 * matches every item or destination: a mistake errs on the side of a licence, never of
 * letting a shipment through, and the file carries the schema error that says what to fix.
 */
function itemSelectors(node: YNode | null | undefined, pointer: string): ItemSelector[] {
  if (node?.kind !== 'seq') return [];
  const out: ItemSelector[] = [];
  node.items.forEach((n, i) => {
    if (n?.kind !== 'map') return;
    const d = toData(n) as Record<string, unknown>;
    const s: ItemSelector = { pointer: `${pointer}/${i}` };
    for (const k of ITEM_LIST_KEYS) if (d[k] != null) s[k] = toStrings(d[k]);
    if (d.ccl === true) s.ccl = true;
    if (d.ear99 === true) s.ear99 = true;
    if (typeof d.minUnitValue === 'number' && Number.isFinite(d.minUnitValue)) s.minUnitValue = d.minUnitValue;
    const o = origin(d.origin == null ? undefined : String(d.origin));
    if (o) s.origin = o;
    out.push(s);
  });
  return out;
}

function destinationSelectors(node: YNode | null | undefined, pointer: string): DestinationSelector[] {
  if (node?.kind !== 'seq') return [];
  const out: DestinationSelector[] = [];
  node.items.forEach((n, i) => {
    if (n?.kind !== 'map') return;
    const d = toData(n) as Record<string, unknown>;
    const s: DestinationSelector = { pointer: `${pointer}/${i}` };
    for (const k of DESTINATION_LIST_KEYS) if (d[k] != null) s[k] = toStrings(d[k]);
    if (d.any === true) s.any = true;
    out.push(s);
  });
  return out;
}

function strings(node: YNode | null | undefined): string[] {
  return node ? toStrings(toData(node)) : [];
}

/** A scalar or a list of scalars, as strings (a YAML `category: 3` is the number 3). */
function toStrings(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.filter((x) => x !== null && x !== undefined && typeof x !== 'object').map((x) => String(x));
}

function isDecision(s: string | undefined): s is Decision {
  return !!s && (DECISIONS as readonly string[]).includes(s);
}

function origin(s: string | undefined): Origin | undefined {
  return s === 'us' || s === 'foreign' ? s : undefined;
}

/** A number the schema accepts (finite, not negative); anything else is left out. */
function amount(node: YNode | null | undefined): number | undefined {
  const v = node && node.kind === 'scalar' ? node.value : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** `usContent: { percent: 8, eccns: [3A991] }`; left out unless it has a numeric percent (the schema says what is wrong). */
function usContent(v: unknown): UsContent | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.percent !== 'number' || !Number.isFinite(o.percent)) return undefined;
  return { percent: o.percent, eccns: o.eccns == null ? [] : toStrings(o.eccns) };
}

function deMinimisOutcome(s: string | undefined): RuleTest['expectDeMinimis'] {
  return s === 'not-subject-to-ear' || s === 'subject-to-ear' || s === 'needs-facts' ? s : undefined;
}

function dateOrUndefined(s: string | undefined): string | undefined {
  // the shape only: a date not in the calendar is reported (invalid-date) and still compared as text
  return s && hasDateShape(s) ? s : undefined;
}
