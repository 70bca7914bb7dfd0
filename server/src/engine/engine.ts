// The decision engine: built once per set of rule files (the server rebuilds it when rules
// change), then asked about an item, a destination and a date. The answer is the most
// restrictive applying rule, with every applying rule reported. See docs/rule-format.md.
import type { Catalog, Destination } from '../catalog/types';
import { DECISION_RANK, type ItemInput, type Rule, type RuleSet } from '../model/types';
import { buildUniverse, type DestinationUniverse } from './destinations';
import { resolveRegimes, type RegimeProblem } from './regimes';
import { buildProductMaster, resolveItem } from './resolveItem';
import { appliesToItem, buildRuleIndex, compileRules, type CompiledRule, ruleDestinationSet, type RuleIndex } from './ruleIndex';
import { runRuleTests } from './ruleTests';
import { didYouMean } from './suggest';
import { itemLookupKeys } from './itemMatch';
import {
  CheckInputError,
  type CheckRequest,
  type Determination,
  type MatchedRule,
  type ResolvedItem,
  type RuleTestResult,
} from './types';

export const NO_RULE_NOTE = 'No rule applied: no licence requirement was found in these rules.';

/** Counters for tests and benchmarks: how much work checks did (never timings). */
export interface EngineStats {
  readonly rules: number;
  /** (destination, item key, rule) entries in the index. */
  readonly indexEntries: number;
  checks: number;
  /** Candidate rules verified in full, over all checks. */
  candidates: number;
  /** Candidates of the last check. */
  lastCandidates: number;
}

export interface Engine {
  check(request: CheckRequest): Determination; // throws CheckInputError on bad input
  resolveItem(item: ItemInput): ResolvedItem; // throws CheckInputError
  regimeMembers(id: string): ReadonlySet<string> | undefined;
  readonly regimeProblems: readonly RegimeProblem[];
  /** Destinations a rule's destination selectors cover, less its except destinations
   *  (for "matches nothing" checks and the matrix). */
  ruleDestinations(rule: Rule): ReadonlySet<string> | 'any';
  /** Every `tests:` entry of the given rule files (default: the engine's), run against all rules. */
  runTests(ruleSets?: readonly RuleSet[]): RuleTestResult[];
  readonly rules: readonly Rule[];
  readonly stats: EngineStats;
}

