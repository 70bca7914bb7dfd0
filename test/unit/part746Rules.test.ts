// The generated part 746 rules (samples/starter/ear-part746-item-lists.ecr.yaml): the committed
// file is what scripts/build-part746-rules.mjs makes of data/reference/ (drift), every code and
// CAS number of every supplement is in the rule that implements its paragraph (coverage, read
// from the data directly, not through the script), and the answers that turn on the data's
// gaps (no HS code, no CAS number, no unit value, food or medicine) are conditional, never "no
// licence". Expected decisions are worked out from part 746 and 772.1 by hand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { getCatalog } from '../../server/src/catalog/catalog';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import { casProblem, hsDigits, normalizeCas } from '../../server/src/engine/patterns';
import type { CheckRequest } from '../../server/src/engine/types';
import { analyzeRuleText } from '../../server/src/model/document';
import type { ItemSelector, Rule, RuleSet } from '../../server/src/model/types';

const ROOT = path.resolve(__dirname, '../..');
const STARTER = path.join(ROOT, 'samples/starter');
const GENERATED = path.join(STARTER, 'ear-part746-item-lists.ecr.yaml');
const REFERENCE = path.join(ROOT, 'data/reference');

interface BuildModule {
  buildPart746Rules(referenceDir: string): string;
}

interface Supplements {
  supp2: { rows: { hts6: string }[] };
  supp4: { hts6_codes: string[] };
  supp5: { rows: { hts6: string; _min_per_unit_wholesale_usd_from_description: number | null }[] };
  supp6: { cas_numbers: string[] };
  supp7: { rows: { hts6: string }[] };
}

const data = JSON.parse(readFileSync(path.join(REFERENCE, 'part746-supplements.json'), 'utf8')) as Supplements;
const load = (file: string): RuleSet => analyzeRuleText(pathToFileURL(file).href, readFileSync(file, 'utf8')).ruleSet;
const generated = load(GENERATED);
const pack = ['ear-country-chart', 'ear-embargoes', 'ear-part746-item-lists', 'ear-russia-belarus'].map((f) => load(path.join(STARTER, `${f}.ecr.yaml`)));
const engine: Engine = createEngine(pack, getCatalog(), { today: '2025-12-01' });

function rule(id: string): Rule {
  const r = generated.rules.find((x) => x.id === id);
  assert.ok(r, `rule ${id} in the generated file`);
  return r;
}
/** The HS codes (digits) of a rule's selectors, each with the selector's value floor. */
const hsOf = (r: Rule, floor?: number): Set<string> =>
  new Set(r.items.filter((s: ItemSelector) => floor === undefined || s.minUnitValue === floor).flatMap((s) => (s.hs ?? []).map(hsDigits)));
const casOf = (r: Rule): Set<string> => new Set(r.items.flatMap((s) => (s.cas ?? []).map(normalizeCas)));
const check = (req: CheckRequest) => engine.check({ date: '2025-12-01', ...req });

test('the committed ear-part746-item-lists.ecr.yaml is what build-part746-rules.mjs makes of data/reference', async () => {
  const build = (await import(pathToFileURL(path.join(ROOT, 'scripts/build-part746-rules.mjs')).href)) as BuildModule;
  assert.equal(readFileSync(GENERATED, 'utf8'), build.buildPart746Rules(REFERENCE), 'run `npm run pack:build`');
  assert.equal(build.buildPart746Rules(REFERENCE), build.buildPart746Rules(REFERENCE), 'deterministic');
});

test('the generated file reads without errors and stays compact: one rule per paragraph, not per code', () => {
  const doc = analyzeRuleText(pathToFileURL(GENERATED).href, readFileSync(GENERATED, 'utf8'));
  assert.deepEqual(doc.problems, []);
  assert.equal(doc.parseMode, 'units', 'the fast per-unit parse path');
  assert.ok(generated.rules.length <= 30, `${generated.rules.length} rules`);
  assert.equal(rule('ru-industrial-supp4').items.length, 1);
});

test('every code of supplement no. 4 is in the industrial-items rules for Russia and for Belarus', () => {
  const codes = data.supp4.hts6_codes;
  assert.equal(codes.length, 2405);
  for (const id of ['ru-industrial-supp4', 'by-industrial-supp4']) {
    const hs = hsOf(rule(id));
    assert.deepEqual(codes.filter((c) => !hs.has(c)), [], id);
    assert.equal(hs.size, codes.length, `${id}: no code beyond the supplement`);
  }
});

test('every code of supplement no. 2 is in the oil-and-gas rules for Russia and for Belarus', () => {
  const codes = data.supp2.rows.map((r) => r.hts6);
  assert.equal(codes.length, 29);
  for (const id of ['ru-oil-gas-supp2', 'by-oil-gas-supp2']) assert.deepEqual([...hsOf(rule(id))].sort(), [...codes].sort(), id);
});

