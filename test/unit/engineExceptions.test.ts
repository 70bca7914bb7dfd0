// Licence exceptions and de minimis through the engine, on the starter pack's real rules: the
// requirements reach the evaluation from the rules that decide, the exceptions are a separate
// part of a license-required answer, and de minimis sets the EAR's rules aside. Every
// expectation was worked out from the regulation text quoted beside it (15 CFR 740.2-740.4,
// 744.16, 746.7, 746.8(c), 734.4, 734.9) and the ECCN's entry, not from the engine's output.
import { loadStarterPack } from '../../server/src/workspace/starterPack';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../server/src/catalog/catalog';
import { createEngine } from '../../server/src/engine/engine';
import { CheckInputError, outcomeOf, type CheckRequest, type Determination } from '../../server/src/engine/types';
import type { ExceptionResult } from '../../server/src/exceptions';
import type { ItemInput } from '../../server/src/model/types';
import { ruleSet } from './helpers/ruleSets';

const catalog = getCatalog();
const pack = loadStarterPack().map((d) => d.ruleSet);
const engine = createEngine(pack, catalog, { today: '2026-09-24' });

function check(item: ItemInput, destination: string, more: Partial<CheckRequest> = {}): Determination {
  return engine.check({ item, destination, date: '2026-09-24', ...more });
}

function one(d: Determination, symbol: string): ExceptionResult {
  const e = d.exceptions.find((x) => x.symbol === symbol);
  assert.ok(e, `${symbol} is listed (listed: ${d.exceptions.map((x) => x.symbol).join(', ')})`);
  return e;
}

const groups = (code: string) => catalog.destination(code)!.countryGroups;
const marks = (code: string) => catalog.destination(code)!.chartColumns;

// --- LVS (740.3) -------------------------------------------------------------------------

test('LVS through the Country Chart rule: under, at and over the $5,000 limit of 2B007.a', () => {
  // 2B007 is NS2 for the whole entry; Tunisia has an X under NS2 and is in Country Group B.
  assert.ok(marks('TN').includes('NS2') && groups('TN').includes('B'));
  // LVS line: "$5,000, except 2B007.b and .c"; 740.3(d)(1)(i): the net value may not exceed it.
  for (const value of [4000, 5000]) {
    const d = check({ eccn: '2B007.a', value }, 'TN');
    assert.equal(d.decision, 'license-required', 'the decision stays license-required');
    const lvs = one(d, 'LVS');
    assert.equal(lvs.status, 'available', `${value}`);
    assert.equal(lvs.limit, 5000);
    assert.equal(lvs.citation, '15 CFR 740.3');
  }
  const over = one(check({ eccn: '2B007.a', value: 5001 }, 'TN'), 'LVS');
  assert.equal(over.status, 'not-available');
  assert.equal(over.citation, '15 CFR 740.3(d)(1)(i)');
  assert.equal(over.reason, 'The net value $5,001 exceeds the LVS limit of $5,000 for 2B007.a.');
  // no value: the value decides it, and the answer says so
  const open = one(check({ eccn: '2B007.a' }, 'TN'), 'LVS');
  assert.equal(open.status, 'needs-facts');
  assert.deepEqual(open.inputs, ['value']);
});

// --- GBS (740.4) -------------------------------------------------------------------------

test('GBS: an NS-only requirement to Country Group B is available; outside Country Group B it is not', () => {
  // 5A001 GBS line: "Yes, except 5A001.a, b.5, e, and h."; 740.4: NS-only, Country Group B.
  const tn = check({ eccn: '5A001.b.1' }, 'TN');
  assert.deepEqual(tn.matched.filter((m) => m.deciding).map((m) => [m.rule, m.reasons]), [['chart-ns2', ['NS2']]]);
  assert.equal(one(tn, 'GBS').status, 'available');
  assert.ok(!groups('CN').includes('B'));
  const cn = one(check({ eccn: '5A001.b.1' }, 'CN'), 'GBS');
  assert.equal(cn.status, 'not-available');
  assert.equal(cn.citation, '15 CFR 740.4');
  assert.match(cn.reason, /China is not/);
});

