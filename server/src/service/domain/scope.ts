// Domain checks of scope: selectors that match nothing, and rules that never decide.
import type { Catalog } from '../../catalog/types';
import type { Engine } from '../../engine/engine';
import type { RuleDocument } from '../../model/document';
import { locate } from '../../model/pointer';
import { DECISION_RANK, type DestinationSelector, type ItemSelector, type Rule, type RuleSet, type Span } from '../../model/types';
import { type YMap } from '../../model/yamlTree';
import { linkedSelectors, selectorClasses, type SelectorNode } from '../../model/selectors';
import { type Ctx, findings, report, spanOf } from './context';
import { nodeAtPointer } from './structure';
import { work } from '../../model/work';

// --- selectors that match nothing ----------------------------------------------------------

/** A selector's own span: a flow mapping whole, a block mapping from its first key to its last value. */
function selectorSpan(n: YMap): Span {
  if (n.flow || n.items.length === 0) return spanOf(n);
  const last = n.items[n.items.length - 1];
  return { start: n.items[0].key.start, end: last.value?.end ?? last.key.end };
}

/** True when the selector uses no keys but these (besides its pointer). */
function onlyKeys(sel: object, keys: string[]): boolean {
  const own = Object.keys(sel).filter((k) => k !== 'pointer' && (sel as Record<string, unknown>)[k] !== undefined);
  return own.length > 0 && own.every((k) => keys.includes(k));
}

export function checkMatchesNothing(ctx: Ctx): void {
  const sels = linkedSelectors(ctx.root, ctx.doc.ruleSet).nodes;
  const cyclic = new Set(ctx.engine?.regimeProblems.filter((p) => p.kind !== 'duplicate').flatMap((p) => p.path) ?? []);
  const earlier = findings(ctx);
  const cover = ctx.engine ? coverOf(ctx.engine) : undefined;
  // selector texts judged with nothing to report: not judged again where they stand again
  const classes = selectorClasses(sels, ctx.doc.text);
  const clean = new Uint8Array(classes.count);
  for (let i = 0; i < sels.length; i++) {
    const c = classes.of[i];
    if (c >= 0 && clean[c] === 1) continue;
    const s = sels[i];
    // (a selector of a rule or regime left out of the rule set, or an except: nothing to judge)
    if (s.typed === undefined || (s.kind === 'destination' && (!ctx.engine || s.except))) continue;
    const span = selectorSpan(s.node);
    if (earlier.overlaps(span)) continue;
    if (s.kind === 'item') {
      const sel = s.typed as ItemSelector;
      const why = itemContradiction(sel, ctx.catalog);
      if (!why) {
        if (c >= 0) clean[c] = 1;
        continue;
      }
      // only the reference data makes it empty (no ECCN controlled for CB1 as a whole today):
      // not the author's mistake, so information rather than a warning
      const dataOnly = onlyKeys(sel, ['reason']);
      report(ctx, 'matches-nothing', dataOnly ? 'info' : 'warning', span, `This item selector matches nothing: ${why}${dataOnly ? ' (with today\'s reference data; the rule applies again if the data changes)' : ''}`);
    } else if (ctx.engine) {
      const sel = s.typed as DestinationSelector;
      if (sel.regime?.some((r) => cyclic.has(r))) continue;
      // countries alone (most selectors) cover something when one of them is a destination the
      // reference data knows: no need to resolve them
      if (countriesOnly(sel) && knowsOne(ctx.catalog, sel.country)) {
        if (c >= 0) clean[c] = 1;
        continue;
      }
      const covered = cover!(destinationSig(sel), sel);
      if (covered === 'any' || covered.size > 0) {
        if (c >= 0) clean[c] = 1;
        continue;
      }
      const dataOnly = onlyKeys(sel, ['chart']);
      report(
        ctx,
        'matches-nothing',
        dataOnly ? 'info' : 'warning',
        span,
        `This destination selector matches no destination: ${describeDestinations(sel)}${dataOnly ? ' (with today\'s reference data; the rule applies again if the data changes)' : ''}`,
      );
    }
  }
  if (!ctx.engine) return;
  // a regime that resolves to nothing, and a rule whose except removes every destination
  for (const r of ctx.doc.ruleSet.regimes) {
    const members = ctx.engine.regimeMembers(r.id);
    const node = nodeAtPointer(ctx.doc, r.pointer);
    if (!members || members.size > 0 || cyclic.has(r.id) || earlier.overlaps(node ? spanOf(node) : r.keySpan)) continue;
    if (ctx.docs.some((d) => d !== ctx.doc && d.ruleSet.regimes.some((x) => x.id === r.id))) continue;
    report(ctx, 'matches-nothing', 'warning', r.keySpan, `Regime "${r.id}" has no members: its countries and includes, less its excludes, leave no destination`);
  }
  // (from what each selector covers, known by its signature: a large file repeats a few hundred)
  const own = ruleSelectors(ctx);
  const rules = ctx.doc.ruleSet.rules;
  for (let k = 0; k < rules.length; k++) {
    const r = rules[k];
    if (r.exceptDestinations.length === 0 || earlier.overlaps(r.span)) continue;
    if (r.destinations.some((d) => d.regime?.some((x) => cyclic.has(x)))) continue;
    const sig = (d: DestinationSelector, j: number) => (own.first[k] >= 0 ? own.sig(own.first[k] + j) : destinationSig(d));
    const before = union(r.destinations.map((d, j) => cover!(sig(d, j + r.items.length), d)));
    // (when the selectors cover nothing before the except, a selector said it already)
    if (before !== 'any' && before.size === 0) continue;
    const skip = r.items.length + r.destinations.length + r.exceptItems.length;
    const except = union(r.exceptDestinations.map((d, j) => cover!(sig(d, j + skip), d)));
    // nothing left of what the selectors cover (the engine's own answer when they cover everything)
    const nothingLeft = except === 'any' || (before === 'any' ? isEmpty(ctx.engine.ruleDestinations(r)) : isSubset(before, except));
    if (!nothingLeft) continue;
    const at = locate(ctx.doc.root, `${r.pointer}/when/except/destinations`);
    if (at.key) report(ctx, 'matches-nothing', 'warning', spanOf(at.key), 'The except destinations remove every destination this rule covers: it never applies');
  }
}

