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

/** Why a test failed, or "passed". */
export function testMessage(t: RuleTest, d: Determination): { passed: boolean; message: string } {
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
      actual = check({ item: t.item, destination: t.destination, ...(t.date !== undefined ? { date: t.date } : {}) });
    } catch (e) {
      if (!(e instanceof CheckInputError)) throw e;
      results.push({ ...base, passed: false, message: `could not run: ${e.message}` });
      continue;
    }
    results.push({ ...base, actual, ...testMessage(t, actual) });
  }
  return results;
}