// --- What bars them: 740.2, parties, part 746 -----------------------------------------------

test('740.2(a)(10): no licence exception for 0A983 (a 742.11 requirement)', () => {
  const d = check({ eccn: '0A983', value: 10 }, 'DE');
  assert.equal(d.decision, 'license-required');
  assert.ok(d.exceptions.length > 0);
  for (const e of d.exceptions) assert.equal(e.status, 'not-available', e.symbol);
  assert.equal(one(d, 'TMP').citation, '15 CFR 740.2(a)(10)');
});

test('an Entity List party (a screening hit given to the check) bars every licence exception (744.16(b))', () => {
  const party = [{ list: 'entity-list', name: 'Example Trading' }];
  const d = check({ eccn: '2B007.a', value: 4000 }, 'TN', { partyHits: party });
  for (const e of d.exceptions) assert.equal(e.status, 'not-available', e.symbol);
  assert.equal(one(d, 'LVS').citation, '15 CFR 744.16(b)');
  // the parties were given: the answer no longer says that none was screened
  assert.ok(!d.exceptionNotes.some((n) => n.startsWith('No party screening results')));
  assert.ok(!d.notChecked.some((n) => n.includes('no party was screened')));
  const none = check({ eccn: '2B007.a', value: 4000 }, 'TN');
  assert.ok(none.notChecked.some((n) => n.includes('no party was screened')));
  assert.ok(none.exceptionNotes.some((n) => n.startsWith('No party screening results were given')));
});

test('746.8(c)(2): to Russia only TMP, GOV, TSU, BAG, AVS, ENC, CCD and MED remain, each limited', () => {
  const d = check({ eccn: '5A992' }, 'RU');
  assert.ok(d.matched.some((m) => m.deciding && m.rule === 'ru-by-all-ccl'));
  const rpl = one(d, 'RPL');
  assert.equal(rpl.status, 'not-available');
  assert.equal(rpl.citation, '15 CFR 746.8(c)(2)');
  // TMP stays only for the news media (740.9(a)(9)): a person says whether that is the use
  const tmp = one(d, 'TMP');
  assert.equal(tmp.status, 'needs-facts');
  assert.match(tmp.reason, /740\.9\(a\)\(9\)/);
  assert.deepEqual(d.exceptions.filter((e) => e.status === 'available'), []);
});

// --- Modes ---------------------------------------------------------------------------------

test('callers ask for all exceptions, only the decidable ones (matrix, batch) or none', () => {
  const all = check({ eccn: '2B007.a', value: 4000 }, 'TN');
  assert.ok(all.exceptions.some((e) => e.symbol === 'TMP'));
  const decidable = check({ eccn: '2B007.a', value: 4000 }, 'TN', { exceptions: 'decidable' });
  assert.deepEqual(decidable.exceptions.map((e) => [e.symbol, e.status]), [['LVS', 'available'], ['GBS', 'not-available']]);
  assert.ok(decidable.notChecked.some((n) => n.startsWith('Licence exceptions: only those the data can find available')));
  const none = check({ eccn: '2B007.a', value: 4000 }, 'TN', { exceptions: 'none' });
  assert.deepEqual(none.exceptions, []);
  assert.ok(none.notChecked.includes('Licence exceptions (15 CFR part 740) were not evaluated for this answer.'));
  // no licence required: nothing to evaluate
  const free = check({ eccn: '2B007.a', value: 4000 }, 'DE');
  assert.equal(free.decision, 'no-license-required');
  assert.deepEqual([free.exceptions, free.exceptionNotes], [[], []]);
});

