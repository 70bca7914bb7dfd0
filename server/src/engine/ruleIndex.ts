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
  /** Numbers (into the compiled rules) of the rules that may apply, each once. */
  candidates(destination: string, itemKeys: readonly string[]): number[];
  /** How many (destination, key, rule) entries the index holds. */
  readonly entries: number;
}

type KeyMap = Map<string, number[]>;

function file(map: KeyMap, key: string, rule: number): void {
  const list = map.get(key);
  if (list) list.push(rule);
  else map.set(key, [rule]);
}

export function buildRuleIndex(rules: readonly CompiledRule[]): RuleIndex {
  const byDestination = new Map<string, KeyMap>();
  const anyDestination: KeyMap = new Map();
  let entries = 0;
  rules.forEach((r, n) => {
    const keys = new Set(r.items.flatMap((s) => [...selectorIndexKeys(s), ...ancestorKeys(s)]));
    if (keys.size === 0) return; // no item selector can match: the rule never applies
    const maps: KeyMap[] = [];
    if (r.destinations === 'any') maps.push(anyDestination);
    else {
      for (const d of r.destinations) {
        let m = byDestination.get(d);
        if (!m) byDestination.set(d, (m = new Map()));
        maps.push(m);
      }
    }
    for (const m of maps) for (const k of keys) file(m, k, n);
    entries += maps.length * keys.size;
  });

  // A stamp per rule instead of a Set per check: rules reached by several keys count once.
  const seen = new Uint32Array(rules.length);
  let stamp = 0;
  return {
    entries,
    candidates(destination, itemKeys) {
      stamp = (stamp + 1) >>> 0;
      if (stamp === 0) {
        seen.fill(0);
        stamp = 1;
      }
      const out: number[] = [];
      const maps = [anyDestination, byDestination.get(destination)];
      for (const m of maps) {
        if (!m) continue;
        for (const k of itemKeys) {
          const list = m.get(k);
          if (!list) continue;
          for (const n of list) {
            if (seen[n] !== stamp) {
              seen[n] = stamp;
              out.push(n);
            }
          }
        }
      }
      return out;
    },
  };
}
