// The selector mappings of a rule file: the items and destinations of rules' `when` and
// `except`, and regimes' `include` and `exclude`. Found in one walk of the tree, cached per
// tree, and shared: the typed rule set is built from them (build.ts), which links each to the
// typed selector it became, and the domain checks and navigation read them.
import type { DestinationSelector, ItemSelector, Rule, RuleSet } from './types';
import { getKey, pointerSegment, type YMap, type YNode } from './yamlTree';

/** Where a selector list stands in its rule or regime. */
export type SelectorList = 'when/items' | 'when/destinations' | 'when/except/items' | 'when/except/destinations' | 'include' | 'exclude';

/**
 * A selector mapping of a rule or regime. Its pointer and owner are strings made when asked: a
 * large file has thousands of selectors, and most checks never need them.
 */
export class SelectorNode {
  /** The typed selector made of it, when its rule or regime is in the rule set. */
  typed: ItemSelector | DestinationSelector | undefined = undefined;
  /** The typed rule it belongs to, when that rule is in the rule set (never for a regime's). */
  rule: Rule | undefined = undefined;
  constructor(
    readonly kind: 'item' | 'destination',
    readonly node: YMap,
    /** The index of its rule in `rules:`, or of its regime in `regimes:`. */
    readonly at: number,
    /** Its regime's id; undefined for a rule's selector. */
    readonly regime: string | undefined,
    readonly list: SelectorList,
    /** Its index in the list. */
    readonly index: number,
    /** True for `except` selectors and regime `exclude` selectors. */
    readonly except: boolean,
  ) {}
  /** The rule (`/rules/3`) or regime (`/regimes/x`) it belongs to. */
  get owner(): string {
    return this.regime === undefined ? `/rules/${this.at}` : `/regimes/${pointerSegment(this.regime)}`;
  }
  get pointer(): string {
    return `${this.owner}/${this.list}/${this.index}`;
  }
}

interface SelectorLists {
  items: YNode | null | undefined;
  destinations: YNode | null | undefined;
  except: YNode | null | undefined;
  parties: YNode | null | undefined;
}

/** The `items`, `destinations`, `except` and `parties` of a `when` (or `except`) mapping; the first of each. */
function selectorLists(m: YMap): SelectorLists {
  let items: YNode | null | undefined;
  let destinations: YNode | null | undefined;
  let except: YNode | null | undefined;
  let parties: YNode | null | undefined;
  for (let i = m.items.length - 1; i >= 0; i--) {
    const k = m.items[i].key.value;
    if (k === 'items') items = m.items[i].value;
    else if (k === 'destinations') destinations = m.items[i].value;
    else if (k === 'except') except = m.items[i].value;
    else if (k === 'parties') parties = m.items[i].value;
  }
  return { items, destinations, except, parties };
}

const cache = new WeakMap<YNode, SelectorNode[]>();

/** A tree's selectors linked to a rule set: each its typed selector and rule (`typed`, `rule`). */
export interface LinkedSelectors {
  set: RuleSet;
  nodes: SelectorNode[];
  /**
   * Where the selectors of each rule of the set start in `nodes` (a rule's stand together, in
   * the order of its items, destinations, except items and except destinations), -1 when they
   * do not stand so.
   */
  first: readonly number[];
}
const linked = new WeakMap<SelectorNode[], LinkedSelectors>();

/** Every item and destination selector of a rule file: regimes' first, then rules', each in document order (cached per tree). */
export function selectorNodes(root: YNode | null): SelectorNode[] {
  if (root?.kind !== 'map') return [];
  let out = cache.get(root);
  if (!out) cache.set(root, (out = findSelectors(root)));
  return out;
}

