// The `tests:` entries of rule files: run each as a check and say, in plain words, why it
// failed. A test whose item or destination is bad fails with the input error's message.
import type { RuleTest } from '../model/types';
import { CheckInputError, type CheckRequest, type Determination, type RuleTestResult } from './types';

/** A deciding rule named by `decidedBy`: by its id, or as "ruleset/id". */
function decides(d: Determination, name: string): boolean {
  return d.matched.some((m) => m.deciding && (m.rule === name || `${m.ruleset}/${m.rule}` === name));
}

function decidedByText(d: Determination): string {
  if (d.noRuleApplied) return 'no rule applied';
  const by = `decided by ${d.matched.filter((m) => m.deciding).map((m) => m.rule).join(', ')}`;
  if (!d.conditional) return by;
  // the most restrictive answer over what the item stands for: say so, and how to narrow it
  const on = d.paragraphs?.length ? `the paragraphs ${d.paragraphs.join(', ')}` : (d.dependsOn ?? []).map((c) => c.kind).filter((k, i, a) => a.indexOf(k) === i).join(', ');
  return `${by}; conditional on ${on}: name them in the test's item to narrow it`;
}

/**
 * What a test's `expectExceptions` and `expectDeMinimis` found wrong, in plain words (empty when
 * they hold): each exception expected and not available says why, each one available and not
 * expected is named.
 */
export function shipmentExpectationFailures(t: RuleTest, d: Determination): string[] {
  const parts: string[] = [];
  if (t.expectExceptions) {
    const want = [...new Set(t.expectExceptions.flatMap((s) => s.split('/')).map((s) => s.trim().toUpperCase()).filter(Boolean))];
    const got = d.exceptions.filter((e) => e.status === 'available').map((e) => e.symbol);
    const missing = want.filter((s) => !got.includes(s));
    const extra = got.filter((s) => !want.includes(s));
    if (missing.length || extra.length) {
      const why = missing.map((s) => {
        const e = d.exceptions.find((x) => x.symbol === s);
        if (e) return `${s} is ${e.status} (${e.citation}): ${e.reason}`;
        if (d.decision !== 'license-required') return `${s} was not evaluated: the decision is ${d.decision}, and licence exceptions are for license-required answers`;
        return `${s} is not listed: neither ${d.item.eccn}'s entry nor ${d.destination.name} allows it`;
      });
      const more = extra.map((s) => `${s} is available too`);
      parts.push(`expected ${want.length ? `exactly ${want.join(', ')}` : 'no licence exception'} available, got ${got.length ? got.join(', ') : 'none'}: ${[...why, ...more].join('; ')}`);
    }
  }
  if (t.expectDeMinimis) {
    const dm = d.deMinimis;
    if (!dm) parts.push(`expected de minimis ${t.expectDeMinimis}, but de minimis was not worked out: give the item its usContent (the U.S.-origin content of a foreign-made item)`);
    else if (dm.outcome !== t.expectDeMinimis) parts.push(`expected de minimis ${t.expectDeMinimis}, got ${dm.outcome}: ${dm.calculation} ${dm.reason}`);
  }
  return parts;
}

/** Why a test failed, or "passed". */
function testMessage(t: RuleTest, d: Determination): { passed: boolean; message: string } {
  const missing = t.decidedBy.filter((name) => !decides(d, name));
  const parts: string[] = [];
  if (d.decision !== t.expect) parts.push(`expected ${t.expect}, got ${d.decision} (${decidedByText(d)})`);
  if (missing.length) {
    const why = missing.map((name) => {
      const m = d.matched.find((x) => x.rule === name || `${x.ruleset}/${x.rule}` === name);
      return `${name} (${m ? `applied with ${m.decision}` : 'did not apply'})`;
    });
    const notBy = `not decided by ${why.join(', ')}`;
    parts.push(parts.length ? notBy : `got ${d.decision} as expected, but ${notBy}; ${decidedByText(d)}`);
  }
  parts.push(...shipmentExpectationFailures(t, d));
  return parts.length ? { passed: false, message: parts.join('; ') } : { passed: true, message: 'passed' };
}

export function runRuleTests(tests: Iterable<RuleTest>, check: (r: CheckRequest) => Determination): RuleTestResult[] {
  const results: RuleTestResult[] = [];
  for (const t of tests) {
    const base = {
      ruleset: t.ruleset,
      name: t.name,
      uri: t.location.uri,
      range: t.location.range,
      line: t.location.range.start.line + 1,
      expected: t.expect,
    };
    let actual: Determination;
    try {
      actual = check({ item: t.item, destination: t.destination, ...(t.date !== undefined ? { date: t.date } : {}), ...(t.party !== undefined ? { party: { party: t.party } } : {}) });
    } catch (e) {
      if (!(e instanceof CheckInputError)) throw e;
      results.push({ ...base, passed: false, message: `could not run: ${e.message}` });
      continue;
    }
    results.push({ ...base, actual, ...testMessage(t, actual) });
  }
  return results;
}
