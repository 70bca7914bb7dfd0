// The decision engine against hand-made rule sets and a fake catalog: one test per rule of
// docs/rule-format.md, "Selectors" and "Semantics".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, NO_RULE_NOTE } from '../../server/src/engine/engine';
import type { CheckRequest } from '../../server/src/engine/types';
import type { ItemInput } from '../../server/src/model/types';
import { fakeCatalog, ruleSet, type RuleSetSpec, type RuleSpec } from './helpers/ruleSets';

const catalog = fakeCatalog();

/** An engine over one rule set with these rules. */
function engineOf(rules: RuleSpec[], extra: Partial<RuleSetSpec> = {}) {
  return createEngine([ruleSet({ id: 'rs', rules, ...extra })], catalog, { today: '2025-01-01' });
}

/** Ids of the rules that apply. */
function applying(rules: RuleSpec[], item: ItemInput, destination = 'RU', date?: string, extra: Partial<RuleSetSpec> = {}): string[] {
  const req: CheckRequest = { item, destination, ...(date ? { date } : {}) };
  return engineOf(rules, extra).check(req).matched.map((m) => m.rule);
}

const toRU = [{ country: ['RU'] }];

test('dates: effective is inclusive, expires exclusive', () => {
  const rules: RuleSpec[] = [{ id: 'r', items: [{ ccl: true }], destinations: toRU, effective: '2022-04-08', expires: '2024-01-01' }];
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'RU', '2022-04-07'), []);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'RU', '2022-04-08'), ['r']);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'RU', '2023-12-31'), ['r']);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'RU', '2024-01-01'), []);
});

test("dates: a rule without dates takes the ruleset's; its own win", () => {
  const rules: RuleSpec[] = [
    { id: 'inherits', items: [{ ccl: true }], destinations: toRU },
    { id: 'own', items: [{ ccl: true }], destinations: toRU, effective: '2020-01-01', expires: '2021-01-01' },
  ];
  const rs = { effective: '2022-02-24', expires: '2030-01-01' };
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'RU', '2022-02-23', rs), []);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'RU', '2020-06-01', rs), ['own']);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'RU', '2022-02-24', rs), ['inherits']);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'RU', '2030-01-01', rs), []);
});

test('dates: no date means the engine\'s today; open ends apply always', () => {
  const rules: RuleSpec[] = [
    { id: 'open', items: [{ ccl: true }], destinations: toRU },
    { id: 'from-2025', items: [{ ccl: true }], destinations: toRU, effective: '2025-01-01' },
    { id: 'from-2026', items: [{ ccl: true }], destinations: toRU, effective: '2026-01-01' },
  ];
  const d = engineOf(rules).check({ item: { eccn: '3A001' }, destination: 'RU' });
  assert.equal(d.date, '2025-01-01');
  assert.deepEqual(d.matched.map((m) => m.rule), ['open', 'from-2025']);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'RU', '1900-01-01'), ['open']);
});

test('except items and except destinations switch a rule off', () => {
  const rules: RuleSpec[] = [
    {
      id: 'r',
      items: [{ ccl: true }],
      destinations: [{ countryGroup: ['D:1'] }],
      exceptItems: [{ eccn: ['5A992'] }],
      exceptDestinations: [{ country: ['UA'] }],
    },
  ];
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'RU'), ['r']);
  assert.deepEqual(applying(rules, { eccn: '5A992' }, 'RU'), []);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'UA'), []);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'UA-43'), [], 'a region is its country for except too');
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'CN'), ['r']);
});

