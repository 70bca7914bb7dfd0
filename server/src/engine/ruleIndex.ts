// The rule index, built once per set of rule files. Two levels:
//   destination code (or "any destination") -> item key -> rule numbers.
// A rule is filed under every destination its selectors cover (less its except destinations)
// and, per item selector, under the keys of that selector's most selective key. A check looks
// up its destination and the item's keys (a few dozen map hits) and verifies only those
// candidates in full: date, item selectors, except items.
import type { PartySelector, Rule, RuleSet } from '../model/types';
import { type DestinationUniverse, type RegimeLookup, resolveDestinationSelectors } from './destinations';
import { type CompiledItemSelector, type ItemFacts, Match, ancestorKeys, compileItemSelector, selectorIndexKeys, selectorsGrade } from './itemMatch';

export interface CompiledRule {
  readonly rule: Rule;
  readonly ruleSet: RuleSet;
  /** Position in the workspace (ruleset order, then rule order): the tie-breaker of reports. */
  readonly order: number;
  readonly effective?: string;
  readonly expires?: string;
  readonly items: readonly CompiledItemSelector[];
  readonly exceptItems: readonly CompiledItemSelector[];
  /** The rule's own condition in words: it then applies only in part (rule `condition`). */
  readonly condition?: string;
  /** The destinations the rule applies to (except destinations already removed). */
  readonly destinations: ReadonlySet<string> | 'any';
  /** The rule's party selectors, when it has any: it then applies only for those parties. */
  readonly parties?: readonly PartySelector[];
}

/** The destinations of a rule: its selectors' cover less its except selectors' cover. */
export function ruleDestinationSet(rule: Rule, u: DestinationUniverse, regime: RegimeLookup): ReadonlySet<string> | 'any' {
  const covered = resolveDestinationSelectors(rule.destinations, u, regime);
  if (rule.exceptDestinations.length === 0) return covered;
  const excepted = resolveDestinationSelectors(rule.exceptDestinations, u, regime);
  if (excepted === 'any') return new Set();
  const out = new Set<string>();
  for (const c of covered === 'any' ? u.codes : covered) if (!excepted.has(c)) out.add(c);
  return out;
}

export function compileRules(ruleSets: readonly RuleSet[], u: DestinationUniverse, regime: RegimeLookup): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const ruleSet of ruleSets) {
    for (const rule of ruleSet.rules) {
      out.push({
        rule,
        ruleSet,
        order: out.length,
        effective: rule.effective ?? ruleSet.effective,
        expires: rule.expires ?? ruleSet.expires,
        items: rule.items.map(compileItemSelector),
        exceptItems: rule.exceptItems.map(compileItemSelector),
        destinations: ruleDestinationSet(rule, u, regime),
        ...(rule.condition !== undefined ? { condition: rule.condition } : {}),
        ...(rule.parties?.length ? { parties: rule.parties } : {}),
      });
    }
  }
  return out;
}

/** Date in [effective, expires); ISO dates compare as strings. */
function inForce(r: CompiledRule, date: string): boolean {
  return (r.effective === undefined || date >= r.effective) && (r.expires === undefined || date < r.expires);
}

/**
 * Everything but the destination, which the index has settled. Full: the rule applies; Partial:
 * it applies to part of what the item stands for, or on a fact or condition the check could not
 * settle (itemMatch.ts); an except selector switches the rule off only when it holds in full,
 * and lowers it to Partial when it holds in part. (Hot: plain loops.)
 */
export function appliesToItem(r: CompiledRule, facts: ItemFacts, date: string): Match {
  if (!inForce(r, date)) return Match.None;
  let grade = selectorsGrade(r.items, facts);
  if (grade === Match.None) return grade;
  if (r.exceptItems.length > 0) {
    const except = selectorsGrade(r.exceptItems, facts);
    if (except === Match.Full) return Match.None;
    if (except === Match.Partial) grade = Match.Partial;
  }
  return r.condition !== undefined ? Match.Partial : grade;
}

export interface RuleIndex {
  /** What an item finds in the index, whatever the destination: looked up once per item. */
  lookup(itemKeys: readonly string[]): ItemCandidates;
  /** Numbers (into the compiled rules) of the rules that may apply, each once (read only). */
  candidates(destination: string, item: ItemCandidates): readonly number[];
  /** How many (destination, key, rule) entries the index holds. */
  readonly entries: number;
}

/** The index entries an item's keys reach: the rules for any destination, and per destination. */
export interface ItemCandidates {
  /** Rules for any destination, each once, in key order. */
  readonly any: readonly number[];
  /** Per key that has rules for named destinations: destination -> rule numbers. */
  readonly byDestination: readonly ReadonlyMap<string, readonly number[]>[];
}

interface KeyEntry {
  any: number[];
  byDestination: Map<string, number[]>;
}

export function buildRuleIndex(rules: readonly CompiledRule[]): RuleIndex {
  const byKey = new Map<string, KeyEntry>();
  const entryOf = (k: string): KeyEntry => {
    let e = byKey.get(k);
    if (!e) byKey.set(k, (e = { any: [], byDestination: new Map() }));
    return e;
  };
  let entries = 0;
  rules.forEach((r, n) => {
    const keys = new Set(r.items.flatMap((s) => [...selectorIndexKeys(s), ...ancestorKeys(s)]));
    if (keys.size === 0) return; // no item selector can match: the rule never applies
    for (const k of keys) {
      const e = entryOf(k);
      if (r.destinations === 'any') e.any.push(n);
      else {
        for (const d of r.destinations) {
          const list = e.byDestination.get(d);
          if (list) list.push(n);
          else e.byDestination.set(d, [n]);
        }
      }
    }
    entries += (r.destinations === 'any' ? 1 : r.destinations.size) * keys.size;
  });

  // A stamp per rule instead of a Set per check: rules reached by several keys count once.
  const seen = new Uint32Array(rules.length);
  let stamp = 0;
  const nextStamp = (): number => {
    stamp = (stamp + 1) >>> 0;
    if (stamp === 0) {
      seen.fill(0);
      stamp = 1;
    }
    return stamp;
  };
  return {
    entries,
    lookup(itemKeys) {
      const s = nextStamp();
      const any: number[] = [];
      const byDestination: Map<string, number[]>[] = [];
      for (const k of itemKeys) {
        const e = byKey.get(k);
        if (!e) continue;
        for (const n of e.any) {
          if (seen[n] !== s) {
            seen[n] = s;
            any.push(n);
          }
        }
        if (e.byDestination.size > 0) byDestination.push(e.byDestination);
      }
      return { any, byDestination };
    },
    candidates(destination, item) {
      // a rule is filed either for any destination or for named ones, never both: only the
      // named ones need counting once
      let out: number[] | undefined;
      let s = 0;
      for (const m of item.byDestination) {
        const list = m.get(destination);
        if (!list) continue;
        if (!out) {
          out = item.any.slice();
          s = nextStamp();
        }
        for (const n of list) {
          if (seen[n] !== s) {
            seen[n] = s;
            out.push(n);
          }
        }
      }
      return out ?? item.any;
    },
  };
}
