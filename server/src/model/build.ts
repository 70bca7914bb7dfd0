// The typed view of a parsed rule file. Tolerant: an entry that lacks what the engine needs
// (an id, a decision, selectors) is left out; the schema diagnostics already say why.
import { DECISIONS, type Decision, type DestinationSelector, type ItemInput, type ItemSelector, type Origin, type Product, type Regime, type Rule, type RuleSet, type RuleTest, type UsContent } from './types';
import { hasDateShape } from './dates';
import { buildParties, partySelectors } from './parties';
import type { LineIndex } from './lines';
import { addRegimeSelectors, addRuleSelectors, recordSelectors, type SelectorNode } from './selectors';
import { getKey, pointerSegment, toData, type YMap, type YNode } from './yamlTree';


export function buildRuleSet(uri: string, root: YNode | null, lines: LineIndex): RuleSet {
  const set: RuleSet = { uri, regimes: [], products: [], parties: [], rules: [], tests: [] };
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

  // every selector mapping, found as each rule and regime is read (regimes' first, then rules',
  // in document order, as selectorNodes finds them) and linked to the typed selector it
  // becomes: the domain checks read both
  const found: SelectorNode[] = [];
  /** Where each typed rule's selectors start in `found`. */
  const firsts: number[] = [];

  const regimes = getKey(root, 'regimes')?.value;
  if (regimes?.kind === 'map') {
    for (let j = 0; j < regimes.items.length; j++) {
      const pair = regimes.items[j];
      const id = String(pair.key.value);
      const m = pair.value?.kind === 'map' ? pair.value : undefined;
      const pointer = `/regimes/${pointerSegment(id)}`;
      const include: DestinationSelector[] = [];
      const exclude: DestinationSelector[] = [];
      if (m) {
        const first = found.length;
        addRegimeSelectors(found, m, j, id, pointer, typeSelector);
        for (let k = first; k < found.length; k++) (found[k].except ? exclude : include).push(found[k].typed as DestinationSelector);
      }
      set.regimes.push({
        ruleset,
        id,
        title: str(m && getKey(m, 'title')?.value),
        description: str(m && getKey(m, 'description')?.value),
        countries: m ? strings(getKey(m, 'countries')?.value) : [],
        include,
        exclude,
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

  set.parties = buildParties(root, ruleset, loc);

  // each entry's keys, read once: the domain checks read them too (ruleKeys)
  const rules = getKey(root, 'rules')?.value;
  const keys = ruleKeys(root);
  if (rules?.kind === 'seq')
    for (let index = 0; index < rules.items.length; index++) {
      const m = rules.items[index];
      const k = keys[index];
      if (m?.kind === 'map' && k) addRule(m, k, `/rules/${index}`, index);
    }

  function addRule(m: YMap, k: RuleKeys, pointer: string, index: number): void {
    const { id: idNode, decision: decisionNode, when, title, citation, review, exceptions, effective, expires, condition, reasonForControl, authority } = k;
    if (when?.kind !== 'map') return;
    const first = found.length;
    const id = str(idNode);
    const decision = str(decisionNode);
    const kept = id !== undefined && idNode !== undefined && idNode !== null && isDecision(decision);
    // (the selectors of an entry left out are found, untyped: their codes are still checked)
    const w = addRuleSelectors(found, when, index, kept ? pointer : undefined, typeSelector);
    if (!kept) return;
    // (a list of one, the usual, is made at its size)
    let items: ItemSelector[] | undefined;
    let destinations: DestinationSelector[] | undefined;
    let exceptItems: ItemSelector[] | undefined;
    let exceptDestinations: DestinationSelector[] | undefined;
    for (let j = first; j < found.length; j++) {
      const f = found[j];
      const typed = f.typed!;
      if (f.kind === 'item') {
        if (!f.except) items = add(items, typed as ItemSelector);
        else exceptItems = add(exceptItems, typed as ItemSelector);
      } else if (!f.except) destinations = add(destinations, typed as DestinationSelector);
      else exceptDestinations = add(exceptDestinations, typed as DestinationSelector);
    }
    const rule: Rule = {
      ruleset,
      id,
      title: str(title),
      citation: str(citation),
      items: items ?? [],
      destinations: destinations ?? [],
      exceptItems: exceptItems ?? [],
      exceptDestinations: exceptDestinations ?? [],
      parties: w.parties ? partySelectors(w.parties, `${pointer}/when/parties`) : [],
      decision,
      review: str(review),
      exceptions: strings(exceptions),
      condition: str(condition),
      reasonForControl: strings(reasonForControl),
      authority: str(authority),
      effective: dateOrUndefined(str(effective)),
      expires: dateOrUndefined(str(expires)),
      pointer,
      location: loc(idNode.start, idNode.end),
      span: { start: m.start, end: m.end },
    };
    for (let j = first; j < found.length; j++) found[j].rule = rule;
    set.rules.push(rule);
    firsts.push(first);
  }
  recordSelectors(root, found, set, firsts);

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
      ...(str(getKey(m, 'party')?.value) ? { party: str(getKey(m, 'party')?.value) } : {}),
      ...(getKey(m, 'expectExceptions') ? { expectExceptions: strings(getKey(m, 'expectExceptions')?.value) } : {}),
      ...(deMinimisOutcome(str(getKey(m, 'expectDeMinimis')?.value)) ? { expectDeMinimis: deMinimisOutcome(str(getKey(m, 'expectDeMinimis')?.value)) } : {}),
      pointer,
      location: loc(namePair.value.start, namePair.value.end),
      span: { start: m.start, end: m.end },
    } satisfies RuleTest);
  });
  return set;
}