test('every code of supplement no. 5 is in the luxury-goods rule with its own value floor', () => {
  const luxury = rule('ru-by-luxury-supp5');
  const floors = [undefined, 300, 5000, 50000] as const;
  const bySelector = new Map(floors.map((f) => [f ?? 0, new Set(luxury.items.filter((s) => s.minUnitValue === f).flatMap((s) => (s.hs ?? []).map(hsDigits)))]));
  for (const row of data.supp5.rows) {
    const floor = row._min_per_unit_wholesale_usd_from_description ?? 0;
    assert.ok(bySelector.get(floor)?.has(row.hts6), `${row.hts6} under the $${floor} selector`);
  }
  assert.equal([...bySelector.values()].reduce((n, s) => n + s.size, 0), 363);
  assert.equal(data.supp5.rows.filter((r) => r._min_per_unit_wholesale_usd_from_description !== null).length, 125);
});

test('every CAS number of supplement no. 6 is valid and in exactly one CAS rule, and in the FDP rule', () => {
  const listed = data.supp6.cas_numbers.map((c) => c.replace(/\s+/g, ''));
  assert.equal(listed.length, 109);
  assert.ok(data.supp6.cas_numbers.includes('67- 63-0'), 'the source prints isopropanol with a stray space');
  for (const c of listed) assert.equal(casProblem(c), undefined, c);
  const rules = ['ru-by-supp6-chemicals-95', 'ru-by-supp6-chemicals-90', 'ru-by-supp6-cns-precursors', 'ru-by-supp6-riot-control'].map(rule);
  for (const c of listed) assert.equal(rules.filter((r) => casOf(r).has(normalizeCas(c))).length, 1, c);
  assert.equal(rules.reduce((n, r) => n + casOf(r).size, 0), 109);
  const fdp = casOf(rule('ru-by-crimea-fdp-supp6'));
  assert.deepEqual(listed.filter((c) => !fdp.has(c)), []);
  // the paragraphs as printed: (a)(1) ethylene dichloride at 95%, (b)(1) acetone at 90%
  assert.ok(casOf(rule('ru-by-supp6-chemicals-95')).has('107-06-2'));
  assert.ok(casOf(rule('ru-by-supp6-chemicals-90')).has('67-64-1'));
  assert.ok(casOf(rule('ru-by-supp6-chemicals-95')).has('67-63-0'));
});

test('every code of supplement no. 7 is in the Iran rule and in the FDP rules for Iran and Russia/Belarus/Crimea', () => {
  const codes = data.supp7.rows.map((r) => r.hts6).sort();
  assert.equal(codes.length, 53);
  for (const id of ['iran-supp7', 'iran-fdp-supp7', 'ru-by-crimea-fdp-supp7']) assert.deepEqual([...hsOf(rule(id))].sort(), codes, id);
});

test('the generated rules name the same destinations as the regimes of the hand-written files', () => {
  const regimes = Object.fromEntries(pack.flatMap((rs) => rs.regimes.map((g) => [g.id, g.countries])));
  const countries = (id: string) => rule(id).destinations.flatMap((d) => d.country ?? []);
  assert.deepEqual(countries('crimea-ear99'), regimes.crimea);
  assert.deepEqual(countries('covered-regions-ear99'), regimes['ukraine-covered-regions']);
  assert.deepEqual(countries('ru-by-luxury-supp5'), regimes['russia-belarus']);
});

test('food and medicine (772.1): tobacco, alcoholic drinks, denatured alcohol and cut flowers lie outside the headings that may hold them', () => {
  const guard = hsOf(rule('north-korea-ear99-food-or-medicine'));
  const inside = (hs: string) => [...guard].some((p) => hsDigits(hs).startsWith(p));
  for (const hs of ['2402.20', '2401.10', '2208.30', '2203.00', '2207.20', '0603.11', '0604.20', '8528.72', '9022.14']) assert.equal(inside(hs), false, hs);
  for (const hs of ['0901.21', '3004.90', '2106.90', '2201.10', '1209.91']) assert.equal(inside(hs), true, hs);
});

test('EAR99 food to North Korea: a licence on the condition that the item is not food, with the 772.1 definition and the answer without it', () => {
  const d = check({ item: { hs: '0901.21' }, destination: 'KP' });
  assert.equal(d.decision, 'license-required');
  assert.equal(d.conditional, true);
  assert.equal(d.unconditionalDecision, 'no-license-required');
  assert.deepEqual(d.matched.filter((m) => m.deciding).map((m) => m.rule), ['north-korea-ear99-food-or-medicine']);
  assert.ok(d.dependsOn?.some((c) => c.kind === 'rule' && /consumed by and provide nutrition to humans and animals/.test(c.text) && /21 U\.S\.C\. 321/.test(c.text)));
});

test('EAR99 cigarettes and televisions to North Korea: a licence without condition (not food, not medicine)', () => {
  for (const hs of ['2402.20', '8528.72']) {
    const d = check({ item: { hs }, destination: 'KP' });
    assert.equal(d.decision, 'license-required', hs);
    assert.equal(d.conditional, undefined, hs);
    assert.deepEqual(d.matched.filter((m) => m.deciding).map((m) => m.rule), ['north-korea-ear99'], hs);
  }
});

