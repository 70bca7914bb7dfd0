// The engine with the real catalog (eCFR as of 2026-07-23 / 2026-09-24): real ECCNs, Country
// Groups, chart columns and regions, and the bundled rule files' own tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCatalog } from '../../server/src/catalog/catalog';
import { createEngine } from '../../server/src/engine/engine';
import { CheckInputError } from '../../server/src/engine/types';
import { analyzeRuleText } from '../../server/src/model/document';
import { ruleSet } from './helpers/ruleSets';

const catalog = getCatalog();
const root = join(__dirname, '..', '..');

const fdp = ruleSet({
  id: 'fdp',
  effective: '2022-02-24',
  regimes: [{ id: 'russia-belarus', countries: ['RU', 'BY'] }],
  rules: [
    { id: 'ru-fdp', items: [{ origin: 'foreign', directProductOf: ['3E*', '3D*'], ccl: true }], destinations: [{ regime: ['russia-belarus'] }] },
    { id: 'ru-us-ccl', items: [{ origin: 'us', ccl: true }], destinations: [{ regime: ['russia-belarus'] }], exceptions: ['GOV'] },
    { id: 'ns2-chart', items: [{ reason: ['NS2'] }], destinations: [{ chart: ['NS2'] }] },
    { id: 'un', items: [{ reason: ['UN'] }], destinations: [{ countryGroup: ['E:1'] }, { country: ['LY'] }] },
    { id: 'crimea', decision: 'prohibited', items: [{ ccl: true }, { ear99: true }], destinations: [{ country: ['UA-43'] }] },
  ],
});
const engine = createEngine([fdp], catalog, { today: '2025-01-01' });

test('real catalog: the foreign direct product rule', () => {
  const chip = engine.check({ item: { eccn: '3A991', origin: 'foreign', directProductOf: ['3E001'] }, destination: 'RU' });
  assert.equal(chip.decision, 'license-required');
  assert.deepEqual(chip.matched.map((m) => m.rule), ['ru-fdp']);
  const usChip = engine.check({ item: { eccn: '3A991', directProductOf: ['3E001'] }, destination: 'RU' });
  assert.deepEqual(usChip.matched.map((m) => m.rule), ['ru-us-ccl']);
  assert.deepEqual(usChip.matched[0].exceptions, ['GOV']);
  // no jurisdiction and no EAR citation: the requirement is not taken to be one part 740 lifts
  assert.deepEqual(usChip.exceptions, []);
  const plain = engine.check({ item: { eccn: '3A991', origin: 'foreign' }, destination: 'BY' });
  assert.equal(plain.noRuleApplied, true);
  assert.equal(plain.dataAsOf, catalog.data.dataDate);
});

test('real catalog: chart columns, entire-entry reasons and regions', () => {
  const ns2 = engine.check({ item: { eccn: '3A001.b.2' }, destination: 'CN' });
  assert.deepEqual(ns2.matched.map((m) => m.rule), ['ns2-chart'], '3A001 is NS2 for the entry as a whole; China has an X under NS2');
  assert.equal(engine.check({ item: { eccn: '3A001' }, destination: 'GB' }).noRuleApplied, true, 'no NS2 mark for the UK');
  assert.deepEqual(engine.check({ item: { eccn: '0A501' }, destination: 'LY' }).matched.map((m) => m.rule), ['un']);
  // 9A991's UN control covers paragraph .a (15 CFR 774 supp. 1, 9A991 License Requirements; 746.1(b))
  assert.deepEqual(engine.check({ item: { eccn: '9A991.a' }, destination: 'LY' }).matched.map((m) => m.rule), ['un'], 'UN for 9A991.a: applied');
  assert.equal(engine.check({ item: { eccn: '9A991.d' }, destination: 'LY' }).noRuleApplied, true, 'UN for 9A991.a only');
  const heading = engine.check({ item: { eccn: '9A991' }, destination: 'LY' });
  assert.equal(heading.decision, 'license-required');
  assert.deepEqual(heading.paragraphs, ['9A991.a'], 'the heading: in part, driven by 9A991.a');
  // an unknown paragraph beyond a run the data enumerates is an input error
  assert.throws(() => engine.check({ item: { eccn: '3A001.z.9' }, destination: 'DE' }), /3A001 has no paragraph "3A001.z.9" in the reference data: under 3A001.z it names 3A001.z.1, 3A001.z.2, 3A001.z.3, 3A001.z.4/);
  assert.throws(() => engine.check({ item: { eccn: '3A001.b.b' }, destination: 'DE' }), /"3A001.b.b" is not a paragraph of 3A001/);
  // a paragraph the data does not name is answered by the entry's whole-entry controls, with a warning
  const unnamed = engine.check({ item: { eccn: '5A992.c' }, destination: 'DE', date: '2025-01-01' });
  assert.deepEqual(unnamed.warnings, ['5A992.c is not a paragraph the reference data names for 5A992: it was answered by the controls of 5A992 that apply to the entry as a whole (the data singles out 5A992.z, 5A992.z.1, 5A992.z.2).']);
  const crimea = engine.check({ item: { hs: '8471.30' }, destination: 'ua-43' });
  assert.equal(crimea.decision, 'prohibited');
  assert.equal(crimea.destination.code, 'UA-43');
  assert.equal(engine.check({ item: { hs: '8471.30' }, destination: 'UA' }).noRuleApplied, true);
});

