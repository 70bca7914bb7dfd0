// Regression tests of issue 12 for part 746 through the CLI, from the bundled starter pack in an
// empty folder: EAR99 to Iran (746.7(e), the ITSR, OFAC as the authority) and the Russia cases
// by tariff code (supplements no. 4 and 5 to part 746). Expected answers from the regulation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFolder, exportRules } from './exportRules';

const empty = emptyFolder('ecr-sanctions-');

interface Matched {
  rule: string;
  deciding: boolean;
  authority?: string;
  citation?: string;
  decision: string;
}

function checkJson(args: string[]) {
  const r = exportRules(['check', ...args, '--date', '2025-12-01', '--json'], { cwd: empty });
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as { decision: string; matched: Matched[]; conditional?: boolean; unconditionalDecision?: string; noRuleApplied: boolean };
}
const deciding = (j: { matched: Matched[] }) => j.matched.filter((m) => m.deciding).map((m) => m.rule).sort();

test('check --eccn EAR99 --to IR: license-required under the ITSR (746.7(e)), OFAC the authority, never "no licence"', () => {
  const j = checkJson(['--eccn', 'EAR99', '--to', 'IR']);
  assert.equal(j.decision, 'license-required');
  assert.equal(j.matched[0].rule, 'iran-itsr');
  assert.equal(j.matched[0].deciding, true);
  assert.equal(j.matched[0].authority, 'OFAC (31 CFR part 560)');
  assert.equal(j.matched[0].citation, '15 CFR 746.7(e), (a)(2); 31 CFR 560.204');
  // without an HS code the item may be food or medicine that an OFAC general licence covers
  assert.equal(j.conditional, true);
  assert.equal(j.unconditionalDecision, 'no-license-required');
  assert.ok(!j.matched.some((m) => m.decision === 'prohibited'), 'prohibited is for what no authorisation can allow');
});

test('check --hs 8528.72 --to IR: an EAR99 television needs OFAC authorisation, without condition', () => {
  const j = checkJson(['--hs', '8528.72', '--to', 'IR']);
  assert.equal(j.decision, 'license-required');
  assert.equal(j.conditional, undefined);
  assert.deepEqual(deciding(j), ['iran-itsr']);
});

test('check by tariff code to Russia: smartphones, laptops and tablets, televisions, machine tools (EAR99) need a licence', () => {
  const cases: [string, string[]][] = [
    ['8517.13', ['ru-by-luxury-supp5', 'ru-industrial-supp4']], // smartphones
    ['8471.30', ['ru-by-luxury-supp5', 'ru-industrial-supp4']], // laptops and tablets
    ['8528.72', ['ru-by-luxury-supp5', 'ru-industrial-supp4']], // colour televisions
    ['8458.11', ['ru-industrial-supp4']], // CNC lathes
    ['8457.10', ['ru-industrial-supp4']], // machining centres
  ];
  for (const [hs, rules] of cases) {
    const j = checkJson(['--hs', hs, '--to', 'RU']);
    assert.equal(j.decision, 'license-required', hs);
    assert.deepEqual(deciding(j), rules, hs);
  }
});

test('check game consoles to Russia: EAR99 (9504.50) is on no list of part 746; 5A992.c is a CCL item', () => {
  const ear99 = checkJson(['--hs', '9504.50', '--to', 'RU']);
  assert.equal(ear99.decision, 'no-license-required');
  assert.equal(ear99.noRuleApplied, true);
  const ccl = checkJson(['--eccn', '5A992.c', '--hs', '9504.50', '--to', 'RU']);
  assert.equal(ccl.decision, 'license-required');
  assert.deepEqual(deciding(ccl), ['ru-by-all-ccl']);
});

test('check --unit-value and --cas settle the luxury floor and the chemical list; bad values exit 2 naming the value', () => {
  assert.equal(checkJson(['--hs', '9101.11', '--unit-value', '250', '--to', 'RU']).decision, 'no-license-required');
  const watch = checkJson(['--hs', '9101.11', '--unit-value', '300', '--to', 'RU']);
  assert.equal(watch.decision, 'license-required');
  assert.equal(watch.conditional, undefined);
  assert.deepEqual(deciding(watch), ['ru-by-luxury-supp5']);
  const solvent = checkJson(['--hs', '2903.15', '--cas', '107-06-2', '--to', 'RU']);
  assert.deepEqual(deciding(solvent), ['ru-by-supp6-chemicals-95']);
  for (const [flag, value, message] of [
    ['--unit-value', 'abc', /--unit-value must be an amount in US dollars \(0 or more\), not "abc"/],
    ['--cas', '107-06-3', /"107-06-3" is not a valid CAS number: its check digit should be 2/],
  ] as const) {
    const r = exportRules(['check', '--hs', '2903.15', flag, value, '--to', 'RU'], { cwd: empty });
    assert.equal(r.code, 2, flag);
    assert.match(r.err, message);
  }
  const negative = exportRules(['check', '--hs', '8703.23', '--unit-value=-5', '--to', 'RU'], { cwd: empty });
  assert.equal(negative.code, 2);
  assert.match(negative.err, /--unit-value must be an amount in US dollars \(0 or more\), not "-5"/);
});