test('the same question asked again gets the same (shared, frozen) answer; a value changes LVS only', () => {
  const a = check({ eccn: '2B007.a' }, 'TN');
  const b = check({ eccn: '2B007.a' }, 'TN');
  assert.equal(a.exceptions, b.exceptions);
  assert.ok(Object.isFrozen(a.exceptions) && Object.isFrozen(a.exceptions[0]));
  const four = check({ eccn: '2B007.a', value: 4000 }, 'TN');
  const six = check({ eccn: '2B007.a', value: 6000 }, 'TN');
  assert.deepEqual([one(four, 'LVS').status, one(six, 'LVS').status], ['available', 'not-available']);
  assert.equal(one(four, 'GBS'), one(six, 'GBS'), 'what the value does not change is shared');
  assert.deepEqual(four.item.value, 4000);
  assert.equal(check({ eccn: '2B007.a' }, 'TN').item.value, undefined, 'a value asked before does not stick to the item');
});

// --- De minimis (734.4) --------------------------------------------------------------------

test('de minimis: 8 % U.S. content to a D:1 country is not subject to the EAR; the EAR rules are set aside', () => {
  assert.ok(groups('CN').includes('D:1') && !groups('CN').includes('E:1') && !groups('CN').includes('E:2'));
  const d = check({ eccn: '3A001', usContent: { percent: 8, eccns: ['3A991'] } }, 'CN');
  assert.equal(d.item.origin, 'foreign', 'U.S. content makes the item foreign-made');
  assert.equal(d.subjectToEar, false);
  assert.equal(outcomeOf(d), 'not-subject-to-ear');
  assert.equal(d.decision, 'no-license-required');
  assert.deepEqual(d.matched, []);
  assert.equal(d.deMinimis?.outcome, 'not-subject-to-ear');
  assert.equal(d.deMinimis?.calculation, 'U.S.-controlled content 8 % ≤ 25 % (734.4(d): China is not in Country Group E:1 or E:2).');
  assert.match(d.note!, /^Not subject to the EAR: U\.S\.-controlled content 8 % ≤ 25 %/);
  // 3A001 is NS2 for the whole entry and China has an X under NS2: that rule was set aside
  assert.ok(d.notApplied!.includes('us-ear-country-chart/chart-ns2: set aside (not subject to the EAR, de minimis 734.4(d))'));
  // without the U.S. content the same item needs a licence
  const plain = check({ eccn: '3A001', origin: 'foreign' }, 'CN');
  assert.equal(plain.decision, 'license-required');
  assert.equal(plain.subjectToEar, undefined);
  assert.ok(plain.notChecked.some((n) => n.startsWith('De minimis (15 CFR 734.4): no U.S.-origin content was given')));
});

test('de minimis: 10 % and 10.1 % to an E:1 destination (734.4(c): "10% or less"); 25 % to E:1 and elsewhere', () => {
  assert.ok(groups('IR').includes('E:1'));
  const at = check({ eccn: '3A991', usContent: { percent: 10, eccns: ['EAR99'] } }, 'IR');
  assert.equal(at.deMinimis?.outcome, 'not-subject-to-ear');
  assert.equal(at.subjectToEar, false);
  // OFAC administers the ITSR, which reach the export whatever the EAR says (authority set): it stays
  assert.deepEqual(at.matched.map((m) => m.rule), ['iran-itsr']);
  assert.equal(at.decision, 'license-required');
  assert.deepEqual(at.exceptions, [], 'no EAR licence exception for what is outside the EAR');
  assert.match(at.exceptionNotes[0], /not subject to the EAR \(de minimis\), so licence exceptions of the EAR do not apply/);
  const over = check({ eccn: '3A991', usContent: { percent: 10.1, eccns: ['EAR99'] } }, 'IR');
  assert.equal(over.deMinimis?.outcome, 'subject-to-ear');
  assert.equal(over.subjectToEar, true);
  assert.ok(over.matched.some((m) => m.rule === 'iran-ccl-items'), 'the EAR rules apply');
  assert.ok(groups('KP').includes('E:1'));
  assert.equal(check({ eccn: '3A991', usContent: { percent: 25, eccns: ['3A991'] } }, 'KP').deMinimis?.outcome, 'subject-to-ear');
  assert.equal(check({ eccn: '3A991', usContent: { percent: 25, eccns: ['3A991'] } }, 'CN').subjectToEar, false);
});