test('real catalog: bad inputs name the nearest valid values', () => {
  const err = (f: () => unknown): CheckInputError => {
    try {
      f();
    } catch (e) {
      if (e instanceof CheckInputError) return e;
      throw e;
    }
    assert.fail('no CheckInputError');
  };
  const country = err(() => engine.check({ item: { eccn: '5A992' }, destination: 'Germny' }));
  assert.match(country.message, /^unknown country "Germny"; did you mean DE \(Germany\)/);
  assert.equal(country.suggestions[0], 'DE');
  const eccn = err(() => engine.check({ item: { eccn: '3A01' }, destination: 'RU' }));
  assert.match(eccn.message, /^malformed ECCN "3A01"; did you mean 3A001/);
  assert.equal(engine.resolveItem({ eccn: '3a001.a.1' }).eccn, '3A001.a.1');
});

test('the bundled rule files pass their own tests', () => {
  const files = ['samples/starter', 'samples/company'].flatMap((dir) =>
    readdirSync(join(root, dir)).filter((f) => f.endsWith('.ecr.yaml')).map((f) => join(root, dir, f)),
  );
  assert.ok(files.length >= 4);
  const sets = files.map((f) => analyzeRuleText(`file://${f}`, readFileSync(f, 'utf8')).ruleSet);
  const e = createEngine(sets, catalog);
  assert.deepEqual(e.regimeProblems, []);
  const results = e.runTests();
  assert.ok(results.length > 50);
  assert.deepEqual(results.filter((r) => !r.passed).map((r) => `${r.ruleset}: ${r.name}: ${r.message}`), []);
});

test('territories take their country row (738.3(b)); the United States and its territories are not exports', () => {
  const chart = createEngine(
    [ruleSet({ id: 'chart', rules: ['NS1', 'RS1', 'MT1'].map((c) => ({ id: `chart-${c}`, items: [{ reason: [c] }], destinations: [{ chart: [c] }] })) })],
    catalog,
  );
  // 7A003 is NS1 for the entry as a whole (MT1 for 7A003.d only); Denmark's row has X in NS1
  // and MT1 (Supp. No. 1 to part 738)
  const greenland = chart.check({ item: { eccn: '7A003' }, destination: 'GL', date: '2025-01-01' });
  assert.equal(greenland.decision, 'license-required');
  assert.deepEqual(greenland.matched.map((m) => [m.rule, m.deciding]), [['chart-NS1', true], ['chart-MT1', false]]);
  assert.equal(chart.check({ item: { eccn: '7A003' }, destination: 'PF', date: '2025-01-01' }).decision, 'license-required', 'French Polynesia: France');
  assert.equal(chart.check({ item: { eccn: '9A610' }, destination: 'RE', date: '2025-01-01' }).decision, 'license-required', 'Reunion: France (NS1)');
  for (const to of ['US', 'PR', 'GU', 'us']) {
    assert.throws(() => chart.check({ item: { eccn: '5A992' }, destination: to }), (e: unknown) => e instanceof CheckInputError && e.field === 'destination' && /not an export/.test(e.message), to);
  }
  assert.throws(() => chart.check({ item: { eccn: '5A992' }, destination: 'AQ' }), /Antarctica has no Country Chart row/);
  // every region of Ukraine is a destination, with Ukraine's row
  assert.equal(chart.check({ item: { eccn: '7A003' }, destination: 'UA-30', date: '2025-01-01' }).decision, 'license-required');
});