export function forEachItem(root: YMap, section: string, fn: (m: YMap, pointer: string) => void): void {
  const seq = getKey(root, section)?.value;
  if (seq?.kind !== 'seq') return;
  seq.items.forEach((n, i) => {
    if (n?.kind === 'map') fn(n, `/${section}/${i}`);
  });
}

/** The value of each key of a rule entry that the model and the checks read; the first of a repeated key stands (as with getKey). */
export interface RuleKeys {
  id: YNode | null | undefined;
  decision: YNode | null | undefined;
  when: YNode | null | undefined;
  title: YNode | null | undefined;
  citation: YNode | null | undefined;
  review: YNode | null | undefined;
  exceptions: YNode | null | undefined;
  effective: YNode | null | undefined;
  expires: YNode | null | undefined;
  condition: YNode | null | undefined;
  reasonForControl: YNode | null | undefined;
  authority: YNode | null | undefined;
}

const ruleKeysCache = new WeakMap<YNode, (RuleKeys | undefined)[]>();

/**
 * The keys of each entry of `rules:` by its index (undefined for an entry that is not a
 * mapping), read in one pass over each entry and cached per tree: the typed rules and the
 * domain checks (dates, duplicate ids, exception symbols) read them, thousands on opening a file.
 */
export function ruleKeys(root: YNode | null): (RuleKeys | undefined)[] {
  if (root?.kind !== 'map') return [];
  let out = ruleKeysCache.get(root);
  if (out) return out;
  out = [];
  const rules = getKey(root, 'rules')?.value;
  if (rules?.kind === 'seq') for (const m of rules.items) out.push(m?.kind === 'map' ? readRuleKeys(m) : undefined);
  ruleKeysCache.set(root, out);
  return out;
}

function readRuleKeys(m: YMap): RuleKeys {
  const k: RuleKeys = {
    id: undefined,
    decision: undefined,
    when: undefined,
    title: undefined,
    citation: undefined,
    review: undefined,
    exceptions: undefined,
    effective: undefined,
    expires: undefined,
    condition: undefined,
    reasonForControl: undefined,
    authority: undefined,
  };
  // from the last pair, so the first of a repeated key stands
  for (let i = m.items.length - 1; i >= 0; i--) {
    const v = m.items[i].value;
    switch (m.items[i].key.value) {
      case 'id':
        k.id = v;
        break;
      case 'decision':
        k.decision = v;
        break;
      case 'when':
        k.when = v;
        break;
      case 'title':
        k.title = v;
        break;
      case 'citation':
        k.citation = v;
        break;
      case 'review':
        k.review = v;
        break;
      case 'exceptions':
        k.exceptions = v;
        break;
      case 'effective':
        k.effective = v;
        break;
      case 'expires':
        k.expires = v;
        break;
      case 'condition':
        k.condition = v;
        break;
      case 'reasonForControl':
        k.reasonForControl = v;
        break;
      case 'authority':
        k.authority = v;
        break;
    }
  }
  return k;
}

/** The typed selector of a selector mapping (addRuleSelectors, addRegimeSelectors type them as they are found). */
const typeSelector = (s: SelectorNode, pointer: string): ItemSelector | DestinationSelector => (s.kind === 'item' ? itemSelector(s.node, pointer) : destinationSelector(s.node, pointer));

/**
 * A selector that cannot be read (`{}`, or only unknown keys such as a misspelt `eccnn:`)
 * matches every item or destination: a mistake errs on the side of a licence, never of
 * letting a shipment through, and the file carries the schema error that says what to fix.
 *
 * Read from the selector's pairs as its plain data (toData) reads them, the last of a repeated
 * key standing, without building that data: this runs for every selector of a file.
 */