/**
 * What a destination selector covers, as the engine resolves it, by signature (equal
 * signatures, equal cover): asked once per signature and engine.
 */
const covers = new WeakMap<Engine, Map<string, ReadonlySet<string> | 'any'>>();
function coverOf(engine: Engine): (sig: string, sel: DestinationSelector) => ReadonlySet<string> | 'any' {
  let m = covers.get(engine);
  if (!m) covers.set(engine, (m = new Map()));
  const memo = m;
  return (sig, sel) => {
    let c = memo.get(sig);
    if (c === undefined) memo.set(sig, (c = engine.ruleDestinations(probeRule(sel))));
    return c;
  };
}

/** The union of selectors' covers, as the engine makes it of a rule's list ('any' when one is). */
function union(sets: (ReadonlySet<string> | 'any')[]): ReadonlySet<string> | 'any' {
  if (sets.length === 1) return sets[0];
  const out = new Set<string>();
  for (const s of sets) {
    if (s === 'any') return 'any';
    for (const c of s) out.add(c);
  }
  return out;
}

const isEmpty = (d: ReadonlySet<string> | 'any'): boolean => d !== 'any' && d.size === 0;

function isSubset(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const c of a) if (!b.has(c)) return false;
  return true;
}

function countriesOnly(s: DestinationSelector): s is DestinationSelector & { country: string[] } {
  return s.country !== undefined && s.countryGroup === undefined && s.chart === undefined && s.regime === undefined && s.any === undefined;
}

/** True when the reference data knows one of the codes as a destination. */
function knowsOne(catalog: Catalog, codes: string[]): boolean {
  for (let i = 0; i < codes.length; i++) if (catalog.destination(codes[i])) return true;
  return false;
}

