// The typed view of a parsed rule file. Tolerant: an entry that lacks what the engine needs
// (an id, a decision, selectors) is left out; the schema diagnostics already say why.
import { DECISIONS, type Decision, type DestinationSelector, type ItemInput, type ItemSelector, type Origin, type Product, type Regime, type Rule, type RuleSet, type RuleTest } from './types';
import type { LineIndex } from './lines';
import { getKey, pointerSegment, toData, type YMap, type YNode } from './yamlTree';

const ITEM_LIST_KEYS = ['eccn', 'category', 'productGroup', 'reason', 'hs', 'product', 'directProductOf'] as const;
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
      origin: origin(str(getKey(m, 'origin')?.value)),
      directProductOf: getKey(m, 'directProductOf') ? strings(getKey(m, 'directProductOf')?.value) : undefined,
      pointer,
      location: loc(v.start, v.end),
      skuSpan: { start: v.start, end: v.end },
    } satisfies Product);
  });

  forEachItem(root, 'rules', (m, pointer) => {
    // one pass over the rule's keys, from the last, so the first of a repeated key stands (as
    // with getKey): this runs for every rule of a file, thousands on opening it
    let idNode: YNode | null | undefined;
    let decisionNode: YNode | null | undefined;
    let when: YNode | null | undefined;
    let title: YNode | null | undefined;
    let citation: YNode | null | undefined;
    let review: YNode | null | undefined;
    let exceptions: YNode | null | undefined;
    let effective: YNode | null | undefined;
    let expires: YNode | null | undefined;
    for (let i = m.items.length - 1; i >= 0; i--) {
      const v = m.items[i].value;
      switch (m.items[i].key.value) {
        case 'id':
          idNode = v;
          break;
        case 'decision':
          decisionNode = v;
          break;
        case 'when':
          when = v;
          break;
        case 'title':
          title = v;
          break;
        case 'citation':
          citation = v;
          break;
        case 'review':
          review = v;
          break;
        case 'exceptions':
          exceptions = v;
          break;
        case 'effective':
          effective = v;
          break;
        case 'expires':
          expires = v;
          break;
      }
    }
    const id = str(idNode);
    const decision = str(decisionNode);
    if (!id || !idNode || !isDecision(decision) || when?.kind !== 'map') return;
    const w = selectorLists(when);
    const except = w.except?.kind === 'map' ? selectorLists(w.except) : undefined;
    set.rules.push({
      ruleset,
      id,
      title: str(title),
      citation: str(citation),
      items: itemSelectors(w.items, `${pointer}/when/items`),
      destinations: destinationSelectors(w.destinations, `${pointer}/when/destinations`),
      exceptItems: except ? itemSelectors(except.items, `${pointer}/when/except/items`) : [],
      exceptDestinations: except ? destinationSelectors(except.destinations, `${pointer}/when/except/destinations`) : [],
      decision,
      review: str(review),
      exceptions: strings(exceptions),
      effective: dateOrUndefined(str(effective)),
      expires: dateOrUndefined(str(expires)),
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
    for (const k of ['eccn', 'hs', 'product'] as const) if (data[k] != null && data[k] !== '') item[k] = String(data[k]);
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

/** The `items`, `destinations` and `except` of a `when` (or `except`) mapping; the first of each. */
function selectorLists(m: YMap): { items?: YNode | null; destinations?: YNode | null; except?: YNode | null } {
  const out: { items?: YNode | null; destinations?: YNode | null; except?: YNode | null } = {};
  for (let i = m.items.length - 1; i >= 0; i--) {
    const k = m.items[i].key.value;
    if (k === 'items' || k === 'destinations' || k === 'except') out[k] = m.items[i].value;
  }
  return out;
}

/**
 * A selector that cannot be read (`{}`, or only unknown keys such as a misspelt `eccnn:`)
 * matches every item or destination: a mistake errs on the side of a licence, never of
 * letting a shipment through, and the file carries the schema error that says what to fix.
 *
 * Read from the selector's pairs as its plain data (toData) reads them, the last of a repeated
 * key standing, without building that data: this runs for every selector of a file.
 */
function itemSelectors(node: YNode | null | undefined, pointer: string): ItemSelector[] {
  if (node?.kind !== 'seq') return [];
  const out: ItemSelector[] = [];
  const items = node.items;
  for (let i = 0; i < items.length; i++) {
    const n = items[i];
    if (n?.kind !== 'map') continue;
    const v = lastValues(n, ITEM_KEYS);
    const s: ItemSelector = { pointer: `${pointer}/${i}` };
    for (let k = 0; k < ITEM_LIST_KEYS.length; k++) {
      const x = v[k];
      if (x !== undefined && !isNull(x)) s[ITEM_LIST_KEYS[k]] = nodeStrings(x!);
    }
    if (isTrue(v[ITEM_LIST_KEYS.length])) s.ccl = true;
    if (isTrue(v[ITEM_LIST_KEYS.length + 1])) s.ear99 = true;
    const o = v[ITEM_LIST_KEYS.length + 2];
    const d = o === undefined || o === null ? null : o.kind === 'scalar' ? o.value : toData(o);
    const origined = origin(d == null ? undefined : String(d));
    if (origined) s.origin = origined;
    out.push(s);
  }
  return out;
}

function destinationSelectors(node: YNode | null | undefined, pointer: string): DestinationSelector[] {
  if (node?.kind !== 'seq') return [];
  const out: DestinationSelector[] = [];
  const items = node.items;
  for (let i = 0; i < items.length; i++) {
    const n = items[i];
    if (n?.kind !== 'map') continue;
    const v = lastValues(n, DESTINATION_KEYS);
    const s: DestinationSelector = { pointer: `${pointer}/${i}` };
    for (let k = 0; k < DESTINATION_LIST_KEYS.length; k++) {
      const x = v[k];
      if (x !== undefined && !isNull(x)) s[DESTINATION_LIST_KEYS[k]] = nodeStrings(x!);
    }
    if (isTrue(v[DESTINATION_LIST_KEYS.length])) s.any = true;
    out.push(s);
  }
  return out;
}

const ITEM_KEYS: readonly string[] = [...ITEM_LIST_KEYS, 'ccl', 'ear99', 'origin'];
const DESTINATION_KEYS: readonly string[] = [...DESTINATION_LIST_KEYS, 'any'];

/**
 * The value nodes of the keys (by position in `keys`; undefined when absent), read as the
 * mapping's plain data (toData) reads them: the last of a repeated key stands.
 */
function lastValues(m: YMap, keys: readonly string[]): (YNode | null | undefined)[] {
  const out = new Array<YNode | null | undefined>(keys.length);
  for (const { key, value } of m.items) {
    const at = typeof key.value === 'string' ? keys.indexOf(key.value) : -1;
    if (at !== -1) out[at] = value;
  }
  return out;
}

const isTrue = (n: YNode | null | undefined): boolean => n?.kind === 'scalar' && n.value === true;

/** As toData reads it: an absent value or a null scalar is null. */
const isNull = (n: YNode | null): boolean => n === null || (n.kind === 'scalar' && n.value === null);

/** toStrings(toData(n)) without the data: the scalars of a value or of its list, as strings. */
function nodeStrings(n: YNode): string[] {
  if (n.kind === 'scalar') return n.value === null ? [] : [String(n.value)];
  if (n.kind === 'map') return [];
  const out: string[] = [];
  for (const x of n.items) if (x?.kind === 'scalar' && x.value !== null) out.push(String(x.value));
  return out;
}

function strings(node: YNode | null | undefined): string[] {
  return node ? nodeStrings(node) : [];
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

function dateOrUndefined(s: string | undefined): string | undefined {
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
}