function itemSelector(n: YMap, pointer: string): ItemSelector {
  // the value node of each key, the last of a repeated key standing (named, not looked up by
  // a computed key: this runs for every selector of the file)
  let eccn: YNode | null | undefined;
  let category: YNode | null | undefined;
  let productGroup: YNode | null | undefined;
  let reason: YNode | null | undefined;
  let hs: YNode | null | undefined;
  let cas: YNode | null | undefined;
  let minUnitValue: YNode | null | undefined;
  let product: YNode | null | undefined;
  let directProductOf: YNode | null | undefined;
  let ccl: YNode | null | undefined;
  let ear99: YNode | null | undefined;
  let originNode: YNode | null | undefined;
  for (let j = 0; j < n.items.length; j++) {
    const value = n.items[j].value;
    switch (n.items[j].key.value) {
      case 'eccn':
        eccn = value;
        break;
      case 'category':
        category = value;
        break;
      case 'productGroup':
        productGroup = value;
        break;
      case 'reason':
        reason = value;
        break;
      case 'hs':
        hs = value;
        break;
      case 'cas':
        cas = value;
        break;
      case 'minUnitValue':
        minUnitValue = value;
        break;
      case 'product':
        product = value;
        break;
      case 'directProductOf':
        directProductOf = value;
        break;
      case 'ccl':
        ccl = value;
        break;
      case 'ear99':
        ear99 = value;
        break;
      case 'origin':
        originNode = value;
        break;
    }
  }
  const s: ItemSelector = { pointer };
  if (present(eccn)) s.eccn = nodeStrings(eccn);
  if (present(category)) s.category = nodeStrings(category);
  if (present(productGroup)) s.productGroup = nodeStrings(productGroup);
  if (present(reason)) s.reason = nodeStrings(reason);
  if (present(hs)) s.hs = nodeStrings(hs);
  if (present(cas)) s.cas = nodeStrings(cas);
  if (minUnitValue?.kind === 'scalar' && typeof minUnitValue.value === 'number' && Number.isFinite(minUnitValue.value)) s.minUnitValue = minUnitValue.value;
  if (present(product)) s.product = nodeStrings(product);
  if (present(directProductOf)) s.directProductOf = nodeStrings(directProductOf);
  if (isTrue(ccl)) s.ccl = true;
  if (isTrue(ear99)) s.ear99 = true;
  const d = originNode === undefined || originNode === null ? null : originNode.kind === 'scalar' ? originNode.value : toData(originNode);
  const o = origin(d == null ? undefined : String(d));
  if (o) s.origin = o;
  return s;
}

function destinationSelector(n: YMap, pointer: string): DestinationSelector {
  let country: YNode | null | undefined;
  let countryGroup: YNode | null | undefined;
  let chart: YNode | null | undefined;
  let regime: YNode | null | undefined;
  let any: YNode | null | undefined;
  for (let j = 0; j < n.items.length; j++) {
    const value = n.items[j].value;
    switch (n.items[j].key.value) {
      case 'country':
        country = value;
        break;
      case 'countryGroup':
        countryGroup = value;
        break;
      case 'chart':
        chart = value;
        break;
      case 'regime':
        regime = value;
        break;
      case 'any':
        any = value;
        break;
    }
  }
  const s: DestinationSelector = { pointer };
  if (present(country)) s.country = nodeStrings(country);
  if (present(countryGroup)) s.countryGroup = nodeStrings(countryGroup);
  if (present(chart)) s.chart = nodeStrings(chart);
  if (present(regime)) s.regime = nodeStrings(regime);
  if (isTrue(any)) s.any = true;
  return s;
}

/** `list` with `x` added; a new list is made at its size (a list of one, the usual). */
function add<T>(list: T[] | undefined, x: T): T[] {
  if (list === undefined) return [x];
  list.push(x);
  return list;
}

/** A value as toData reads it, not null: a key with a value other than a null scalar. */
const present = (n: YNode | null | undefined): n is YNode => n !== undefined && n !== null && !(n.kind === 'scalar' && n.value === null);

const isTrue = (n: YNode | null | undefined): boolean => n?.kind === 'scalar' && n.value === true;

/** toStrings(toData(n)) without the data: the scalars of a value or of its list, as strings. */
function nodeStrings(n: YNode): string[] {
  if (n.kind === 'scalar') return n.value === null ? [] : [String(n.value)];
  if (n.kind === 'map') return [];
  if (n.items.length === 1) {
    const x = n.items[0];
    return x?.kind === 'scalar' && x.value !== null ? [String(x.value)] : [];
  }
  const out: string[] = [];
  for (const x of n.items) if (x?.kind === 'scalar' && x.value !== null) out.push(String(x.value));
  return out;
}

function strings(node: YNode | null | undefined): string[] {
  return node ? nodeStrings(node) : [];
}

/** A scalar or a list of scalars, as strings (a YAML `category: 3` is the number 3). */
export function toStrings(v: unknown): string[] {
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

export function dateOrUndefined(s: string | undefined): string | undefined {
  // the shape only: a date not in the calendar is reported (invalid-date) and still compared as text
  return s && hasDateShape(s) ? s : undefined;
}