test('EAR99 to Iran without an HS code: license-required, OFAC named as the authority of the deciding ITSR rule', () => {
  const d = check({ item: { eccn: 'EAR99' }, destination: 'IR' });
  assert.equal(d.decision, 'license-required');
  assert.equal(d.conditional, true);
  const itsr = d.matched.find((m) => m.rule === 'iran-itsr');
  assert.ok(itsr?.deciding);
  assert.equal(itsr.authority, 'OFAC (31 CFR part 560)');
  assert.match(itsr.review ?? '', /746\.7\(a\)\(2\)/);
  assert.equal(d.matched[0].rule, 'iran-itsr');
  assert.ok(d.matched.every((m) => m.decision !== 'prohibited'));
});

test('EAR99 television to Iran: the ITSR without condition; diodes of supplement no. 7: the EAR licence as well', () => {
  const tv = check({ item: { hs: '8528.72' }, destination: 'IR' });
  assert.equal(tv.conditional, undefined);
  assert.deepEqual(tv.matched.filter((m) => m.deciding).map((m) => [m.rule, m.authority]), [['iran-itsr', 'OFAC (31 CFR part 560)']]);
  const diodes = check({ item: { hs: '8541.10' }, destination: 'IR' });
  assert.deepEqual(diodes.matched.filter((m) => m.deciding).map((m) => m.rule).sort(), ['iran-itsr', 'iran-supp7']);
  assert.equal(diodes.matched.find((m) => m.rule === 'iran-supp7')?.authority, undefined, 'an EAR (BIS) requirement');
});

test('Russia by tariff code: smartphones, tablets and laptops, televisions and machine tools need a licence, EAR99 included; game consoles do not', () => {
  const cases: [string, string[]][] = [
    ['8517.13', ['ru-by-luxury-supp5', 'ru-industrial-supp4']],
    ['8471.30', ['ru-by-luxury-supp5', 'ru-industrial-supp4']],
    ['8528.72', ['ru-by-luxury-supp5', 'ru-industrial-supp4']],
    ['8458.11', ['ru-industrial-supp4']],
    ['8457.10', ['ru-industrial-supp4']],
  ];
  for (const [hs, rules] of cases) {
    const d = check({ item: { hs }, destination: 'RU' });
    assert.equal(d.decision, 'license-required', hs);
    assert.equal(d.conditional, undefined, hs);
    assert.deepEqual(d.matched.filter((m) => m.deciding).map((m) => m.rule).sort(), rules, hs);
  }
  const console = check({ item: { hs: '9504.50' }, destination: 'RU' });
  assert.equal(console.decision, 'no-license-required');
  assert.equal(console.noRuleApplied, true);
});

test('EAR99 items outside the chemical chapters are not answered on the chance of a CAS number; chemicals without one are', () => {
  const chair = check({ item: { hs: '9401.39' }, destination: 'RU' });
  assert.equal(chair.decision, 'no-license-required');
  const solvent = check({ item: { hs: '2903.15' }, destination: 'RU' });
  assert.equal(solvent.decision, 'license-required');
  assert.equal(solvent.conditional, true);
  assert.ok(solvent.dependsOn?.some((c) => c.kind === 'cas'));
  const given = check({ item: { hs: '2903.15', cas: '107-06-2' }, destination: 'RU' });
  assert.ok(given.dependsOn?.some((c) => /95% weight or greater/.test(c.text)));
  assert.ok(!given.dependsOn?.some((c) => c.kind === 'cas'));
  const other = check({ item: { hs: '2903.15', cas: '7732-18-5' }, destination: 'RU' });
  assert.equal(other.decision, 'no-license-required', 'water is not in supplement no. 6');
});

test('luxury goods with a value floor: the unit value settles the answer; without it the answer is conditional and says so', () => {
  assert.equal(check({ item: { hs: '9101.11', unitValue: 299.99 }, destination: 'RU' }).decision, 'no-license-required');
  assert.equal(check({ item: { hs: '9101.11', unitValue: 300 }, destination: 'RU' }).conditional, undefined);
  const unknown = check({ item: { hs: '9101.11' }, destination: 'RU' });
  assert.equal(unknown.decision, 'license-required');
  assert.equal(unknown.unconditionalDecision, 'no-license-required');
  assert.ok(unknown.dependsOn?.some((c) => c.kind === 'unit-value' && /\$300 or more/.test(c.text)));
});

test('history: Belarus joined the industrial list on 2022-09-15 and the Crimea controls began on 2015-01-29', () => {
  assert.equal(check({ item: { hs: '8458.11' }, destination: 'BY', date: '2022-09-14' }).decision, 'no-license-required');
  assert.equal(check({ item: { hs: '8458.11' }, destination: 'BY', date: '2022-09-15' }).decision, 'license-required');
  assert.equal(check({ item: { hs: '9401.39' }, destination: 'UA-43', date: '2015-01-28' }).decision, 'no-license-required');
  assert.equal(check({ item: { eccn: '5A992' }, destination: 'UA-43', date: '2015-01-29' }).decision, 'license-required');
  assert.deepEqual(
    check({ item: { eccn: '5A992' }, destination: 'BY', date: '2022-03-15' }).matched.filter((m) => m.deciding).map((m) => m.rule),
    ['by-cat-3-9-mar-2022'],
  );
});