function findSelectors(root: YMap): SelectorNode[] {
  const out: SelectorNode[] = [];
  const regimes = getKey(root, 'regimes')?.value;
  if (regimes?.kind === 'map')
    for (let j = 0; j < regimes.items.length; j++) {
      const p = regimes.items[j];
      if (p.value?.kind === 'map') addRegimeSelectors(out, p.value, j, String(p.key.value));
    }
  const rules = getKey(root, 'rules')?.value;
  if (rules?.kind !== 'seq') return out;
  for (let i = 0; i < rules.items.length; i++) {
    const rule = rules.items[i];
    if (rule?.kind !== 'map') continue;
    const when = getKey(rule, 'when')?.value;
    if (when?.kind === 'map') addRuleSelectors(out, when, i);
  }
  return out;
}

/*
 * The walk, one owner at a time: findSelectors drives it over a tree, and buildRuleSet as it
 * reads each rule and regime (the tree is not walked twice).
 */

/** Makes the typed selector of a selector mapping found (buildRuleSet), with its pointer. */
export type TypeSelector = (s: SelectorNode, pointer: string) => ItemSelector | DestinationSelector;

/**
 * Adds the `include` and `exclude` selectors of regime `at` of `regimes:` (`m`, its mapping);
 * with `type`, each typed as it is found (its pointer under `owner`, the regime's).
 */
export function addRegimeSelectors(out: SelectorNode[], m: YMap, at: number, id: string, owner?: string, type?: TypeSelector): void {
  addList(out, 'destination', getKey(m, 'include')?.value, at, id, 'include', false, owner, type);
  addList(out, 'destination', getKey(m, 'exclude')?.value, at, id, 'exclude', true, owner, type);
}

/**
 * Adds the selectors of rule `at` of `rules:` (`when`, its `when` mapping); with `type`, each
 * typed as it is found (its pointer under `owner`, the rule's). Returns the mapping's lists.
 */
export function addRuleSelectors(out: SelectorNode[], when: YMap, at: number, owner?: string, type?: TypeSelector): SelectorLists {
  const w = selectorLists(when);
  addList(out, 'item', w.items, at, undefined, 'when/items', false, owner, type);
  addList(out, 'destination', w.destinations, at, undefined, 'when/destinations', false, owner, type);
  if (w.except?.kind === 'map') {
    const except = selectorLists(w.except);
    addList(out, 'item', except.items, at, undefined, 'when/except/items', true, owner, type);
    addList(out, 'destination', except.destinations, at, undefined, 'when/except/destinations', true, owner, type);
  }
  return w;
}

function addList(
  out: SelectorNode[],
  kind: SelectorNode['kind'],
  items: YNode | null | undefined,
  at: number,
  regime: string | undefined,
  list: SelectorList,
  except: boolean,
  owner: string | undefined,
  type: TypeSelector | undefined,
): void {
  if (items?.kind !== 'seq') return;
  for (let i = 0; i < items.items.length; i++) {
    const n = items.items[i];
    if (n?.kind !== 'map') continue;
    const s = new SelectorNode(kind, n, at, regime, list, i, except);
    if (type && owner !== undefined) s.typed = type(s, `${owner}/${list}/${i}`);
    out.push(s);
  }
}

/**
 * The selectors of a file grouped by text (and kind, and whether they except), numbered in the
 * order of the list: the same text is the same selector (a large file repeats a few hundred
 * selectors thousands of times), so what is made or judged of one stands for all of its class.
 * A text that may mean more than it says (anchors, aliases, tags, merge keys) gets no class (-1).
 */
export class SelectorClasses {
  /** The class of each selector of the list, by index; -1 for none. */
  readonly of: number[] = [];
  count = 0;
  private readonly byText = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  private readonly may: boolean;
  constructor(private readonly text: string) {
    this.may = mayHaveNodeProperties(text);
  }
  /** Classifies the next selector of the list; returns its class. */
  add(s: SelectorNode): number {
    const t = this.text.slice(s.node.start, s.node.end);
    let c = -1;
    if (!this.may || !mayHaveNodeProperties(t)) {
      const m = this.byText[(s.kind === 'item' ? 0 : 2) + (s.except ? 1 : 0)];
      const known = m.get(t);
      if (known === undefined) m.set(t, (c = this.count++));
      else c = known;
    }
    this.of.push(c);
    return c;
  }
}

