// Domain checks of scope: selectors that match nothing, and rules that never decide.
import type { Catalog, Eccn } from '../../catalog/types';
import type { RuleDocument } from '../../model/document';
import { locate } from '../../model/pointer';
import { DECISION_RANK, type DestinationSelector, type ItemSelector, type Rule, type RuleSet, type Span } from '../../model/types';
import { type YMap } from '../../model/yamlTree';
import { selectorNodes } from '../navigation';
import { type Ctx, findings, report, selectorKey, spanOf } from './context';
import { nodeAtPointer } from './structure';

// --- selectors that match nothing ----------------------------------------------------------

/** Answers "does an earlier finding lie in this span?" (its own diagnostic already says it) in log time. */

/** A selector's own span: a flow mapping whole, a block mapping from its first key to its last value. */
export function selectorSpan(n: YMap): Span {
  if (n.flow || n.items.length === 0) return spanOf(n);
  const last = n.items[n.items.length - 1];
  return { start: n.items[0].key.start, end: last.value?.end ?? last.key.end };
}

/** True when the selector uses no keys but these (besides its pointer). */
export function onlyKeys(sel: object, keys: string[]): boolean {
  const own = Object.keys(sel).filter((k) => k !== 'pointer' && (sel as Record<string, unknown>)[k] !== undefined);
  return own.length > 0 && own.every((k) => keys.includes(k));
}

