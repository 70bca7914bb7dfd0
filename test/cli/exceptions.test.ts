// Issue 14 through the command line, from the bundled starter pack in an empty folder: licence
// exceptions for a license-required answer and de minimis for a foreign-made item. The "Done
// means" of the issue are the first three tests. Expected answers from the regulation text:
// 2B007 is NS2 for the whole entry, Tunisia has an X under NS2 and is in Country Group B, and
// 2B007's LVS line reads "$5,000, except 2B007.b and .c" (740.3(b), (d)(1)(i)); 740.2 names
// nothing 2B007.a is controlled for. China is in D:1 and not in E:1 or E:2, so its de minimis
// level is 25 % (734.4(d)).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { emptyFolder, exportRules, root } from './exportRules';

const empty = emptyFolder('ecr-exceptions-');

const run = (args: string[], input?: string) => exportRules(args, { cwd: empty, input });

interface Exception {
  symbol: string;
  status: string;
  reason: string;
  citation: string;
  limit?: number;
  inputs?: string[];
}

function checkJson(args: string[]) {
  const r = run(['check', ...args, '--date', '2026-09-24', '--json']);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as {
    decision: string;
    exceptions: Exception[];
    exceptionNotes: string[];
    deMinimis?: { outcome: string; calculation: string; citation: string; threshold?: number };
    subjectToEar?: boolean;
    matched: { rule: string; exceptions: string[] }[];
  };
}

const lvs = (j: { exceptions: Exception[] }) => j.exceptions.find((e) => e.symbol === 'LVS');

test('done means: under the LVS limit, LVS is available, with the limit and the citation', () => {
  const j = checkJson(['--eccn', '2B007.a', '--to', 'TN', '--value', '4000']);
  assert.equal(j.decision, 'license-required', 'the decision stays license-required');
  assert.deepEqual(j.matched[0].exceptions, ['LVS', 'GBS', 'TSR'], 'the rule still names what it names');
  const e = lvs(j)!;
  assert.equal(e.status, 'available');
  assert.equal(e.limit, 5000);
  assert.equal(e.citation, '15 CFR 740.3');
  assert.equal(e.reason, 'The net value $4,000 is within the LVS limit of $5,000 for 2B007.a, and Tunisia is in Country Group B (740.3(b)).');
  const text = run(['check', '--eccn', '2B007.a', '--to', 'TN', '--value', '4000', '--date', '2026-09-24']);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^LICENSE REQUIRED: ECCN 2B007\.a, value \$4,000 to Tunisia \(TN\) on 2026-09-24\n/);
  assert.ok(
    text.out.includes(
      '\nLicence exceptions (15 CFR part 740; a separate part of the answer: the decision stays license-required):\n  Available:\n    LVS: The net value $4,000 is within the LVS limit of $5,000 for 2B007.a, and Tunisia is in Country Group B (740.3(b)). Limit $5,000. [15 CFR 740.3]\n',
    ),
    text.out,
  );
});

test('done means: over the LVS limit, LVS is not available, with the reason', () => {
  const j = checkJson(['--eccn', '2B007.a', '--to', 'TN', '--value', '6000']);
  const e = lvs(j)!;
  assert.equal(e.status, 'not-available');
  assert.equal(e.reason, 'The net value $6,000 exceeds the LVS limit of $5,000 for 2B007.a.');
  assert.equal(e.citation, '15 CFR 740.3(d)(1)(i)');
  const text = run(['check', '--eccn', '2B007.a', '--to', 'TN', '--value', '6000', '--date', '2026-09-24']).out;
  assert.ok(text.includes('  Not available:\n    LVS: The net value $6,000 exceeds the LVS limit of $5,000 for 2B007.a. [15 CFR 740.3(d)(1)(i)]\n'), text);
});

test('done means: a foreign-made item at 8 % U.S. content to a D:1 country is not subject to the EAR, with the calculation', () => {
  const j = checkJson(['--eccn', '3A001', '--to', 'CN', '--origin', 'foreign', '--us-content', '8', '--us-content-eccn', '3A991']);
  assert.equal(j.subjectToEar, false);
  assert.equal(j.decision, 'no-license-required');
  assert.equal(j.deMinimis?.outcome, 'not-subject-to-ear');
  assert.equal(j.deMinimis?.threshold, 25);
  assert.equal(j.deMinimis?.citation, '15 CFR 734.4(d)');
  assert.deepEqual(j.matched, []);
  const text = run(['check', '--eccn', '3A001', '--to', 'CN', '--us-content', '8 %', '--us-content-eccn', '3A991', '--date', '2026-09-24']);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^NOT SUBJECT TO THE EAR: ECCN 3A001, foreign-made, U\.S\. content 8 % \(3A991\) to China \(CN\) on 2026-09-24\n/);
  assert.ok(
    text.out.includes('\nDe minimis (15 CFR 734.4): NOT SUBJECT TO THE EAR\n  U.S.-controlled content 8 % ≤ 25 % (734.4(d): China is not in Country Group E:1 or E:2).\n'),
    text.out,
  );
  assert.ok(!/NO LICENSE REQUIRED/.test(text.out), 'outside the EAR, not licence-free under it');
});

test('LVS at the limit; without a value it needs one; outside Country Group B it is not available', () => {
  assert.equal(lvs(checkJson(['--eccn', '2B007.a', '--to', 'TN', '--value', '5000']))!.status, 'available');
  const open = lvs(checkJson(['--eccn', '2B007.a', '--to', 'TN']))!;
  assert.equal(open.status, 'needs-facts');
  assert.deepEqual(open.inputs, ['value']);
  assert.ok(run(['check', '--eccn', '2B007.a', '--to', 'TN', '--date', '2026-09-24']).out.includes('      to decide it: give the shipment value (--value USD)\n'));
  const cn = lvs(checkJson(['--eccn', '2B007.a', '--to', 'CN', '--value', '100']))!;
  assert.equal(cn.status, 'not-available');
  assert.equal(cn.citation, '15 CFR 740.3(b)');
});

