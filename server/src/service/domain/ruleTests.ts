// Rule tests as diagnostics: a failing `tests:` entry, in plain words.
import { shipmentExpectationFailures } from '../../engine/ruleTests';
import type { Determination, RuleTestResult } from '../../engine/types';
import type { RuleTest } from '../../model/types';
import { type Ctx, findings, report } from './context';

// --- rule tests ----------------------------------------------------------------------------

export function checkTests(ctx: Ctx): void {
  const tests = ctx.doc.ruleSet.tests;
  if (!ctx.engine || tests.length === 0) return;
  let results: RuleTestResult[];
  try {
    results = ctx.engine.runTests([ctx.doc.ruleSet]);
  } catch {
    return;
  }
  if (results.length !== tests.length) return;
  const errors = findings(ctx, ['error']);
  results.forEach((r, i) => {
    const t = tests[i];
    if (r.passed) return;
    const span = { start: ctx.doc.lines.offsetAt(t.location.range.start), end: ctx.doc.lines.offsetAt(t.location.range.end) };
    // an unknown product, ECCN, destination or rule in the test already has its diagnostic
    if (errors.overlaps(t.span)) return;
    if (!r.actual) {
      report(ctx, 'failing-test', 'error', span, `This test cannot run: ${r.message.replace(/^could not run: /, '')}`);
      return;
    }
    report(ctx, 'failing-test', 'error', span, failureMessage(t, r.actual), {
      related: r.actual.matched.filter((m) => m.deciding).map((m) => ({ location: { uri: m.uri, range: m.range }, message: `${m.ruleset}/${m.rule} decides ${m.decision}` })),
    });
  });
}

/** "expected license-required, got no-license-required (no rule applied)", naming rules as ruleset/id. */
function failureMessage(t: RuleTest, d: Determination): string {
  const deciding = d.matched.filter((m) => m.deciding);
  const by = d.noRuleApplied ? 'no rule applied' : `decided by ${deciding.map((m) => `${m.ruleset}/${m.rule}`).join(', ')}`;
  const decides = (name: string) => deciding.some((m) => m.rule === name || `${m.ruleset}/${m.rule}` === name);
  const missing = t.decidedBy.filter((n) => !decides(n)).map((n) => {
    const m = d.matched.find((x) => x.rule === n || `${x.ruleset}/${x.rule}` === n);
    return `${n} (${m ? `applied with ${m.decision}` : 'did not apply'})`;
  });
  const parts: string[] = [];
  if (d.decision !== t.expect) parts.push(`expected ${t.expect}, got ${d.decision} (${by})`);
  if (missing.length) parts.push(parts.length ? `not decided by ${missing.join(', ')}` : `got ${d.decision} as expected, but not decided by ${missing.join(', ')}; ${by}`);
  parts.push(...shipmentExpectationFailures(t, d));
  return parts.join('; ');
}