test('de minimis: the cases of 734.4(a) with no de minimis level', () => {
  // (a)(6)(i): 9x515 or "600 series" .a-.x content to Country Group D:5
  assert.ok(groups('CN').includes('D:5'));
  const a6 = check({ eccn: '3A991', usContent: { percent: 1, eccns: ['9A515.a'] } }, 'CN');
  assert.equal(a6.deMinimis?.outcome, 'subject-to-ear');
  assert.equal(a6.deMinimis?.citation, '15 CFR 734.4(a)(6)(i)');
  assert.equal(a6.subjectToEar, true);
  // (a)(6)(ii): their .y content to China
  assert.equal(check({ eccn: '3A991', usContent: { percent: 1, eccns: ['9A515.y.1'] } }, 'CN').deMinimis?.citation, '15 CFR 734.4(a)(6)(ii)');
  // (a)(2): U.S. 5E002 technology in foreign encryption technology (the item's ECCN given)
  assert.equal(check({ eccn: '5E002', usContent: { percent: 1, eccns: ['5E002'] } }, 'DE').deMinimis?.citation, '15 CFR 734.4(a)(2)');
  // (a)(4): U.S. 9E003.a.1 technology
  assert.equal(check({ eccn: '9E003', usContent: { percent: 1, eccns: ['9E003.a.1'] } }, 'DE').deMinimis?.citation, '15 CFR 734.4(a)(4)');
  // a case that turns on a fact: within the level, needs facts, treated as subject to the EAR
  const facts = check({ eccn: '3A991', usContent: { percent: 1, eccns: ['0A919.a.1'] } }, 'CN');
  assert.equal(facts.deMinimis?.outcome, 'needs-facts');
  assert.equal(facts.subjectToEar, true);
});