test('the most restrictive rule decides; every applying rule is reported, deciding ones first', () => {
  const rules: RuleSpec[] = [
    { id: 'nlr', decision: 'no-license-required', items: [{ ccl: true }], destinations: toRU, exceptions: ['GOV'] },
    { id: 'lr-a', decision: 'license-required', items: [{ eccn: ['3A*'] }], destinations: toRU, exceptions: ['GOV', 'TMP'], citation: '15 CFR 746.8(a)(1)', review: 'policy of denial' },
    { id: 'other-dest', decision: 'prohibited', items: [{ ccl: true }], destinations: [{ country: ['CN'] }] },
    { id: 'lr-b', decision: 'license-required', items: [{ category: ['3'] }], destinations: toRU, exceptions: ['ENC'] },
  ];
  const d = engineOf(rules).check({ item: { eccn: '3A001' }, destination: 'RU', date: '2025-01-01' });
  assert.equal(d.decision, 'license-required');
  assert.equal(d.noRuleApplied, false);
  assert.equal(d.note, undefined);
  assert.deepEqual(d.matched.map((m) => [m.rule, m.deciding]), [['lr-a', true], ['lr-b', true], ['nlr', false]]);
  // each rule keeps the exceptions it names; the answer evaluates them (746.8(c)(2) keeps GOV for
  // Russia, for a person to confirm; LVS is for Country Group B only, 740.3(b))
  assert.deepEqual(d.matched.map((m) => m.exceptions), [['GOV', 'TMP'], ['ENC'], ['GOV']]);
  assert.equal(d.exceptions.find((e) => e.symbol === 'GOV')?.status, 'needs-facts');
  assert.equal(d.exceptions.find((e) => e.symbol === 'LVS')?.status, 'not-available');
  assert.deepEqual(d.exceptions.filter((e) => e.status === 'available'), []);
  assert.match(d.exceptionNotes.at(-1)!, /^rs\/lr-b: the rule set names no jurisdiction and the rule cites no EAR paragraph/);
  const lrA = d.matched[0];
  assert.equal(lrA.citation, '15 CFR 746.8(a)(1)');
  assert.equal(lrA.review, 'policy of denial');
  assert.equal(lrA.uri, 'file:///rules/rs.ecr.yaml');
  assert.equal(lrA.line, 21, 'line is 1-based, of the rule id');
  assert.deepEqual(d.destination, { code: 'RU', name: 'Russia' });
  assert.equal(d.dataAsOf, '2026-09-24');
  assert.equal(d.notice, 'Reference only, not legal advice.');

  const withBan = engineOf([...rules, { id: 'ban', decision: 'prohibited', items: [{ eccn: ['3A001'] }], destinations: toRU }]);
  const b = withBan.check({ item: { eccn: '3A001' }, destination: 'RU' });
  assert.equal(b.decision, 'prohibited');
  assert.deepEqual(b.matched.map((m) => m.rule), ['ban', 'lr-a', 'lr-b', 'nlr']);
  assert.deepEqual(b.exceptions, []);
});

test('no applying rule: no licence required, and said so', () => {
  const d = engineOf([{ id: 'r', items: [{ ccl: true }], destinations: toRU }]).check({ item: { eccn: '3A001' }, destination: 'DE' });
  assert.equal(d.decision, 'no-license-required');
  assert.equal(d.noRuleApplied, true);
  assert.equal(d.note, NO_RULE_NOTE);
  assert.deepEqual(d.matched, []);
  assert.deepEqual(d.exceptions, []);
});

test('eccn: a plain ECCN covers its sub-paragraphs, not lookalikes or siblings', () => {
  const rules: RuleSpec[] = [
    { id: '3A001', items: [{ eccn: ['3A001'] }], destinations: toRU },
    { id: '3A001.a', items: [{ eccn: ['3a001.a'] }], destinations: toRU },
    { id: '3A00', items: [{ eccn: ['3A00'] }], destinations: toRU },
  ];
  // the heading stands for all its paragraphs: the rule for 3A001.a applies to it in part
  assert.deepEqual(applying(rules, { eccn: '3A001' }), ['3A001', '3A001.a']);
  assert.deepEqual(applying(rules, { eccn: '3A001.a.1' }), ['3A001', '3A001.a']);
  assert.deepEqual(applying(rules, { eccn: '3A001.b.2' }), ['3A001']);
  assert.deepEqual(applying(rules, { eccn: '3A991' }), []);
});

test('eccn: a trailing * is a prefix; EAR99 matches only EAR99 items', () => {
  const rules: RuleSpec[] = [
    { id: '3A*', items: [{ eccn: ['3A*'] }], destinations: toRU },
    { id: '3A00*', items: [{ eccn: ['3A00*'] }], destinations: toRU },
    { id: 'ear99', items: [{ eccn: ['EAR99'] }], destinations: toRU },
  ];
  assert.deepEqual(applying(rules, { eccn: '3A001.a.1' }), ['3A*', '3A00*']);
  assert.deepEqual(applying(rules, { eccn: '3A991' }), ['3A*']);
  assert.deepEqual(applying(rules, { eccn: '3D001' }), []);
  assert.deepEqual(applying(rules, { eccn: 'EAR99' }), ['ear99']);
  assert.deepEqual(applying(rules, { hs: '8517.13' }), ['ear99']);
});

