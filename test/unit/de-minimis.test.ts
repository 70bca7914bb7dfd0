// De minimis (15 CFR 734.4). Expectations worked out from the text of 734.4, quoted in the
// comments, and the Country Groups of supplement no. 1 to part 740 (reference data).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../server/src/catalog/catalog';
import { createExceptionEvaluator, ShipmentInputError, type DeMinimisQuery } from '../../server/src/exceptions';

const catalog = getCatalog();
const evaluator = createExceptionEvaluator(catalog);
const groups = (code: string) => catalog.destination(code)!.countryGroups;

const dm = (destination: string, percent: number, eccns: string[], item?: string) =>
  evaluator.deMinimis({ destination, usContent: { percent, eccns }, ...(item ? { item: { eccn: item } } : {}) });

test('8 % U.S. content to a D:1 country: not subject to the EAR, with the calculation (734.4(d))', () => {
  assert.ok(groups('CN').includes('D:1') && !groups('CN').includes('E:1') && !groups('CN').includes('E:2'));
  const r = dm('CN', 8, ['3A991']);
  assert.equal(r.outcome, 'not-subject-to-ear');
  assert.equal(r.threshold, 25);
  assert.equal(r.citation, '15 CFR 734.4(d)');
  assert.equal(r.calculation, 'U.S.-controlled content 8 % ≤ 25 % (734.4(d): China is not in Country Group E:1 or E:2).');
  // 734.9: the foreign direct product rules still apply on top.
  assert.ok(r.notes.some((n) => n.includes('foreign direct product rules (734.9)')));
});

test('10 % is within the 10 % level for an E:1 destination; 10.1 % is not (734.4(c): "10% or less")', () => {
  assert.ok(groups('IR').includes('E:1'));
  const at = dm('IR', 10, ['EAR99']);
  assert.equal(at.outcome, 'not-subject-to-ear');
  assert.equal(at.threshold, 10);
  assert.equal(at.citation, '15 CFR 734.4(c)');
  const over = dm('IR', 10.1, ['EAR99']);
  assert.equal(over.outcome, 'subject-to-ear');
  assert.equal(over.calculation, 'U.S.-controlled content 10.1 % > 10 % (734.4(c): Iran is in Country Group E:1).');
});

test('25 %: within the level outside E:1/E:2 (734.4(d)), over it for an E:1 destination (734.4(c))', () => {
  assert.equal(dm('DE', 25, ['3A991']).outcome, 'not-subject-to-ear');
  assert.ok(groups('KP').includes('E:1'));
  const kp = dm('KP', 25, ['3A991']);
  assert.equal(kp.outcome, 'subject-to-ear');
  assert.equal(kp.threshold, 10);
  assert.equal(dm('DE', 25.5, ['3A991']).outcome, 'subject-to-ear');
});

test('the percentage computed from values, compared exactly', () => {
  const r = evaluator.deMinimis({ destination: 'SY', usContent: { value: 1000, itemValue: 10000, eccns: ['EAR99'] } });
  assert.equal(r.outcome, 'not-subject-to-ear');
  assert.equal(r.calculation, 'U.S.-controlled content $1,000 of $10,000 = 10 % ≤ 10 % (734.4(c): Syria is in Country Group E:1).');
  assert.equal(evaluator.deMinimis({ destination: 'SY', usContent: { value: 1001, itemValue: 10000, eccns: ['EAR99'] } }).outcome, 'subject-to-ear');
});

test('734.4(a)(2): no de minimis for encryption technology with U.S. 5E002 technology', () => {
  const r = dm('DE', 1, ['5E002'], '5E002');
  assert.equal(r.outcome, 'subject-to-ear');
  assert.equal(r.citation, '15 CFR 734.4(a)(2)');
  // Without the foreign item's classification: it depends on whether the item is technology.
  assert.equal(dm('DE', 1, ['5E002']).outcome, 'needs-facts');
});

test('734.4(a)(4): no de minimis for U.S. 9E003.a.1-a.6, a.8, .h, .i, .l technology', () => {
  assert.equal(dm('DE', 1, ['9E003.a.2']).outcome, 'subject-to-ear');
  assert.equal(dm('DE', 1, ['9E003.h']).citation, '15 CFR 734.4(a)(4)');
  assert.equal(dm('DE', 1, ['9E003.a.7']).outcome, 'not-subject-to-ear'); // a.7 is not listed
  const heading = dm('DE', 1, ['9E003']);
  assert.equal(heading.outcome, 'needs-facts');
  assert.match(heading.needs![0], /^734\.4\(a\)\(4\): there is no de minimis level if the U\.S\. content is 9E003\.a\.1 or/);
});