/**
 * True when the text may hold an alias (`*a`), anchor (`&a`), tag (`!t`) or merge key (`<<`):
 * the first three only at the start of a node (after a space, a line break, `[`, `{`, `,` or
 * `:`), so a `*` inside a value (`"9B6*"`, `3A*`) or a `!` in a name is none of these.
 */
export function mayHaveNodeProperties(text: string): boolean {
  if (text.includes('<<')) return true;
  // (each character looked for with indexOf: a large file is scanned three times, fast)
  for (const c of NODE_PROPERTY_STARTS) for (let i = text.indexOf(c); i !== -1; i = text.indexOf(c, i + 1)) if (i === 0 || startsNode(text.charCodeAt(i - 1))) return true;
  return false;
}

const NODE_PROPERTY_STARTS = ['*', '&', '!'];

/** Space, tab, line breaks, `[`, `{`, `,`, `:`: what a node (and its properties) may follow. */
const startsNode = (before: number): boolean => before === 32 || before === 9 || before === 10 || before === 13 || before === 91 || before === 123 || before === 44 || before === 58;

const classesCache = new WeakMap<SelectorNode[], SelectorClasses>();

/** The classes of a tree's selectors (`nodes`, of `text`), made once. */
export function selectorClasses(nodes: SelectorNode[], text: string): SelectorClasses {
  let c = classesCache.get(nodes);
  if (!c) {
    c = new SelectorClasses(text);
    for (let i = 0; i < nodes.length; i++) c.add(nodes[i]);
    classesCache.set(nodes, c);
  }
  return c;
}

/** Records the selectors buildRuleSet found in a tree (as findSelectors finds them), linked to `set` as it built it. */
export function recordSelectors(root: YNode, nodes: SelectorNode[], set: RuleSet, first: number[]): void {
  cache.set(root, nodes);
  linked.set(nodes, { set, nodes, first });
}

/**
 * The selectors of a tree linked to `set`. The rule set built from this very tree linked them
 * as it was built; one built elsewhere (the starter pack's, read from the build's cache) is
 * linked here, by pointer.
 */
export function linkedSelectors(root: YNode | null, set: RuleSet): LinkedSelectors {
  const nodes = selectorNodes(root);
  const known = linked.get(nodes);
  if (known?.set === set) return known;
  const rules = new Map(set.rules.map((r) => [r.pointer, r]));
  const regimes = new Map(set.regimes.map((r) => [r.pointer, r]));
  for (const s of nodes) {
    const pointer = s.pointer;
    if (s.regime === undefined) {
      const rule = rules.get(s.owner);
      const lists = !rule ? [] : s.kind === 'item' ? [rule.items, rule.exceptItems] : [rule.destinations, rule.exceptDestinations];
      let typed: ItemSelector | DestinationSelector | undefined;
      for (const l of lists as (ItemSelector | DestinationSelector)[][]) typed ??= l.find((x) => x.pointer === pointer);
      s.typed = typed;
      s.rule = typed && rule;
    } else {
      const regime = regimes.get(s.owner);
      s.typed = (s.except ? regime?.exclude : regime?.include)?.find((x) => x.pointer === pointer);
      s.rule = undefined;
    }
  }
  const first: number[] = [];
  let at = 0;
  for (const r of set.rules) {
    // (selectors of regimes and of entries left out of the rule set have no rule)
    while (at < nodes.length && nodes[at].rule === undefined) at++;
    const start = at;
    while (at < nodes.length && nodes[at].rule === r) at++;
    first.push(at - start === r.items.length + r.destinations.length + r.exceptItems.length + r.exceptDestinations.length ? start : -1);
  }
  const out = { set, nodes, first };
  linked.set(nodes, out);
  return out;
}