test('category and productGroup come from the ECCN, never from EAR99', () => {
  const rules: RuleSpec[] = [
    { id: 'cat3', items: [{ category: ['3'] }], destinations: toRU },
    { id: 'groupE', items: [{ productGroup: ['e'] }], destinations: toRU },
    { id: 'cat3-groupD', items: [{ category: ['3'], productGroup: ['D'] }], destinations: toRU },
  ];
  assert.deepEqual(applying(rules, { eccn: '3A001' }), ['cat3']);
  assert.deepEqual(applying(rules, { eccn: '3D001' }), ['cat3', 'cat3-groupD']);
  assert.deepEqual(applying(rules, { eccn: '9E003' }), ['groupE']);
  assert.deepEqual(applying(rules, { eccn: 'EAR99' }), []);
});

test('reason: a column or a reason that controls the item: the entry as a whole, or its paragraph', () => {
  const rules: RuleSpec[] = [
    { id: 'NS1', items: [{ reason: ['NS1'] }], destinations: toRU },
    { id: 'NS2', items: [{ reason: ['NS2'] }], destinations: toRU },
    { id: 'NS', items: [{ reason: ['NS'] }], destinations: toRU },
    { id: 'MT', items: [{ reason: ['MT'] }], destinations: toRU },
    { id: 'UN', items: [{ reason: ['un'] }], destinations: toRU },
    { id: 'CW', items: [{ reason: ['CW'] }], destinations: toRU },
  ];
  // 3A001 is NS2 as a whole; NS1 (b.2) and MT1 (a.1.a) cover some paragraphs: for the heading
  // they apply in part (listed after the deciding rules, with their conditions).
  assert.deepEqual(applying(rules, { eccn: '3A001' }), ['NS2', 'NS', 'NS1', 'MT']);
  assert.deepEqual(applying(rules, { eccn: '3A001.a.1.a' }), ['NS2', 'NS', 'MT'], 'MT1 covers a.1.a on a condition; NS1 (b.2) does not');
  assert.deepEqual(applying(rules, { eccn: '3A001.a.2' }), ['NS2', 'NS'], 'a paragraph no partial control names');
  assert.deepEqual(applying(rules, { eccn: '5A002' }), ['NS1', 'NS'], 'a reason by its entire-entry column');
  assert.deepEqual(applying(rules, { eccn: '0A501' }), ['UN', 'NS1', 'NS'], 'NS1 applies to 0A501 except 0A501.y: in part for the heading');
  assert.deepEqual(applying(rules, { eccn: '0A501.y' }), ['UN'], 'the paragraph NS1 leaves out');
  assert.deepEqual(applying(rules, { eccn: '0A501.a' }), ['NS1', 'NS', 'UN']);
  assert.deepEqual(applying(rules, { eccn: '9A991' }), ['UN'], 'UN for 9A991.a: in part for the heading');
  assert.deepEqual(applying(rules, { eccn: '9A991.a' }), ['UN'], 'UN for 9A991.a: in full for the paragraph');
  assert.deepEqual(applying(rules, { eccn: '9A991.d' }), [], 'another paragraph of 9A991');
  assert.deepEqual(applying(rules, { eccn: '1C350' }), ['CW'], 'a reason without paragraph limits');
  assert.deepEqual(applying(rules, { eccn: '5A992' }), []);
  assert.deepEqual(applying(rules, { eccn: 'EAR99' }), []);
});