export interface EngineOptions {
  /** yyyy-mm-dd: the date of checks and tests that name none (default: the local date). */
  today?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function localToday(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function matchedRule(r: CompiledRule, deciding: boolean): MatchedRule {
  const { rule } = r;
  const m: MatchedRule = {
    ruleset: rule.ruleset,
    rule: rule.id,
    decision: rule.decision,
    deciding,
    exceptions: Object.freeze([...rule.exceptions]) as string[],
    uri: rule.location.uri,
    range: rule.location.range,
    line: rule.location.range.start.line + 1,
  };
  if (rule.title !== undefined) m.title = rule.title;
  if (rule.citation !== undefined) m.citation = rule.citation;
  if (rule.review !== undefined) m.review = rule.review;
  // shared by every answer the rule is in (a batch makes millions): frozen, so no caller can
  // change another's answer; decorate a copy ({ ...m, file })
  return Object.freeze(m);
}

/** The destination universe of a catalog: the same for every engine built on it. */
const universes = new WeakMap<Catalog, DestinationUniverse>();

export function createEngine(ruleSets: readonly RuleSet[], catalog: Catalog, options: EngineOptions = {}): Engine {
  let universe = universes.get(catalog);
  if (!universe) universes.set(catalog, (universe = buildUniverse(catalog)));
  const u = universe;
  const regimes = resolveRegimes(ruleSets, u);
  const regimeLookup = (id: string): ReadonlySet<string> => regimes.members(id) ?? new Set<string>();
  const products = buildProductMaster(ruleSets.flatMap((rs) => rs.products));
  // The rules are compiled and indexed on the first check, not here: the editor rebuilds the
  // engine on every edit, and its diagnostics ask only for regimes and rule destinations.
  let built: { compiled: CompiledRule[]; index: RuleIndex } | undefined;
  const build = () => {
    if (built) return built;
    const compiled = compileRules(ruleSets, u, regimeLookup);
    return (built = { compiled, index: buildRuleIndex(compiled) });
  };
  const destinationsOf = new WeakMap<Rule, ReadonlySet<string> | 'any'>();
  const rules = ruleSets.flatMap((rs) => rs.rules);
  const today = options.today ?? localToday();
  const stats: EngineStats = {
    rules: rules.length,
    get indexEntries() {
      return build().index.entries;
    },
    checks: 0,
    candidates: 0,
    lastCandidates: 0,
  };

  function destinationOf(input: unknown): Destination {
    if (typeof input !== 'string' || input.trim() === '') {
      throw new CheckInputError('no destination given: name a country or region code, e.g. RU or UA-43', 'destination', []);
    }
    const text = input.trim();
    const d = catalog.destination(text) ?? catalog.findDestination(text);
    if (d && u.byCode.has(d.code.toUpperCase())) return d;
    const near = catalog.suggestDestinations(text, 3);
    const kind = text.includes('-') ? 'region' : 'country';
    throw new CheckInputError(
      `unknown ${kind} "${input}"${didYouMean(near.map((s) => `${s.code} (${s.name})`))}`,
      'destination',
      near.map((s) => s.code),
    );
  }

  /**
   * An item resolved once (product master, catalog facts, index keys) and re-used: a batch
   * asks about the same product for every destination. Bounded, and only for items that resolve.
   */
  const templates: [MatchedRule, MatchedRule][] = [];
  const matchedOf = (compiled: readonly CompiledRule[], n: number, deciding: boolean): MatchedRule =>
    (templates[n] ??= [matchedRule(compiled[n], false), matchedRule(compiled[n], true)])[deciding ? 1 : 0];

  const itemCache = new Map<string, { item: ResolvedItem; facts: ReturnType<typeof resolveItem>['facts']; keys: string[] }>();
  function resolved(input: ItemInput): { item: ResolvedItem; facts: ReturnType<typeof resolveItem>['facts']; keys: string[] } {
    const key = JSON.stringify([input.eccn, input.hs, input.product, input.origin, input.directProductOf]);
    const hit = itemCache.get(key);
    if (hit) return hit;
    const { item, facts } = resolveItem(input, products, catalog);
    // shared by every answer about this item: frozen, like the trace entries
    Object.freeze(item.directProductOf);
    const entry = { item: Object.freeze(item), facts, keys: itemLookupKeys(facts) };
    if (itemCache.size >= 10_000) itemCache.clear();
    itemCache.set(key, entry);
    return entry;
  }

  let lastGoodDate = '';

  function check(request: CheckRequest): Determination {
    const raw: unknown = request.date;
    const date = raw === undefined || raw === null || raw === '' ? today : String(raw).trim();
    if (date !== lastGoodDate && !isIsoDate(date)) {
      throw new CheckInputError(`invalid date "${request.date}"; write it as yyyy-mm-dd, e.g. ${today}`, 'date', []);
    }
    lastGoodDate = date;
    const destination = destinationOf(request.destination);
    const code = destination.code.toUpperCase();
    const { item, facts, keys } = resolved(request.item ?? {});

    const { compiled, index } = build();
    const candidates = index.candidates(code, keys);
    stats.checks++;
    stats.candidates += candidates.length;
    stats.lastCandidates = candidates.length;

    // Bucket by decision (most restrictive first), then workspace order: rule numbers are
    // that order, so a numeric sort of each bucket suffices.
    const buckets: number[][] = [[], [], []];
    for (const n of candidates) {
      const r = compiled[n];
      if (appliesToItem(r, facts, date)) buckets[DECISION_RANK[r.rule.decision]].push(n);
    }
    let top = buckets.length - 1;
    while (top >= 0 && buckets[top].length === 0) top--;
    const matched: MatchedRule[] = [];
    for (let rank = buckets.length - 1; rank >= 0; rank--) {
      for (const n of buckets[rank].sort((a, b) => a - b)) matched.push(matchedOf(compiled, n, rank === top));
    }
    const exceptions = [...new Set(matched.filter((m) => m.deciding).flatMap((m) => m.exceptions))];

    const noRuleApplied = matched.length === 0;
    const d: Determination = {
      decision: noRuleApplied ? 'no-license-required' : matched[0].decision,
      item,
      destination: { code: destination.code, name: destination.name },
      date,
      matched,
      exceptions,
      noRuleApplied,
      dataAsOf: catalog.data.dataDate,
      notice: catalog.data.notice,
    };
    if (noRuleApplied) d.note = NO_RULE_NOTE;
    return d;
  }

  return {
    check,
    resolveItem: (item) => resolveItem(item, products, catalog).item,
    regimeMembers: (id) => regimes.members(id),
    regimeProblems: regimes.problems,
    ruleDestinations: (rule) => {
      let d = destinationsOf.get(rule);
      if (d === undefined) destinationsOf.set(rule, (d = ruleDestinationSet(rule, u, regimeLookup)));
      return d;
    },
    runTests: (sets = ruleSets) => runRuleTests(sets.flatMap((rs) => rs.tests), check),
    rules,
    stats,
  };
}