/** A rule with one destination selector, to ask the engine what that selector covers. */
function probeRule(sel: DestinationSelector): Rule {
  return {
    ruleset: '',
    id: '',
    items: [],
    destinations: [sel],
    exceptItems: [],
    exceptDestinations: [],
    decision: 'no-license-required',
    exceptions: [],
    reasonForControl: [],
    pointer: sel.pointer,
    location: { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    span: { start: 0, end: 0 },
  };
}

function describeDestinations(s: DestinationSelector): string {
  const parts: string[] = [];
  if (s.country) parts.push(`country ${s.country.join(' or ')}`);
  if (s.countryGroup) parts.push(`Country Group ${s.countryGroup.join(' or ')}`);
  if (s.chart) parts.push(`Country Chart column ${s.chart.join(' or ')}`);
  if (s.regime) parts.push(`regime ${s.regime.join(' or ')}`);
  return parts.length > 1 ? `no destination is ${parts.join(' and ')} at once` : `${parts[0] ?? 'it'} has no members`;
}

const contradictionCache = new WeakMap<Catalog, Map<string, string | undefined>>();

/** Why no item can satisfy every key of the selector, or undefined when some can. */
export function itemContradiction(s: ItemSelector, catalog: Catalog): string | undefined {
  // ECCNs alone (most selectors) never contradict: each is the code checks' business
  if (s.category === undefined && s.productGroup === undefined && s.reason === undefined && s.ccl === undefined && s.ear99 === undefined) return undefined;
  if (s.ccl && s.ear99) return '`ccl: true` (an ECCN on the Commerce Control List) and `ear99: true` cannot both hold';
  const eccns = s.eccn?.map((e) => e.trim().toUpperCase());
  const classed = [s.category && 'a CCL category', s.productGroup && 'a product group', s.reason && 'a reason for control', s.ccl && 'an entry on the CCL'].filter(
    (x): x is string => !!x,
  );
  if (eccns?.every((e) => e === 'EAR99') && classed.length) return `EAR99 has no ${classed[0].replace(/^an? /, '')}, so \`eccn: EAR99\` with ${classed.join(' and ')} matches nothing`;
  if (s.ear99 && classed.length) return `an EAR99 item has no ${classed[0].replace(/^an? /, '')}`;
  if (s.ear99 && eccns && !eccns.includes('EAR99')) return `\`ear99: true\` but the ECCN must be ${eccns.join(' or ')}`;
  const keys = (['eccn', 'category', 'productGroup', 'reason', 'ccl', 'ear99'] as const).filter((k) => s[k] !== undefined);
  // a lone ECCN is the code checks' business; otherwise some catalog entry must satisfy every key
  if (keys.length === 0 || (keys.length === 1 && keys[0] === 'eccn') || catalog.data.eccns.length === 0) return undefined;
  const sig = JSON.stringify(keys.map((k) => [k, s[k]]));
  let cache = contradictionCache.get(catalog);
  if (!cache) contradictionCache.set(catalog, (cache = new Map()));
  if (cache.has(sig)) return cache.get(sig);
  const want = wanted(s, eccns);
  const fits = eccnFacts(catalog).some((e) => eccnFits(e, want));
  const what = keys.map((k) => `${k} ${String(s[k])}`).join(' and ');
  const why = fits ? undefined : `no ECCN on the Commerce Control List (${catalog.data.dataAsOf}) satisfies ${what}${keys.length > 1 ? ' together' : ''}`;
  cache.set(sig, why);
  return why;
}

/** What eccnFits reads of each catalog entry, upper-cased once per catalog (not per entry per selector). */
interface EccnFacts {
  code: string;
  /** Every reason and chart column of the entry, for any paragraph. */
  controls: Set<string>;
}

const factsCache = new WeakMap<Catalog, EccnFacts[]>();

/** Builds the catalog facts ahead of the first check (see prepareDomainChecks). */
export function prepareScopeChecks(catalog: Catalog): void {
  eccnFacts(catalog);
}

function eccnFacts(catalog: Catalog): EccnFacts[] {
  let facts = factsCache.get(catalog);
  if (!facts) {
    facts = catalog.data.eccns.map((e) => ({
      code: e.code.toUpperCase(),
      controls: new Set([...e.reasons, ...e.controls.flatMap((c) => [c.reason, ...c.columns])].map((c) => c.toUpperCase())),
    }));
    factsCache.set(catalog, facts);
  }
  return facts;
}

/** What an item selector asks of a catalog entry, its values normalized once (not once per entry). */
interface Wanted {
  /** ECCN patterns (`3A*`: the prefix; `3A001.a`: the entry) */
  prefixes: string[];
  entries: string[];
  anyEccn: boolean;
  category: string[] | undefined;
  productGroups: Set<string> | undefined;
  reasons: string[] | undefined;
  ccl: boolean | undefined;
  ear99: boolean | undefined;
}

function wanted(s: ItemSelector, eccns: string[] | undefined): Wanted {
  const prefixes: string[] = [];
  const entries: string[] = [];
  for (const p of eccns ?? []) {
    if (p.endsWith('*')) prefixes.push(p.slice(0, -1));
    else entries.push(p.split('.')[0]);
  }
  return {
    prefixes,
    entries,
    anyEccn: eccns === undefined,
    category: s.category,
    productGroups: s.productGroup && new Set(s.productGroup.map((g) => g.toUpperCase())),
    reasons: s.reason?.map((r) => r.trim().toUpperCase()),
    ccl: s.ccl,
    ear99: s.ear99,
  };
}

function eccnFits(e: EccnFacts, w: Wanted): boolean {
  const code = e.code;
  const ear99 = code === 'EAR99';
  if (!w.anyEccn && !w.entries.includes(code) && !w.prefixes.some((prefix) => code.startsWith(prefix) || prefix.startsWith(`${code}.`))) return false;
  if (w.category && (ear99 || !w.category.includes(code[0]))) return false;
  if (w.productGroups && (ear99 || !w.productGroups.has(code[1]))) return false;
  // any row of the entry, for any paragraph: a paragraph of it may be so controlled
  if (w.reasons && !w.reasons.some((r) => e.controls.has(r))) return false;
  if (w.ccl !== undefined && w.ccl === ear99) return false;
  if (w.ear99 !== undefined && w.ear99 !== ear99) return false;
  return true;
}

// --- rules that never decide ---------------------------------------------------------------

/*
 * Signatures: equal signatures, equal scope. Each key present is written as a letter of its
 * own and its value, each value of a list with its length before it (`c[2:RU]`), so no value
 * can be mistaken for a separator or another key; an absent key is not written (most selectors
 * have one or two keys), and the signature ends with `;`.
 */
function destinationSig(s: DestinationSelector): string {
  let sig = '';
  if (s.country !== undefined) sig += `c${listSig(s.country, upper)}`;
  if (s.countryGroup !== undefined) sig += `g${listSig(s.countryGroup, upper)}`;
  if (s.chart !== undefined) sig += `h${listSig(s.chart, upper)}`;
  if (s.regime !== undefined) sig += `r${listSig(s.regime, trimmed)}`;
  if (s.any !== undefined) sig += `a${s.any}`;
  return `${sig};`;
}

/** An item selector's signature: equal sigs, equal items selected. */
function itemSig(s: ItemSelector): string {
  let sig = '';
  if (s.eccn !== undefined) sig += `e${listSig(s.eccn, upper)}`;
  if (s.category !== undefined) sig += `c${listSig(s.category, upper)}`;
  if (s.productGroup !== undefined) sig += `g${listSig(s.productGroup, upper)}`;
  if (s.reason !== undefined) sig += `r${listSig(s.reason, upper)}`;
  if (s.ccl !== undefined) sig += `C${s.ccl}`;
  if (s.ear99 !== undefined) sig += `E${s.ear99}`;
  if (s.hs !== undefined) sig += `h${listSig(s.hs, digits)}`;
  if (s.product !== undefined) sig += `p${listSig(s.product, upper)}`;
  if (s.origin !== undefined) sig += `o${lengthPrefixed(s.origin)}`;
  if (s.directProductOf !== undefined) sig += `d${listSig(s.directProductOf, upper)}`;
  if (s.cas !== undefined) sig += `s${listSig(s.cas, upper)}`;
  if (s.minUnitValue !== undefined) sig += `m${lengthPrefixed(String(s.minUnitValue))}`;
  return `${sig};`;
}

const upper = (x: string) => x.trim().toUpperCase();
const trimmed = (x: string) => x.trim();
const digits = (x: string) => x.replace(/\D/g, '');
const lengthPrefixed = (x: string) => `${x.length}:${x}`;

/** `[2:RU3:UA ]`: the values normalized, without repeats, sorted (code-unit order), each with its length. */
function listSig(v: string[], norm: (x: string) => string): string {
  // (one value, the usual case, needs no set, sort or join)
  if (v.length === 1) return `[${lengthPrefixed(norm(v[0]))}]`;
  return `[${[...new Set(v.map(norm))].sort().map(lengthPrefixed).join('')}]`;
}

/**
 * The signatures of a rule's selectors, in the order of its items, destinations, except items
 * and except destinations (made once per rule: another file's rules, checked again and again).
 */
const sigsCache = new WeakMap<Rule, string[]>();
function selectorSigs(r: Rule): string[] {
  let sigs = sigsCache.get(r);
  if (!sigs) {
    sigs = [...r.items.map(itemSig), ...r.destinations.map(destinationSig), ...r.exceptItems.map(itemSig), ...r.exceptDestinations.map(destinationSig)];
    sigsCache.set(r, sigs);
  }
  return sigs;
}

/**
 * A rule's scope as a key: equal keys, equal scope. The scope is the set of signatures of each
 * of its four selector lists, and its own condition (which narrows it as much as a selector
 * does); each signature is numbered within one check (`ids`), so a key is a number for the
 * usual rule (one item and one destination signature, no except, no condition) and a short
 * text otherwise: the sorted numbers of each list, then the condition.
 */
function scopeKey(r: Rule, ids: ArrayLike<number>, from: number): number | string {
  const a = from + r.items.length;
  const b = a + r.destinations.length;
  const c = b + r.exceptItems.length;
  const d = c + r.exceptDestinations.length;
  const condition = r.condition ?? '';
  if (b === d && condition === '') {
    const item = single(ids, from, a);
    const destination = single(ids, a, b);
    // (a small integer, held without allocation, while the numbers stay below 2^15)
    if (item !== MANY && destination !== MANY && item < 32767 && destination < 32767) return (item + 1) * 32768 + (destination + 1);
  }
  return `${idSet(ids, from, a)}|${idSet(ids, a, b)}|${idSet(ids, b, c)}|${idSet(ids, c, d)}|${condition}`;
}

const MANY = -2;
/** The one number of ids[from..to) (repeats aside), -1 for none, MANY for more than one. */
function single(ids: ArrayLike<number>, from: number, to: number): number {
  if (from === to) return -1;
  for (let i = from + 1; i < to; i++) if (ids[i] !== ids[from]) return MANY;
  return ids[from];
}

function idSet(ids: ArrayLike<number>, from: number, to: number): string {
  const l: number[] = [];
  for (let i = from; i < to; i++) l.push(ids[i]);
  return [...new Set(l)].sort((x, y) => x - y).join(',');
}

/**
 * What the scope checks read of the file's rules' selectors, once per check: their signatures,
 * memoised by selector text (a large file repeats a few hundred selectors thousands of times),
 * and the numbers of the signatures (scopeKey); each made when first asked for.
 */
interface RuleSelectors {
  /** Where each rule's selectors start in the file's list (linkedSelectors), -1 when they do not stand together there. */
  first: readonly number[];
  /** The signature of the i-th selector of the file's list. */
  sig(i: number): string;
  /** The numbers of the signatures of the selectors from..to of the file's list (by index; the others -1). */
  ids(from: number, to: number): Int32Array;
  /** Numbers a signature, in this check. */
  number(sig: string): number;
}

const ruleSelectorsOf = new WeakMap<Ctx, RuleSelectors>();

function ruleSelectors(ctx: Ctx): RuleSelectors {
  let own = ruleSelectorsOf.get(ctx);
  if (own) return own;
  const { nodes: sels, first } = linkedSelectors(ctx.root, ctx.doc.ruleSet);
  const classes = selectorClasses(sels, ctx.doc.text);
  const sigs = new Array<string | undefined>(classes.count);
  const classIds = new Int32Array(classes.count).fill(-1);
  const sigOf = (s: SelectorNode) => (s.kind === 'item' ? itemSig(s.typed as ItemSelector) : destinationSig(s.typed as DestinationSelector));
  const sig = (i: number): string => {
    const c = classes.of[i];
    return c < 0 ? sigOf(sels[i]) : (sigs[c] ??= sigOf(sels[i]));
  };
  const numbers = new Map<string, number>();
  const number = (x: string): number => {
    let n = numbers.get(x);
    if (n === undefined) numbers.set(x, (n = numbers.size));
    return n;
  };
  const ids = new Int32Array(sels.length).fill(-1);
  own = {
    first,
    sig,
    ids: (from, to) => {
      for (let i = from; i < to; i++) {
        if (ids[i] >= 0) continue;
        const c = classes.of[i];
        ids[i] = c < 0 ? number(sig(i)) : classIds[c] >= 0 ? classIds[c] : (classIds[c] = number(sig(i)));
      }
      return ids;
    },
    number,
  };
  ruleSelectorsOf.set(ctx, own);
  return own;
}

interface PlacedRule {
  rule: Rule;
  doc: RuleDocument;
  /** Its place among the rules in force for some date, in workspace order. */
  order: number;
  from: string; // effective, '' when open
  to: string; // expires (exclusive), '~' when open
  /** scopeKey(rule). */
  scope: number | string;
}

/**
 * The rules in force for some date (the others are never compared), and, by scope key, the
 * rule alone in its scope (most) or the rules of one scope by decision rank, in workspace order.
 */
function placed(ctx: Ctx): { all: PlacedRule[]; byScope: Map<number | string, PlacedRule | PlacedRule[][]> } {
  const all: PlacedRule[] = [];
  const byScope = new Map<number | string, PlacedRule | PlacedRule[][]>();
  // this file's rules by their selectors' texts; the others' by their signatures, made once per rule
  const own = ruleSelectors(ctx);
  for (const doc of ctx.docs) {
    const set: RuleSet = doc.ruleSet;
    for (let k = 0; k < set.rules.length; k++) {
      const rule = set.rules[k];
      const from = rule.effective ?? set.effective ?? '';
      const to = rule.expires ?? set.expires ?? '~';
      if (from >= to) continue;
      const first = doc === ctx.doc ? own.first[k] : -1;
      const n = rule.items.length + rule.destinations.length + rule.exceptItems.length + rule.exceptDestinations.length;
      const scope = first >= 0 ? scopeKey(rule, own.ids(first, first + n), first) : scopeKey(rule, selectorSigs(rule).map(own.number), 0);
      const p: PlacedRule = { rule, doc, order: all.length, from, to, scope };
      all.push(p);
      const g = byScope.get(scope);
      if (g === undefined) byScope.set(scope, p);
      else if (Array.isArray(g)) g[DECISION_RANK[rule.decision]].push(p);
      else {
        const ranks: PlacedRule[][] = [[], [], []];
        ranks[DECISION_RANK[g.rule.decision]].push(g);
        ranks[DECISION_RANK[rule.decision]].push(p);
        byScope.set(scope, ranks);
      }
    }
  }
  return { all, byScope };
}

export function checkShadowing(ctx: Ctx): void {
  // A match is looked for from the head of its scope's list and mostly found there, so
  // thousands of rules of one scope (a generated file) cost about linear time, not a
  // comparison of every pair.
  const { all, byScope } = placed(ctx);
  const name = (p: PlacedRule) => `${p.rule.ruleset}/${p.rule.id}`;
  const related = (q: PlacedRule, message: string) => ({ location: q.rule.location, message });
  for (let i = 0; i < all.length; i++) {
    const p = all[i];
    if (p.doc !== ctx.doc) continue;
    const ranks = byScope.get(p.scope);
    if (!Array.isArray(ranks)) continue; // alone in its scope: nothing is stronger, nothing repeats it
    const rank = DECISION_RANK[p.rule.decision];
    // stronger over the whole of this rule's dates: this one never decides (the most
    // restrictive such rule, the first of those)
    let stronger: PlacedRule | undefined;
    for (let r = ranks.length - 1; r > rank && !stronger; r--) stronger = ranks[r].find((q) => (work.steps++, q.from <= p.from && q.to >= p.to));
    if (stronger) {
      report(ctx, 'shadowed-rule', 'warning', nodeSpanOfId(ctx, p.rule), `This rule never decides: ${name(stronger)} covers the same items, destinations and dates and decides ${stronger.rule.decision}, which is more restrictive than ${p.rule.decision}`, {
        unnecessary: true,
        related: [related(stronger, `decides ${stronger.rule.decision} for the same scope`)],
      });
      continue;
    }
    let twin: PlacedRule | undefined;
    for (const q of ranks[rank]) {
      work.steps++;
      if (q.order >= p.order) break;
      if (q.rule.decision === p.rule.decision && q.from < p.to && p.from < q.to) {
        twin = q;
        break;
      }
    }
    if (twin)
      report(ctx, 'duplicate-rule', 'hint', nodeSpanOfId(ctx, p.rule), `This rule repeats ${name(twin)}: the same items, destinations and decision (${p.rule.decision}) for overlapping dates`, {
        related: [related(twin, 'the same rule')],
      });
  }
}

function nodeSpanOfId(ctx: Ctx, r: Rule): Span {
  return { start: ctx.doc.lines.offsetAt(r.location.range.start), end: ctx.doc.lines.offsetAt(r.location.range.end) };
}