test('734.4(a)(6)(i): 9x515 and "600 series" .a-.x content to D:5', () => {
  assert.ok(groups('VE').includes('D:5'));
  const r = dm('VE', 1, ['9A515.a']);
  assert.equal(r.outcome, 'subject-to-ear');
  assert.equal(r.citation, '15 CFR 734.4(a)(6)(i)');
  assert.equal(dm('CN', 1, ['9A610.a']).citation, '15 CFR 734.4(a)(6)(i)');
  assert.equal(dm('DE', 1, ['9A610.a']).outcome, 'not-subject-to-ear'); // Germany is not in D:5
});

test('734.4(a)(6)(ii): 9x515 and "600 series" .y content to E:1/E:2, Belarus, China, Russia', () => {
  assert.equal(dm('CN', 1, ['9A610.y.1']).citation, '15 CFR 734.4(a)(6)(ii)');
  assert.equal(dm('CU', 1, ['9A610.y.1']).citation, '15 CFR 734.4(a)(6)(ii)');
  assert.ok(!groups('VN').includes('D:5') && !groups('VN').includes('E:1'));
  assert.equal(dm('VN', 1, ['9A610.y.1']).outcome, 'not-subject-to-ear');
  // A "600 series" heading to D:5: .a-.x has no de minimis level, .y does; the paragraph decides.
  assert.equal(dm('VE', 1, ['9A610']).outcome, 'needs-facts');
});

test('734.4(a)(5): 0A919.a.1 in a foreign "military commodity" to D:5 depends on the item being one', () => {
  const r = dm('CN', 1, ['0A919.a.1']);
  assert.equal(r.outcome, 'needs-facts');
  assert.equal(r.citation, '15 CFR 734.4(a)(5)');
  assert.equal(dm('DE', 1, ['0A919.a.1']).outcome, 'not-subject-to-ear'); // not D:5
});

test('734.4(a)(1): U.S. 3A001 semiconductors in a computer to Cuba, Iran, North Korea or Syria', () => {
  const r = dm('CU', 1, ['3A001'], '4A994');
  assert.equal(r.outcome, 'needs-facts'); // the computer's Adjusted Peak Performance decides
  assert.equal(r.citation, '15 CFR 734.4(a)(1)');
  assert.equal(dm('CU', 1, ['3A001'], '5A992').outcome, 'not-subject-to-ear'); // not a computer
});

test('734.4(a)(3), (a)(8): semiconductor manufacturing equipment, checked when its ECCN is given', () => {
  assert.equal(dm('CN', 1, ['3A991'], '3B993.f.1').citation, '15 CFR 734.4(a)(3)');
  assert.equal(dm('CN', 1, ['3A991'], '3B001.c').citation, '15 CFR 734.4(a)(8)');
  const noItem = dm('CN', 1, ['3A991']);
  assert.ok(noItem.notes.some((n) => n.startsWith("Not checked without the foreign-made item's own ECCN: 734.4(a)(3), 734.4(a)(8), 734.4(a)(9)")));
});

test('734.4(b): U.S. 5A002 content depends on its ENC authorisation', () => {
  const r = dm('DE', 5, ['5A002']);
  assert.equal(r.outcome, 'needs-facts');
  assert.equal(r.citation, '15 CFR 734.4(b)');
  assert.equal(dm('DE', 5, ['5A992']).outcome, 'not-subject-to-ear'); // 734.4(b)(2): 5A992 qualifies
});

test('bad input is an error naming the field', () => {
  const bad = (q: Partial<DeMinimisQuery['usContent']>, field: string, destination = 'DE') =>
    assert.throws(() => evaluator.deMinimis({ destination, usContent: { percent: 5, eccns: ['EAR99'], ...q } }), (e: unknown) => e instanceof ShipmentInputError && e.field === field);
  bad({ percent: 100.5 }, 'usContent.percent');
  bad({ percent: -1 }, 'usContent.percent');
  bad({ percent: 'ten' as unknown as number }, 'usContent.percent');
  bad({ currency: 'EUR' }, 'usContent.currency');
  bad({ eccns: ['3A99'] }, 'usContent.eccns');
  bad({ eccns: 'EAR99' as unknown as string[] }, 'usContent.eccns');
  bad({ percent: undefined, value: 10, itemValue: 0 }, 'usContent.itemValue');
  bad({ percent: undefined, value: 200, itemValue: 100 }, 'usContent.value');
  bad({ percent: 50, value: 10, itemValue: 100 }, 'usContent.percent');
  bad({}, 'destination', 'Atlantis');
  assert.equal(evaluator.deMinimis({ destination: 'DE', usContent: { percent: '7.5' as unknown as number, eccns: ['EAR99'] } }).percent, 7.5);
});
