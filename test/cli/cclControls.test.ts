// Regression tests for the cases of issue 12 that the bundled starter pack answered "no licence
// required" although the regulation requires one, run as a new user would: `export-rules check`
// in a folder without rule files, so the bundled pack answers. Expected decisions and deciding
// rules worked out from the regulation text (cited in each case).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFolder, exportRules } from './exportRules';

const empty = emptyFolder('ecr-ccl-');

interface Matched {
  rule: string;
  deciding: boolean;
  citation?: string;
}

function check(eccn: string, to: string) {
  const r = exportRules(['check', '--eccn', eccn, '--to', to, '--date', '2026-09-01', '--json'], { cwd: empty });
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as { decision: string; conditional?: boolean; matched: Matched[] };
  const deciding = j.matched.filter((m) => m.deciding);
  return { decision: j.decision, conditional: j.conditional === true, deciding: deciding.map((m) => m.rule).sort(), citations: deciding.map((m) => m.citation ?? '') };
}

const cases: { eccn: string; to: string; deciding: string[]; cites: RegExp; why: string }[] = [
  { eccn: '5A002', to: 'GB', deciding: ['5a002-ei'], cites: /742\.15\(a\)\(1\)/, why: 'EI: every destination except Canada (742.15(a)(1))' },
  { eccn: '5A002', to: 'AU', deciding: ['5a002-ei'], cites: /742\.15\(a\)\(1\)/, why: 'EI: every destination except Canada (742.15(a)(1))' },
  { eccn: '0A509', to: 'GB', deciding: ['fn10-firearms'], cites: /footnote 10/, why: 'Country Chart footnote 10 on the United Kingdom row lists 0A509' },
  { eccn: '0E982', to: 'GB', deciding: ['0e982-cc'], cites: /742\.7\(a\)\(5\)/, why: 'CC to all destinations except Canada (742.7(a)(5))' },
  { eccn: '0A983', to: 'CA', deciding: ['0a983-cc'], cites: /742\.11/, why: 'all destinations, Canada included (742.11)' },
  { eccn: '3A904', to: 'CA', deciding: ['3a904-ns-rs'], cites: /742\.4\(a\)\(5\); 15 CFR 742\.6\(a\)\(10\)/, why: 'NS and RS worldwide controls (742.4(a)(5), 742.6(a)(10))' },
];

for (const c of cases) {
  test(`check --eccn ${c.eccn} --to ${c.to}: licence required, ${c.why}`, () => {
    const r = check(c.eccn, c.to);
    assert.equal(r.decision, 'license-required');
    assert.equal(r.conditional, false, 'the control applies to the whole entry: no condition');
    assert.deepEqual(r.deciding, c.deciding);
    assert.ok(r.citations.some((x) => c.cites.test(x)), r.citations.join(' | '));
  });
}

test('check --eccn 0E982 --to CA: the CC control of 0E982 leaves out Canada (742.7(a)(5))', () => {
  const r = check('0E982', 'CA');
  assert.equal(r.decision, 'no-license-required');
  assert.deepEqual(r.deciding, []);
});