test('de minimis: a foreign direct product rule still applies on top (734.9)', () => {
  const d = check({ eccn: '3A991', directProductOf: ['3E001'], usContent: { percent: 5, eccns: ['3A991'] } }, 'RU');
  assert.equal(d.deMinimis?.outcome, 'not-subject-to-ear');
  assert.equal(d.subjectToEar, true, 'a direct product is subject to the EAR whatever its U.S. content');
  assert.equal(d.decision, 'license-required');
  assert.match(d.deMinimis!.notes[0], /^A foreign direct product rule applies \(/);
});

test('de minimis with a company policy: the policy still decides outside the EAR', () => {
  const policy = ruleSet({
    id: 'acme-policy',
    rules: [{ id: 'd5-review', items: [{ ccl: true }], destinations: [{ countryGroup: ['D:5'] }], citation: 'Internal policy CP-7' }],
  });
  policy.jurisdiction = 'INTERNAL';
  const withPolicy = createEngine([...pack, policy], catalog, { today: '2026-09-24' });
  const d = withPolicy.check({ item: { eccn: '3A001', usContent: { percent: 8, eccns: ['3A991'] } }, destination: 'CN' });
  assert.equal(d.subjectToEar, false);
  assert.equal(d.decision, 'license-required');
  assert.equal(outcomeOf(d), 'license-required');
  assert.deepEqual(d.matched.map((m) => m.rule), ['d5-review']);
});

test('bad shipment facts are errors naming the field', () => {
  const field = (item: ItemInput) => {
    try {
      check(item, 'CN');
    } catch (e) {
      assert.ok(e instanceof CheckInputError);
      return [e.field, e.message];
    }
    assert.fail('no error');
  };
  assert.deepEqual(field({ eccn: '3A001', value: -1 }), ['value', "value -1 is not an amount: give the shipment's value in USD, e.g. 4000"]);
  assert.deepEqual(field({ eccn: '3A001', value: 'a lot' as unknown as number })[0], 'value');
  assert.equal(field({ eccn: '3A001', currency: 'EUR' })[0], 'currency');
  assert.deepEqual(field({ eccn: '3A001', usContent: { percent: 100.5, eccns: ['3A991'] } }), ['usContent', 'usContent.percent 100.5 cannot be over 100']);
  assert.equal(field({ eccn: '3A001', usContent: { percent: -1, eccns: ['3A991'] } })[1], 'usContent.percent -1 cannot be negative');
  assert.match(field({ eccn: '3A001', usContent: { percent: 5, eccns: [] } })[1], /^usContent\.eccns must name the ECCNs of the U\.S\. content/);
  assert.match(field({ eccn: '3A001', usContent: { percent: 5, eccns: ['3A9X1'] } })[1], /^malformed ECCN "3A9X1" \(usContent\.eccns\)/);
  assert.match(field({ eccn: '3A001', origin: 'us', usContent: { percent: 5, eccns: ['3A991'] } })[1], /^usContent is for foreign-made items/);
  // USD in any case is fine
  assert.equal(check({ eccn: '3A001', currency: 'usd', value: 10 }, 'CN').decision, 'license-required');
});

// --- MatchedRule reasons ---------------------------------------------------------------------

test('a rule matched by a reason selector reports the reasons the item is controlled for', () => {
  // iraq-ccl-reasons selects [NS, MT, NP, CW, CB, RS, CC, EI, SI, SL, UN]: 2B007 is NS and NP (and AT)
  const d = check({ eccn: '2B007.a' }, 'IQ');
  const iraq = d.matched.find((m) => m.rule === 'iraq-ccl-reasons');
  assert.ok(iraq, d.matched.map((m) => m.rule).join(', '));
  assert.deepEqual(iraq.reasons, ['NS', 'NP']);
  const chart = check({ eccn: '2B007.a' }, 'TN').matched.find((m) => m.rule === 'chart-ns2');
  assert.deepEqual(chart?.reasons, ['NS2']);
});

// --- Rule tests: expectExceptions, expectDeMinimis ------------------------------------------

test('rule tests assert the available exceptions and the de minimis outcome, and say why they fail', () => {
  const tests = ruleSet({
    id: 'shipments',
    tests: [
      { name: 'LVS under the limit', item: { eccn: '2B007.a', value: 4000 }, destination: 'TN', date: '2026-09-24', expect: 'license-required', expectExceptions: ['LVS'] },
      { name: 'LVS over the limit', item: { eccn: '2B007.a', value: 6000 }, destination: 'TN', date: '2026-09-24', expect: 'license-required', expectExceptions: ['LVS'] },
      { name: 'none expected, GBS found', item: { eccn: '5A001.b.1' }, destination: 'TN', date: '2026-09-24', expect: 'license-required', expectExceptions: [] },
      { name: 'de minimis', item: { eccn: '3A001', usContent: { percent: 8, eccns: ['3A991'] } }, destination: 'CN', date: '2026-09-24', expect: 'no-license-required', expectDeMinimis: 'not-subject-to-ear' },
      { name: 'de minimis over', item: { eccn: '3A001', usContent: { percent: 30, eccns: ['3A991'] } }, destination: 'CN', date: '2026-09-24', expect: 'license-required', expectDeMinimis: 'not-subject-to-ear' },
      { name: 'de minimis not worked out', item: { eccn: '3A001' }, destination: 'CN', date: '2026-09-24', expect: 'license-required', expectDeMinimis: 'subject-to-ear' },
    ],
  });
  const results = engine.runTests([tests]);
  assert.deepEqual(results.map((r) => r.passed), [true, false, false, true, false, false]);
  assert.equal(
    results[1].message,
    'expected exactly LVS available, got none: LVS is not-available (15 CFR 740.3(d)(1)(i)): The net value $6,000 exceeds the LVS limit of $5,000 for 2B007.a.',
  );
  assert.equal(results[2].message, 'expected no licence exception available, got GBS: GBS is available too');
  assert.equal(
    results[4].message,
    'expected de minimis not-subject-to-ear, got subject-to-ear: U.S.-controlled content 30 % > 25 % (734.4(d): China is not in Country Group E:1 or E:2). The controlled U.S. content is over the 25 % de minimis level: the item is subject to the EAR.',
  );
  assert.match(results[5].message, /^expected de minimis subject-to-ear, but de minimis was not worked out: give the item its usContent/);
});