export function checkMatchesNothing(ctx: Ctx): void {
  const rules = new Map(ctx.doc.ruleSet.rules.map((r) => [r.pointer, r]));
  const regimes = new Map(ctx.doc.ruleSet.regimes.map((r) => [r.pointer, r]));
  const sels = selectorNodes(ctx.root);
  const cyclic = new Set(ctx.engine?.regimeProblems.filter((p) => p.kind !== 'duplicate').flatMap((p) => p.path) ?? []);
  const earlier = findings(ctx);
  const coversNothing = new Map<string, boolean>();
  const clean = new Set<string>(); // selector texts found to match something
  for (const s of sels) {
    if (cannotBeEmpty(ctx, s.node, s.kind)) continue;
    const text = selectorKey(ctx, s);
    if (text !== undefined && clean.has(text)) continue;
    const span = selectorSpan(s.node);
    if (earlier.overlaps(span)) continue;
    if (s.kind === 'item') {
      const sel = findSelector(rules.get(s.owner), s.pointer, 'item');
      const why = sel && itemContradiction(sel, ctx.catalog);
      // only the reference data makes it empty (no ECCN controlled for CB1 as a whole today):
      // not the author's mistake, so information rather than a warning
      const dataOnly = why && onlyKeys(sel, ['reason']);
      if (why)
        report(ctx, 'matches-nothing', dataOnly ? 'info' : 'warning', span, `This item selector matches nothing: ${why}${dataOnly ? ' (with today\'s reference data; the rule applies again if the data changes)' : ''}`);
      else if (sel && text !== undefined) clean.add(text);
    } else if (ctx.engine && !s.except) {
      const sel = findSelector(rules.get(s.owner), s.pointer, 'destination') ?? regimes.get(s.owner)?.include.find((x) => x.pointer === s.pointer);
      if (!sel || sel.regime?.some((r) => cyclic.has(r))) continue;
      const key = destinationSig(sel);
      let empty = coversNothing.get(key);
      if (empty === undefined) {
        const covered = ctx.engine.ruleDestinations(probeRule(sel));
        coversNothing.set(key, (empty = covered !== 'any' && covered.size === 0));
      }
      if (!empty && text !== undefined) clean.add(text);
      if (empty) {
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
  // what a list of destination selectors covers, asked once per list (by signature)
  const engine = ctx.engine;
  const covers = new Map<string, ReadonlySet<string> | 'any'>();
  const coverOf = (sels: DestinationSelector[]) => {
    const key = destinationsSig(sels);
    let c = covers.get(key);
    if (c === undefined) covers.set(key, (c = engine.ruleDestinations({ ...probeRule(sels[0]), destinations: sels })));
    return c;
  };
  for (const r of ctx.doc.ruleSet.rules) {
    if (r.exceptDestinations.length === 0 || earlier.overlaps(r.span)) continue;
    if (r.destinations.some((d) => d.regime?.some((x) => cyclic.has(x)))) continue;
    // the rule's destinations (what it covers less what it excepts) are empty: decided without
    // making that difference, which is rarely empty (a broad selector less a country or two)
    const covered = coverOf(r.destinations);
    const excepted = coverOf(r.exceptDestinations);
    let empty: boolean;
    if (excepted === 'any') empty = true;
    else if (covered === 'any') {
      const all = engine.ruleDestinations(r);
      empty = all !== 'any' && all.size === 0;
    } else if (covered.size > excepted.size) empty = false;
    else {
      empty = true;
      for (const c of covered) if (!excepted.has(c)) empty = false;
    }
    if (!empty) continue;
    if (covered !== 'any' && covered.size === 0) continue; // a selector said it already
    const except = locate(ctx.doc.root, `${r.pointer}/when/except/destinations`);
    if (except.key) report(ctx, 'matches-nothing', 'warning', spanOf(except.key), 'The except destinations remove every destination this rule covers: it never applies');
  }
}

/**
 * The usual selectors, known not to match nothing without asking the catalog or the engine:
 * an item selector of one ECCN (or ECCN pattern: the code checks judge those), and a
 * destination selector of countries of which one is known (it covers at least that one).
 * Thousands of rules are mostly these.
 */
function cannotBeEmpty(ctx: Ctx, n: YMap, kind: 'item' | 'destination'): boolean {
  if (n.items.length !== 1) return false;
  const { key, value } = n.items[0];
  if (kind === 'item') return key.value === 'eccn';
  if (key.value !== 'country' || !value) return false;
  if (value.kind === 'scalar') return typeof value.value === 'string' && ctx.catalog.destination(value.value) !== undefined;
  if (value.kind !== 'seq') return false;
  for (const x of value.items) if (x?.kind === 'scalar' && typeof x.value === 'string' && ctx.catalog.destination(x.value) !== undefined) return true;
  return false;
}

export function findSelector<K extends 'item' | 'destination'>(rule: Rule | undefined, pointer: string, kind: K): (K extends 'item' ? ItemSelector : DestinationSelector) | undefined {
  if (!rule) return undefined;
  const lists = kind === 'item' ? [rule.items, rule.exceptItems] : [rule.destinations, rule.exceptDestinations];
  for (const l of lists as { pointer: string }[][]) {
    const hit = l.find((x) => x.pointer === pointer);
    if (hit) return hit as K extends 'item' ? ItemSelector : DestinationSelector;
  }
  return undefined;
}

/** A rule with one destination selector, to ask the engine what that selector covers. */
export function probeRule(sel: DestinationSelector): Rule {
  return {
    ruleset: '',
    id: '',
    items: [],
    destinations: [sel],
    exceptItems: [],
    exceptDestinations: [],
    decision: 'no-license-required',
    exceptions: [],
    pointer: sel.pointer,
    location: { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    span: { start: 0, end: 0 },
  };
}

export function describeDestinations(s: DestinationSelector): string {
  const parts: string[] = [];
  if (s.country) parts.push(`country ${s.country.join(' or ')}`);
  if (s.countryGroup) parts.push(`Country Group ${s.countryGroup.join(' or ')}`);
  if (s.chart) parts.push(`Country Chart column ${s.chart.join(' or ')}`);
  if (s.regime) parts.push(`regime ${s.regime.join(' or ')}`);
  return parts.length > 1 ? `no destination is ${parts.join(' and ')} at once` : `${parts[0] ?? 'it'} has no members`;
}

export const contradictionCache = new WeakMap<Catalog, Map<string, string | undefined>>();

/** Why no item can satisfy every key of the selector, or undefined when some can. */
export function itemContradiction(s: ItemSelector, catalog: Catalog): string | undefined {
  // a lone ECCN (most selectors) is the code checks' business
  if (s.eccn && s.category === undefined && s.productGroup === undefined && s.reason === undefined && s.ccl === undefined && s.ear99 === undefined) return undefined;
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
  const fits = catalog.data.eccns.some((e) => eccnFits(e, s, eccns));
  const what = keys.map((k) => `${k} ${String(s[k])}`).join(' and ');
  const why = fits ? undefined : `no ECCN on the Commerce Control List (${catalog.data.dataAsOf}) satisfies ${what}${keys.length > 1 ? ' together' : ''}`;
  cache.set(sig, why);
  return why;
}

export function eccnFits(e: Eccn, s: ItemSelector, eccns: string[] | undefined): boolean {
  const code = e.code.toUpperCase();
  const ear99 = code === 'EAR99';
  if (eccns && !eccns.some((p) => (p.endsWith('*') ? code.startsWith(p.slice(0, -1)) || p.slice(0, -1).startsWith(`${code}.`) : p.split('.')[0] === code))) return false;
  if (s.category && (ear99 || !s.category.includes(code[0]))) return false;
  if (s.productGroup && (ear99 || !s.productGroup.map((g) => g.toUpperCase()).includes(code[1]))) return false;
  if (s.reason) {
    const controls = new Set([...e.reasons, ...e.entireEntryColumns].map((c) => c.toUpperCase()));
    if (!s.reason.some((r) => controls.has(r.trim().toUpperCase()))) return false;
  }
  if (s.ccl !== undefined && s.ccl === ear99) return false;
  if (s.ear99 !== undefined && s.ear99 !== ear99) return false;
  return true;
}

// --- rules that never decide ---------------------------------------------------------------

export const scopeCache = new WeakMap<Rule, string>();

// Signatures: equal text, equal signature. Built by hand, not with JSON.stringify and a Set
// per list: they are made for every selector of every rule in the workspace on opening a file.
const NONE = '\u0001'; // a key that is absent (an empty list is '')
const SEP = '\u0000';

/** The parts after the first, all absent: the usual selector of one key. */
const REST_OF_DESTINATION = `${SEP}${NONE}`.repeat(4);
const REST_OF_ITEM = `${SEP}${NONE}`.repeat(9);

export function destinationSig(s: DestinationSelector): string {
  if (s.countryGroup === undefined && s.chart === undefined && s.regime === undefined && s.any === undefined) return `${listSig(s.country) ?? NONE}${REST_OF_DESTINATION}`;
  return `${listSig(s.country) ?? NONE}${SEP}${listSig(s.countryGroup) ?? NONE}${SEP}${listSig(s.chart) ?? NONE}${SEP}${listSig(s.regime, trim) ?? NONE}${SEP}${s.any === undefined ? NONE : String(s.any)}`;
}

const trim = (x: string) => x.trim();
const upper = (x: string) => x.trim().toUpperCase();
const digits = (x: string) => x.replace(/\D/g, '');

/** The values normalized, without repeats, sorted, joined. */
export function listSig(v: string[] | undefined, norm: (x: string) => string = upper): string | undefined {
  if (!v) return undefined;
  if (v.length === 1) return norm === upper ? v[0].trim().toUpperCase() : norm(v[0]);
  return [...new Set(v.map(norm))].sort().join(',');
}

const flag = (b: boolean | undefined) => (b === undefined ? NONE : String(b));

function itemSig(s: ItemSelector): string {
  if (
    s.category === undefined && s.productGroup === undefined && s.reason === undefined && s.ccl === undefined && s.ear99 === undefined &&
    s.hs === undefined && s.product === undefined && s.origin === undefined && s.directProductOf === undefined
  )
    return `${listSig(s.eccn) ?? NONE}${REST_OF_ITEM}`;
  return `${listSig(s.eccn) ?? NONE}${SEP}${listSig(s.category) ?? NONE}${SEP}${listSig(s.productGroup) ?? NONE}${SEP}${listSig(s.reason) ?? NONE}${SEP}${flag(s.ccl)}${SEP}${flag(s.ear99)}${SEP}${listSig(s.hs, digits) ?? NONE}${SEP}${listSig(s.product) ?? NONE}${SEP}${s.origin ?? NONE}${SEP}${listSig(s.directProductOf) ?? NONE}`;
}

/** The signatures of a list of selectors, without repeats, sorted, joined. */
function itemsSig(l: ItemSelector[]): string {
  if (l.length === 0) return '';
  if (l.length === 1) return itemSig(l[0]);
  return [...new Set(l.map(itemSig))].sort().join(';');
}

function destinationsSig(l: DestinationSelector[]): string {
  if (l.length === 0) return '';
  if (l.length === 1) return destinationSig(l[0]);
  return [...new Set(l.map(destinationSig))].sort().join(';');
}

/** Item and destination selectors and excepts, normalized: equal text, equal scope. */
export function scopeOf(r: Rule): string {
  let sig = scopeCache.get(r);
  if (sig !== undefined) return sig;
  sig = `${itemsSig(r.items)}|${destinationsSig(r.destinations)}|${itemsSig(r.exceptItems)}|${destinationsSig(r.exceptDestinations)}`;
  scopeCache.set(r, sig);
  return sig;
}

export interface PlacedRule {
  rule: Rule;
  doc: RuleDocument;
  order: number;
  from: string; // effective, '' when open
  to: string; // expires (exclusive), '~' when open
}

export function placed(docs: RuleDocument[]): PlacedRule[] {
  const out: PlacedRule[] = [];
  for (const doc of docs) {
    const set: RuleSet = doc.ruleSet;
    for (const rule of set.rules)
      out.push({ rule, doc, order: out.length, from: rule.effective ?? set.effective ?? '', to: rule.expires ?? set.expires ?? '~' });
  }
  return out;
}

export function checkShadowing(ctx: Ctx): void {
  const all = placed(ctx.docs);
  // The rules of each scope, in workspace order (`order`). Most scopes hold one rule, which
  // nothing can shadow or repeat. In a scope of several, a match is looked for by rank from
  // the head of its list and mostly found there, so thousands of rules of one scope (a
  // generated file) cost about linear time, not a comparison of every pair.
  const byScope = new Map<string, PlacedRule[]>();
  const keys = new Map<PlacedRule, string>();
  for (const p of all) {
    if (p.from >= p.to) continue;
    const key = scopeOf(p.rule);
    if (p.doc === ctx.doc) keys.set(p, key);
    const list = byScope.get(key);
    if (list) list.push(p);
    else byScope.set(key, [p]);
  }
  const name = (p: PlacedRule) => `${p.rule.ruleset}/${p.rule.id}`;
  const related = (q: PlacedRule, message: string) => ({ location: q.rule.location, message });
  // a scope's rules by decision rank, in workspace order: made only for scopes of several rules
  const byRank = new Map<PlacedRule[], PlacedRule[][]>();
  const ranksOf = (list: PlacedRule[]): PlacedRule[][] => {
    let ranks = byRank.get(list);
    if (!ranks) {
      byRank.set(list, (ranks = [[], [], []]));
      for (const q of list) ranks[DECISION_RANK[q.rule.decision]].push(q);
    }
    return ranks;
  };
  for (const [p, key] of keys) {
    const list = byScope.get(key)!;
    if (list.length === 1) continue;
    const ranks = ranksOf(list);
    const rank = DECISION_RANK[p.rule.decision];
    // stronger over the whole of this rule's dates: this one never decides (the most
    // restrictive such rule, the first of those; mostly found at the head of its list)
    let stronger: PlacedRule | undefined;
    for (let r = ranks.length - 1; r > rank && !stronger; r--) stronger = ranks[r].find((q) => q.from <= p.from && q.to >= p.to);
    if (stronger) {
      report(ctx, 'shadowed-rule', 'warning', nodeSpanOfId(ctx, p.rule), `This rule never decides: ${name(stronger)} covers the same items, destinations and dates and decides ${stronger.rule.decision}, which is more restrictive than ${p.rule.decision}`, {
        unnecessary: true,
        related: [related(stronger, `decides ${stronger.rule.decision} for the same scope`)],
      });
      continue;
    }
    let twin: PlacedRule | undefined;
    for (const q of ranks[rank]) {
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

export function nodeSpanOfId(ctx: Ctx, r: Rule): Span {
  return { start: ctx.doc.lines.offsetAt(r.location.range.start), end: ctx.doc.lines.offsetAt(r.location.range.end) };
}