test('an item named by its heading gets the most restrictive answer over its paragraphs, and says which drive it', () => {
  const rules: RuleSpec[] = [
    { id: 'un-9a991a', items: [{ eccn: ['9A991.a'] }], destinations: toRU, decision: 'prohibited' },
    { id: 'ccl', items: [{ ccl: true }], destinations: toRU, decision: 'license-required' },
  ];
  const heading = engineOf(rules).check({ item: { eccn: '9A991' }, destination: 'RU' });
  assert.equal(heading.decision, 'prohibited');
  assert.equal(heading.conditional, true);
  assert.equal(heading.unconditionalDecision, 'license-required');
  assert.deepEqual(heading.paragraphs, ['9A991.a']);
  assert.deepEqual(heading.matched.map((m) => [m.rule, m.deciding]), [['un-9a991a', true], ['ccl', false]]);
  assert.deepEqual(heading.matched[0].conditions, [{ kind: 'paragraph', text: 'applies to 9A991.a of 9A991 only', paragraphs: ['9A991.a'] }]);
  const named = engineOf(rules).check({ item: { eccn: '9A991.a' }, destination: 'RU' });
  assert.equal(named.decision, 'prohibited');
  assert.equal(named.conditional, undefined);
  assert.equal(named.matched[0].conditions, undefined);
  const other = engineOf(rules).check({ item: { eccn: '9A991.d' }, destination: 'RU' });
  assert.equal(other.decision, 'license-required');
  assert.deepEqual(other.matched.map((m) => m.rule), ['ccl']);
});

test('an except item selector that holds in part leaves the rule applying in part', () => {
  const rules: RuleSpec[] = [{ id: 'all-but-y', items: [{ eccn: ['0A501'] }], exceptItems: [{ eccn: ['0A501.y'] }], destinations: toRU }];
  const heading = engineOf(rules).check({ item: { eccn: '0A501' }, destination: 'RU' });
  assert.equal(heading.decision, 'license-required');
  assert.equal(heading.conditional, true);
  assert.deepEqual(heading.dependsOn, [{ kind: 'paragraph', text: 'does not apply to 0A501.y of 0A501 only', paragraphs: ['0A501.y'] }]);
  assert.equal(engineOf(rules).check({ item: { eccn: '0A501.y.1' }, destination: 'RU' }).decision, 'no-license-required');
});

test('ccl and ear99', () => {
  const rules: RuleSpec[] = [
    { id: 'ccl', items: [{ ccl: true }], destinations: toRU },
    { id: 'ear99', items: [{ ear99: true }], destinations: toRU },
  ];
  assert.deepEqual(applying(rules, { eccn: '5A992' }), ['ccl']);
  assert.deepEqual(applying(rules, { eccn: 'EAR99' }), ['ear99']);
  assert.deepEqual(applying(rules, { hs: '8471.30' }), ['ear99'], 'only an HS code: EAR99');
});

test('hs: a prefix over the digits, dots ignored on both sides', () => {
  const rules: RuleSpec[] = [
    { id: '8517.13', items: [{ hs: ['8517.13'] }], destinations: toRU },
    { id: '85', items: [{ hs: ['85'] }], destinations: toRU },
    { id: '8471', items: [{ hs: ['8471'] }], destinations: toRU },
  ];
  assert.deepEqual(applying(rules, { hs: '851713.00' }), ['8517.13', '85']);
  assert.deepEqual(applying(rules, { hs: '8517.62' }), ['85']);
  assert.deepEqual(applying(rules, { eccn: '5A992', hs: '8471.30.01' }), ['8471']);
  // without an HS code every hs rule applies in part: the conservative answer, saying what would narrow it
  assert.deepEqual(applying(rules, { eccn: '5A992' }), ['8517.13', '85', '8471']);
  const noHs = engineOf(rules).check({ item: { eccn: '5A992' }, destination: 'RU' });
  assert.equal(noHs.conditional, true);
  assert.equal(noHs.unconditionalDecision, 'no-license-required');
  assert.deepEqual(noHs.dependsOn?.map((c) => c.kind), ['hs', 'hs', 'hs']);
  assert.equal(noHs.dependsOn?.[0].text, "applies if the item's HS code starts with 8517.13 (no HS code given)");
  // a shorter code than the rule's: in part
  assert.deepEqual(applying(rules, { hs: '8517' }), ['85', '8517.13']);
  assert.equal(engineOf(rules).check({ item: { hs: '8517' }, destination: 'RU' }).conditional, undefined, '85 applies in full');
});

const products = [
  { sku: 'FMC-200', name: 'Flight management computer', eccn: '7A994', hs: '8526.91' },
  { sku: 'FAB-CHIP-7', name: 'Foreign-made chip', eccn: '3A991', origin: 'foreign' as const, directProductOf: ['3E001', '3D001'] },
  { sku: 'CABLE-1', hs: '8544.42' },
];