test('GBS inside and outside Country Group B; 740.2 and 746.8(c) bar exceptions', () => {
  const gbs = (to: string) => checkJson(['--eccn', '5A001.b.1', '--to', to]).exceptions.find((e) => e.symbol === 'GBS')!;
  assert.equal(gbs('TN').status, 'available');
  assert.equal(gbs('CN').status, 'not-available');
  // 740.2(a)(10): no licence exception for items controlled under 0A983
  const tmp = checkJson(['--eccn', '0A983', '--to', 'DE']).exceptions.find((e) => e.symbol === 'TMP')!;
  assert.deepEqual([tmp.status, tmp.citation], ['not-available', '15 CFR 740.2(a)(10)']);
  // 746.8(c)(2): RPL is not among what remains for Russia
  const rpl = checkJson(['--eccn', '5A992', '--to', 'RU']).exceptions.find((e) => e.symbol === 'RPL')!;
  assert.deepEqual([rpl.status, rpl.citation], ['not-available', '15 CFR 746.8(c)(2)']);
});

test('de minimis through the CLI: 10 % and 10.1 % to an E:1 destination, 25 % to E:1, and a no-de-minimis case', () => {
  const dm = (to: string, percent: string, eccn = '3A991') => checkJson(['--eccn', '3A991', '--to', to, '--us-content', percent, '--us-content-eccn', eccn]);
  assert.equal(dm('SY', '10').deMinimis?.outcome, 'not-subject-to-ear');
  assert.equal(dm('SY', '10.1').deMinimis?.outcome, 'subject-to-ear');
  assert.equal(dm('KP', '25').deMinimis?.outcome, 'subject-to-ear');
  const a6 = dm('CN', '1', '9A515.a');
  assert.deepEqual([a6.deMinimis?.outcome, a6.deMinimis?.citation, a6.subjectToEar], ['subject-to-ear', '15 CFR 734.4(a)(6)(i)', true]);
});

test('bad shipment facts: exit 2 and one line naming the option or field', () => {
  const cases: [string[], RegExp][] = [
    [['--value', 'abc'], /^export-rules: --value must be an amount in US dollars \(0 or more\), not "abc"\n/],
    [['--value=-5'], /^export-rules: --value must be an amount in US dollars \(0 or more\), not "-5"\n/],
    // a negative number after the option is its value, not an option of its own
    [['--value', '-5'], /^export-rules: --value must be an amount in US dollars \(0 or more\), not "-5"\n/],
    [['--us-content', '-1', '--us-content-eccn', '3A991'], /^export-rules: --us-content must be a percentage from 0 to 100, not -1\n/],
    [['--currency', 'EUR'], /^export-rules: --currency must be USD/],
    [['--us-content', '120', '--us-content-eccn', '3A991'], /^export-rules: --us-content must be a percentage from 0 to 100, not 120\n/],
    [['--us-content', 'ten', '--us-content-eccn', '3A991'], /^export-rules: --us-content must be a percentage from 0 to 100, not "ten"\n/],
    [['--us-content', '8'], /^export-rules: --us-content needs --us-content-eccn ECCN\[,ECCN\]/],
    [['--us-content-eccn', '3A991'], /^export-rules: --us-content-eccn needs --us-content PERCENT/],
    [['--us-content', '8', '--us-content-eccn', '3A9X1'], /^export-rules: malformed ECCN "3A9X1" \(usContent\.eccns\)/],
    [['--origin', 'us', '--us-content', '8', '--us-content-eccn', '3A991'], /^export-rules: usContent is for foreign-made items/],
  ];
  for (const [args, message] of cases) {
    const r = run(['check', '--eccn', '3A001', '--to', 'CN', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message, args.join(' '));
  }
});

test('check --batch: JSON lines take the shipment facts; each line says which exceptions are available', () => {
  const input = [
    '{"item": {"eccn": "2B007.a", "value": 4000}, "destination": "TN", "date": "2026-09-24"}',
    '{"item": {"eccn": "2B007.a", "value": 6000}, "destination": "TN", "date": "2026-09-24"}',
    '{"item": {"eccn": "3A001", "usContent": {"percent": 8, "eccns": ["3A991"]}}, "destination": "CN", "date": "2026-09-24"}',
    '{"item": {"eccn": "3A001", "value": -1}, "destination": "CN"}',
    '2B007.a,DE,2026-09-24',
  ].join('\n');
  const r = run(['check', '--batch', '-'], `${input}\n`);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 5, 'one line out per line in');
  assert.deepEqual([lines[0].decision, lines[0].exceptions], ['license-required', ['LVS']]);
  assert.deepEqual(lines[1].exceptions, []);
  assert.deepEqual([lines[2].decision, lines[2].subjectToEar], ['no-license-required', false]);
  assert.match(String(lines[3].error), /^value -1 is not an amount/);
  assert.equal(lines[4].decision, 'no-license-required');
  assert.equal(lines[4].exceptions, undefined, 'no exceptions without a licence requirement');
});

test('rule tests with expectExceptions and expectDeMinimis (test/fixtures/shipments)', () => {
  const r = run(['test', path.join(root, 'test/fixtures/shipments')]);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /^3 passed, 0 failed/m);
});
