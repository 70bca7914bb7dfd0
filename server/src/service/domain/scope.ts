// Domain checks of scope: selectors that match nothing, and rules that never decide.
import type { Catalog } from '../../catalog/types';
import type { RuleDocument } from '../../model/document';
import { locate } from '../../model/pointer';
import { DECISION_RANK, type DestinationSelector, type ItemSelector, type Rule, type RuleSet, type Span } from '../../model/types';
import { type YMap } from '../../model/yamlTree';
import { selectorNodes } from '../navigation';
import { type Ctx, CleanSelectors, findings, report, spanOf } from './context';
import { nodeAtPointer } from './structure';
import { work } from '../../model/work';

// --- selectors that match nothing ----------------------------------------------------------

/** Answers "does an earlier finding lie in this span?" (its own diagnostic already says it) in log time. */

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
  const rules = new Map(ctx.doc.ruleSet.rules.map((r) => [r.pointer, r]));
  const regimes = new Map(ctx.doc.ruleSet.regimes.map((r) => [r.pointer, r]));
  const sels = selectorNodes(ctx.root);
  const cyclic = new Set(ctx.engine?.regimeProblems.filter((p) => p.kind !== 'duplicate').flatMap((p) => p.path) ?? []);
  const earlier = findings(ctx);
  const coversNothing = new Map<string, boolean>();
  // selector texts judged with nothing to report: not judged again where they stand again
  const clean = new CleanSelectors(ctx.doc);
  for (const s of sels) {
    const span = selectorSpan(s.node);
    if (earlier.overlaps(span) || clean.has(s)) continue;
    if (s.kind === 'item') {
      const sel = findSelector(rules.get(s.owner), s.pointer, 'item');
      if (!sel) continue;
      const why = itemContradiction(sel, ctx.catalog);
      if (!why) {
        clean.add(s);
        continue;
      }
      // only the reference data makes it empty (no ECCN controlled for CB1 as a whole today):
      // not the author's mistake, so information rather than a warning
      const dataOnly = onlyKeys(sel, ['reason']);
      report(ctx, 'matches-nothing', dataOnly ? 'info' : 'warning', span, `This item selector matches nothing: ${why}${dataOnly ? ' (with today\'s reference data; the rule applies again if the data changes)' : ''}`);
    } else if (ctx.engine && !s.except) {
      const sel = findSelector(rules.get(s.owner), s.pointer, 'destination') ?? regimes.get(s.owner)?.include.find((x) => x.pointer === s.pointer);
      if (!sel || sel.regime?.some((r) => cyclic.has(r))) continue;
      // countries alone (most selectors) cover something when one of them is a destination the
      // reference data knows: no need to resolve them
      if (countriesOnly(sel) && sel.country.some((c) => ctx.catalog.destination(c))) {
        clean.add(s);
        continue;
      }
      const sig = destinationSig(sel);
      let empty = coversNothing.get(sig);
      if (empty === undefined) {
        const covered = ctx.engine.ruleDestinations(probeRule(sel));
        coversNothing.set(sig, (empty = covered !== 'any' && covered.size === 0));
      }
      if (!empty) {
        clean.add(s);
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
  // (judged once per pair of selector lists: a large file repeats a few of them)
  const neverApplies = new Map<string, boolean>();
  for (const r of ctx.doc.ruleSet.rules) {
    if (r.exceptDestinations.length === 0 || earlier.overlaps(r.span)) continue;
    if (r.destinations.some((d) => d.regime?.some((x) => cyclic.has(x)))) continue;
    const lists = `${r.destinations.map(selectorData).join(';')}!${r.exceptDestinations.map(selectorData).join(';')}`;
    let never = neverApplies.get(lists);
    if (never === undefined) {
      const all = ctx.engine.ruleDestinations(r);
      const before = all === 'any' || all.size > 0 ? undefined : ctx.engine.ruleDestinations({ ...r, exceptDestinations: [] });
      // (when the selectors cover nothing before the except, a selector said it already)
      neverApplies.set(lists, (never = before !== undefined && (before === 'any' || before.size > 0)));
    }
    if (!never) continue;
    const except = locate(ctx.doc.root, `${r.pointer}/when/except/destinations`);
    if (except.key) report(ctx, 'matches-nothing', 'warning', spanOf(except.key), 'The except destinations remove every destination this rule covers: it never applies');
  }
}

function countriesOnly(s: DestinationSelector): s is DestinationSelector & { country: string[] } {
  return s.country !== undefined && s.countryGroup === undefined && s.chart === undefined && s.regime === undefined && s.any === undefined;
}

function findSelector<K extends 'item' | 'destination'>(rule: Rule | undefined, pointer: string, kind: K): (K extends 'item' ? ItemSelector : DestinationSelector) | undefined {
  if (!rule) return undefined;
  const lists = kind === 'item' ? [rule.items, rule.exceptItems] : [rule.destinations, rule.exceptDestinations];
  for (const l of lists as { pointer: string }[][]) {
    const hit = l.find((x) => x.pointer === pointer);
    if (hit) return hit as K extends 'item' ? ItemSelector : DestinationSelector;
  }
  return undefined;
}

/** A destination selector's data as written (its pointer aside): equal data, equal cover. */
function selectorData(s: DestinationSelector): string {
  return JSON.stringify([s.country, s.countryGroup, s.chart, s.regime, s.any]);
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
  const fits = eccnFacts(catalog).some((e) => eccnFits(e, s, eccns));
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

function eccnFits(e: EccnFacts, s: ItemSelector, eccns: string[] | undefined): boolean {
  const code = e.code;
  const ear99 = code === 'EAR99';
  if (eccns && !eccns.some((p) => (p.endsWith('*') ? code.startsWith(p.slice(0, -1)) || p.slice(0, -1).startsWith(`${code}.`) : p.split('.')[0] === code))) return false;
  if (s.category && (ear99 || !s.category.includes(code[0]))) return false;
  if (s.productGroup && (ear99 || !s.productGroup.some((g) => g.toUpperCase() === code[1]))) return false;
  // any row of the entry, for any paragraph: a paragraph of it may be so controlled
  if (s.reason && !s.reason.some((r) => e.controls.has(r.trim().toUpperCase()))) return false;
  if (s.ccl !== undefined && s.ccl === ear99) return false;
  if (s.ear99 !== undefined && s.ear99 !== ear99) return false;
  return true;
}

// --- rules that never decide ---------------------------------------------------------------

const scopeCache = new WeakMap<Rule, string>();

/*
 * Signatures: equal signatures, equal scope. Each value is written with its length before it
 * (`3:RU,`), so no value can be mistaken for a separator; an absent key is `~`.
 */
function destinationSig(s: DestinationSelector): string {
  return `${listSig(s.country)}${listSig(s.countryGroup)}${listSig(s.chart)}${listSig(s.regime, trimmed)}${s.any ?? '~'}`;
}

/** An item selector's signature: equal sigs, equal items selected. */
function itemSig(s: ItemSelector): string {
  return (
    `${listSig(s.eccn)}${listSig(s.category)}${listSig(s.productGroup)}${listSig(s.reason)}${s.ccl ?? '~'}${s.ear99 ?? '~'}` +
    `${listSig(s.hs, digits)}${listSig(s.product)}${s.origin ?? '~'}${listSig(s.directProductOf)}${listSig(s.cas)}${s.minUnitValue ?? '~'};`
  );
}

const upper = (x: string) => x.trim().toUpperCase();
const trimmed = (x: string) => x.trim();
const digits = (x: string) => x.replace(/\D/g, '');
const lengthPrefixed = (x: string) => `${x.length}:${x}`;

function listSig(v: string[] | undefined, norm: (x: string) => string = upper): string {
  if (!v) return '~';
  // (one value, the usual case, needs no set, sort or join)
  if (v.length === 1) return `[${lengthPrefixed(norm(v[0]))}]`;
  return `[${[...new Set(v.map(norm))].sort().map(lengthPrefixed).join('')}]`;
}

/** Item and destination selectors and excepts, normalized: equal text, equal scope. */
function scopeOf(r: Rule): string {
  let sig = scopeCache.get(r);
  if (sig !== undefined) return sig;
  const item = itemSig;
  const dest = destinationSig;
  const set = <T>(l: T[], f: (x: T) => string) => (l.length === 0 ? '' : l.length === 1 ? f(l[0]) : [...new Set(l.map(f))].sort().join(';'));
  // a rule's own condition narrows it as much as a selector does
  sig = [set(r.items, item), set(r.destinations, dest), set(r.exceptItems, item), set(r.exceptDestinations, dest), r.condition ?? ''].join('|');
  scopeCache.set(r, sig);
  return sig;
}

interface PlacedRule {
  rule: Rule;
  doc: RuleDocument;
  order: number;
  from: string; // effective, '' when open
  to: string; // expires (exclusive), '~' when open
  /** scopeOf(rule), for rules in force for some date (the others are never compared). */
  scope: string;
}

function placed(docs: RuleDocument[]): PlacedRule[] {
  const out: PlacedRule[] = [];
  for (const doc of docs) {
    const set: RuleSet = doc.ruleSet;
    for (const rule of set.rules)
      out.push({ rule, doc, order: out.length, from: rule.effective ?? set.effective ?? '', to: rule.expires ?? set.expires ?? '~', scope: '' });
  }
  return out;
}

export function checkShadowing(ctx: Ctx): void {
  const all = placed(ctx.docs);
  // Rules of one scope by decision rank, in workspace order (`order`). A match is looked for
  // from the head of its list and mostly found there, so thousands of rules of one scope (a
  // generated file) cost about linear time, not a comparison of every pair.
  const byScope = new Map<string, PlacedRule[][]>();
  for (const p of all) {
    if (p.from >= p.to) continue;
    const key = (p.scope = scopeOf(p.rule));
    let ranks = byScope.get(key);
    if (!ranks) byScope.set(key, (ranks = [[], [], []]));
    ranks[DECISION_RANK[p.rule.decision]].push(p);
  }
  const name = (p: PlacedRule) => `${p.rule.ruleset}/${p.rule.id}`;
  const related = (q: PlacedRule, message: string) => ({ location: q.rule.location, message });
  for (const p of all) {
    if (p.doc !== ctx.doc || p.to <= p.from) continue;
    const ranks = byScope.get(p.scope)!;
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