test('product: resolves to its ECCN, HS code, origin and direct-product ECCNs', () => {
  const e = engineOf([], { products });
  assert.deepEqual(e.resolveItem({ product: 'fmc-200' }), {
    eccn: '7A994', hs: '8526.91', product: 'FMC-200', name: 'Flight management computer', origin: 'us', directProductOf: [],
  });
  assert.deepEqual(e.resolveItem({ product: 'FAB-CHIP-7' }), {
    eccn: '3A991', product: 'FAB-CHIP-7', name: 'Foreign-made chip', origin: 'foreign', directProductOf: ['3E001', '3D001'],
  });
  assert.equal(e.resolveItem({ product: 'CABLE-1' }).eccn, 'EAR99', 'a product with only an HS code is EAR99');
  assert.deepEqual(e.resolveItem({ product: 'FAB-CHIP-7', eccn: '3a001.a.1', origin: 'us', directProductOf: [] }), {
    eccn: '3A001.a.1', product: 'FAB-CHIP-7', name: 'Foreign-made chip', origin: 'us', directProductOf: [],
  }, 'explicit fields win');
});

test('product: rules match on the sku and on the attributes it resolves to', () => {
  const rules: RuleSpec[] = [
    { id: 'sku', items: [{ product: ['FMC-200'] }], destinations: toRU },
    { id: '7A', items: [{ eccn: ['7A*'] }], destinations: toRU },
    { id: 'hs8526', items: [{ hs: ['8526'] }], destinations: toRU },
    { id: 'foreign', items: [{ origin: 'foreign' }], destinations: toRU },
  ];
  assert.deepEqual(applying(rules, { product: 'FMC-200' }, 'RU', undefined, { products }), ['sku', '7A', 'hs8526']);
  // (without an HS code, the hs rule applies in part and is listed after the deciding rules)
  assert.deepEqual(applying(rules, { eccn: '7A994' }, 'RU', undefined, { products }), ['7A', 'hs8526'], 'the sku rule wants the product');
  assert.deepEqual(applying(rules, { eccn: '7A994', hs: '9014.20' }, 'RU', undefined, { products }), ['7A']);
  assert.deepEqual(applying(rules, { product: 'FAB-CHIP-7' }, 'RU', undefined, { products }), ['foreign', 'hs8526']);
});

test('a selector needs all its keys; a list needs any value', () => {
  const rules: RuleSpec[] = [
    { id: 'both', items: [{ eccn: ['3A001', '5A002'], reason: ['NS1'] }], destinations: toRU },
    { id: 'either', items: [{ eccn: ['3A001'] }, { reason: ['NS1'] }], destinations: [{ country: ['RU'], countryGroup: ['D:5'] }] },
  ];
  assert.deepEqual(applying(rules, { eccn: '5A002' }), ['both', 'either']);
  // 3A001 is NS1 for paragraph b.2 only: 'both' applies to the heading in part
  assert.deepEqual(applying(rules, { eccn: '3A001' }), ['either', 'both']);
  assert.deepEqual(applying(rules, { eccn: '3A001.a.1' }), ['either']);
  assert.deepEqual(applying(rules, { eccn: '3E001' }), ['either']);
  assert.deepEqual(applying(rules, { eccn: '5A002' }, 'UA'), []);
});

test('foreign direct product: foreign-made with US 3E/3D technology to Russia', () => {
  const rules: RuleSpec[] = [
    { id: 'fdp', items: [{ origin: 'foreign', directProductOf: ['3E*', '3D*'], ccl: true }], destinations: toRU },
    { id: 'us-ccl', items: [{ origin: 'us', ccl: true }], destinations: toRU, decision: 'license-required' },
  ];
  const e = engineOf(rules, { products });
  const chip = e.check({ item: { eccn: '3A991', origin: 'foreign', directProductOf: ['3E001'] }, destination: 'RU' });
  assert.equal(chip.decision, 'license-required');
  assert.deepEqual(chip.matched.map((m) => m.rule), ['fdp']);
  assert.deepEqual(e.check({ item: { product: 'FAB-CHIP-7' }, destination: 'RU' }).matched.map((m) => m.rule), ['fdp']);

  const usChip = e.check({ item: { eccn: '3A991', origin: 'us', directProductOf: ['3E001'] }, destination: 'RU' });
  assert.deepEqual(usChip.matched.map((m) => m.rule), ['us-ccl'], 'the same chip made in the US: other rules only');

  const noUsTech = e.check({ item: { eccn: '3A991', origin: 'foreign' }, destination: 'RU' });
  assert.equal(noUsTech.decision, 'no-license-required');
  assert.equal(noUsTech.noRuleApplied, true, 'a foreign item without US technology is not caught');

  const otherTech = e.check({ item: { eccn: '3A991', origin: 'foreign', directProductOf: ['9E003'] }, destination: 'RU' });
  assert.equal(otherTech.noRuleApplied, true);
  const ear99 = e.check({ item: { hs: '8542.31', origin: 'foreign', directProductOf: ['3E001'] }, destination: 'RU' });
  assert.equal(ear99.noRuleApplied, true, 'ccl: true leaves EAR99 items out');
});

