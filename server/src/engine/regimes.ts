// Regimes: named destination sets. Ids are global in the workspace (the first definition wins,
// later ones are reported), members are `countries` plus every `include` selector's members
// less every `exclude` selector's. A region is a member when it or its country is included and
// neither is excluded. Cycles and over-deep nesting are reported and resolve to nothing: never
// a hang.
import type { Regime, RuleSet } from '../model/types';
import { type DestinationUniverse, parentOf, resolveDestinationSelector } from './destinations';

export interface RegimeProblem {
  regime: string;
  ruleset: string;
  kind: 'cycle' | 'depth' | 'duplicate';
  /** cycle: the regime ids around it (first = last); depth: the chain of includes;
   *  duplicate: the ruleset of the definition that wins, then the ignored one. */
  path: string[];
}

export interface RegimeTable {
  readonly definitions: ReadonlyMap<string, Regime>;
  members(id: string): ReadonlySet<string> | undefined;
  readonly problems: readonly RegimeProblem[];
}

export const MAX_REGIME_DEPTH = 64;

const EMPTY: ReadonlySet<string> = new Set();

export function resolveRegimes(
  ruleSets: readonly RuleSet[],
  u: DestinationUniverse,
  maxDepth = MAX_REGIME_DEPTH,
): RegimeTable {
  const definitions = new Map<string, Regime>();
  const problems: RegimeProblem[] = [];
  for (const rs of ruleSets) {
    for (const r of rs.regimes) {
      const first = definitions.get(r.id);
      if (first) problems.push({ regime: r.id, ruleset: r.ruleset, kind: 'duplicate', path: [first.ruleset, r.ruleset] });
      else definitions.set(r.id, r);
    }
  }

  // Results cut short by the depth cap depend on where resolution started: they are kept
  // only for one top-level resolution (`partial`), so a regime within the cap from its own
  // start still resolves in full. Cycle results are kept (deterministic by definition order).
  const resolved = new Map<string, ReadonlySet<string>>();
  const partial = new Map<string, ReadonlySet<string>>();
  const reported = new Set<string>();
  const inDepthReport = new Set<string>();
  const stack: string[] = [];
  let cuts = 0;

  const report = (key: string, p: RegimeProblem): void => {
    if (reported.has(key)) return;
    reported.add(key);
    problems.push(p);
  };

  const resolve = (id: string): ReadonlySet<string> => {
    const done = resolved.get(id) ?? partial.get(id);
    if (done) return done;
    const def = definitions.get(id);
    if (!def) return EMPTY;
    const at = stack.indexOf(id);
    if (at >= 0) {
      const cycle = [...stack.slice(at), id];
      // Reported at the regime whose include closes the cycle.
      const closing = stack[stack.length - 1];
      report(`cycle:${[...new Set(cycle)].sort().join(',')}`, {
        regime: closing,
        ruleset: definitions.get(closing)?.ruleset ?? def.ruleset,
        kind: 'cycle',
        path: cycle,
      });
      return EMPTY;
    }
    if (stack.length >= maxDepth) {
      cuts++;
      const top = stack[0];
      if (!inDepthReport.has(top)) {
        const path = [...stack, id];
        for (const r of path) inDepthReport.add(r);
        report(`depth:${top}`, { regime: top, ruleset: definitions.get(top)?.ruleset ?? '', kind: 'depth', path });
      }
      return EMPTY;
    }
    const cutsBefore = cuts;
    stack.push(id);
    const included = new Set<string>(def.countries.map((c) => c.trim().toUpperCase()));
    const excluded = new Set<string>();
    for (const [selectors, into] of [[def.include, included], [def.exclude, excluded]] as const) {
      for (const s of selectors) {
        const codes = resolveDestinationSelector(s, u, resolve);
        for (const c of codes === 'any' ? u.codes : codes) into.add(c);
      }
    }
    stack.pop();
    const members = new Set<string>();
    for (const code of u.codes) {
      const parent = parentOf(u, code);
      const isIn = included.has(code) || (parent !== undefined && included.has(parent));
      const isOut = excluded.has(code) || (parent !== undefined && excluded.has(parent));
      if (isIn && !isOut) members.add(code);
    }
    (cuts === cutsBefore ? resolved : partial).set(id, members);
    return members;
  };

  // Definition order makes the (reported) result of a cycle deterministic.
  const final = new Map<string, ReadonlySet<string>>();
  for (const id of definitions.keys()) {
    partial.clear();
    final.set(id, resolve(id));
  }

  return {
    definitions,
    members: (id) => final.get(id),
    problems,
  };
}