test('country: a country covers its regions, a region only itself', () => {
  const rules: RuleSpec[] = [
    { id: 'UA', items: [{ ccl: true }], destinations: [{ country: ['UA'] }] },
    { id: 'UA-43', items: [{ ccl: true }], destinations: [{ country: ['ua-43'] }] },
  ];
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'UA'), ['UA']);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'UA-43'), ['UA', 'UA-43']);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'ua-14'), ['UA']);
});

test('countryGroup and chart use the destination\'s catalog data (a region has its country\'s)', () => {
  const rules: RuleSpec[] = [
    { id: 'E:1', items: [{ ear99: true }], destinations: [{ countryGroup: ['E:1'] }] },
    { id: 'D:1', items: [{ ear99: true }], destinations: [{ countryGroup: ['d:1'] }] },
    { id: 'RS1', items: [{ ear99: true }], destinations: [{ chart: ['RS1'] }] },
    { id: 'NS1', items: [{ ear99: true }], destinations: [{ chart: ['NS1'] }] },
  ];
  assert.deepEqual(applying(rules, { eccn: 'EAR99' }, 'IR'), ['E:1']);
  assert.deepEqual(applying(rules, { eccn: 'EAR99' }, 'RU'), ['D:1', 'RS1', 'NS1']);
  assert.deepEqual(applying(rules, { eccn: 'EAR99' }, 'UA-43'), ['D:1', 'NS1']);
  assert.deepEqual(applying(rules, { eccn: 'EAR99' }, 'DE'), ['NS1']);
});

test('any: true covers every destination', () => {
  const rules: RuleSpec[] = [{ id: 'any', items: [{ eccn: ['3A001'] }], destinations: [{ any: true }], exceptDestinations: [{ countryGroup: ['A:1'] }] }];
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'CU'), ['any']);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'UA-43'), ['any']);
  assert.deepEqual(applying(rules, { eccn: '3A001' }, 'DE'), []);
  const e = engineOf([{ id: 'all', items: [{ ccl: true }], destinations: [{ any: true }] }]);
  assert.equal(e.ruleDestinations(e.rules[0]), 'any');
});

test('ruleDestinations: the cover less the except destinations', () => {
  const e = engineOf([
    { id: 'r', items: [{ ccl: true }], destinations: [{ countryGroup: ['B'] }, { country: ['RU'] }], exceptDestinations: [{ country: ['UA-43'] }] },
    { id: 'nothing', items: [{ ccl: true }], destinations: [{ country: ['RU'], countryGroup: ['A:1'] }] },
  ]);
  assert.deepEqual([...e.ruleDestinations(e.rules[0])].sort(), ['DE', 'DK', 'FR', 'RU', 'UA', 'UA-14']);
  assert.deepEqual([...e.ruleDestinations(e.rules[1])], []);
});

test('a failing rule test on a conditional answer says what it depends on and how to narrow it', () => {
  const rules: RuleSpec[] = [{ id: 'un-9a991a', items: [{ eccn: ['9A991.a'] }], destinations: toRU }];
  const e = engineOf(rules, {
    tests: [{ name: 'aircraft parts', item: { eccn: '9A991' }, destination: 'RU', date: '2025-01-01', expect: 'no-license-required' }],
  });
  assert.deepEqual(e.runTests().map((r) => r.message), [
    'expected no-license-required, got license-required (decided by un-9a991a; conditional on the paragraphs 9A991.a: name them in the test\'s item to narrow it)',
  ]);
});
