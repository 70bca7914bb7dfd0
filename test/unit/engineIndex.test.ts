// The rule index: a check verifies only candidate rules, and the index never loses a rule
// that a plain scan of every rule would find (property test against such a scan).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import { Match, compileItemSelector, selectorsGrade } from '../../server/src/engine/itemMatch';
import { eccnMatches, parseEccnPattern } from '../../server/src/engine/patterns';
import { buildProductMaster, resolveItem } from '../../server/src/engine/resolveItem';
import type { CheckRequest } from '../../server/src/engine/types';
import { DECISION_RANK, type DestinationSelector, type ItemSelector, type RuleSet } from '../../server/src/model/types';
import { FAKE_DESTINATIONS, fakeCatalog, ruleSet, type RuleSpec } from './helpers/ruleSets';

const catalog = fakeCatalog();
const DESTS = FAKE_DESTINATIONS.map((d) => d.code);
const products = [
  { sku: 'FMC-200', eccn: '7A994', hs: '8526.91' },
  { sku: 'FAB-CHIP-7', eccn: '3A991', origin: 'foreign' as const, directProductOf: ['3E001'] },
];
const regimes = [
  { id: 'rb', countries: ['RU', 'BY'] },
  { id: 'embargoed', include: [{ countryGroup: ['E:1'] }, { country: ['CU', 'UA-43'] }], exclude: [{ country: ['KP'] }] },
];

/**
 * What a scan of every rule finds: the reference the index must agree with. A rule applies in
 * full or in part (itemMatch.ts); an except selector switches it off only in full; rules that
 * apply in part are reported unless rules that apply in full already reach a stricter decision.
 */
function scan(engine: Engine, ruleSets: readonly RuleSet[], req: CheckRequest): string[] {
  const { facts } = resolveItem(req.item, buildProductMaster(ruleSets.flatMap((r) => r.products)), catalog);
  const date = req.date ?? '2025-01-01';
  const dest = req.destination.toUpperCase();
  const graded = ruleSets.flatMap((rs) =>
    rs.rules.map((rule) => {
      const effective = rule.effective ?? rs.effective;
      const expires = rule.expires ?? rs.expires;
      if ((effective && date < effective) || (expires && date >= expires)) return { rule, grade: Match.None };
      const dests = engine.ruleDestinations(rule);
      if (dests !== 'any' && !dests.has(dest)) return { rule, grade: Match.None };
      let grade = selectorsGrade(rule.items.map(compileItemSelector), facts);
      const except = selectorsGrade(rule.exceptItems.map(compileItemSelector), facts);
      if (except === Match.Full) grade = Match.None;
      else if (except === Match.Partial && grade === Match.Full) grade = Match.Partial;
      return { rule, grade };
    }),
  );
  const fullTop = Math.max(-1, ...graded.filter((g) => g.grade === Match.Full).map((g) => DECISION_RANK[g.rule.decision]));
  return graded
    .filter((g) => g.grade === Match.Full || (g.grade === Match.Partial && DECISION_RANK[g.rule.decision] >= fullTop))
    .map((g) => g.rule.id);
}

test('eccn patterns: sub-paragraphs yes, lookalikes no', () => {
  const p = parseEccnPattern('3A001');
  assert.equal(eccnMatches(p, '3A001'), true);
  assert.equal(eccnMatches(p, '3A001.A.1'), true);
  assert.equal(eccnMatches(p, '3A0011'), false);
  assert.equal(eccnMatches(p, '3A00'), false);
  assert.equal(eccnMatches(parseEccnPattern('3a*'), '3A0011'), true);
  assert.equal(eccnMatches(parseEccnPattern('EAR99'), 'EAR99'), true);
  assert.equal(eccnMatches(parseEccnPattern('EAR99'), '3A001'), false);
});

test('a check among 10,000 rules verifies only its candidates', () => {
  const eccns = ['3A001', '3A991', '3D001', '3E001', '5A002', '5A992', '7A994', '9E003'];
  const rules: RuleSpec[] = [];
  for (let n = 0; n < 10_000; n++) {
    const dest = DESTS[n % DESTS.length];
    const e = eccns[Math.floor(n / DESTS.length) % eccns.length];
    const kind = n % 5;
    const items: Omit<ItemSelector, 'pointer'>[] =
      kind === 0 ? [{ eccn: [e] }] : kind === 1 ? [{ eccn: [`${e.slice(0, 2)}*`] }] : kind === 2 ? [{ hs: [`85${n % 100}`] }] : kind === 3 ? [{ product: [`SKU-${n}`] }] : [{ reason: ['NS1'], category: [e[0]] }];
    rules.push({ id: `r${n}`, items, destinations: [{ country: [dest] }], decision: n % 7 === 0 ? 'prohibited' : 'license-required' });
  }
  rules.push({ id: 'everywhere', items: [{ ccl: true }], destinations: [{ any: true }] });
  const sets = [ruleSet({ id: 'big', rules })];
  const engine = createEngine(sets, catalog, { today: '2025-01-01' });
  assert.equal(engine.stats.rules, 10_001);

  for (const req of [
    { item: { eccn: '3A001.a.1' }, destination: 'DE' },
    { item: { eccn: '5A002', hs: '8517.62' }, destination: 'UA-43' },
    { item: { hs: '8471' }, destination: 'CU' },
  ]) {
    const d = engine.check(req);
    const expected = scan(engine, sets, req);
    assert.deepEqual(d.matched.map((m) => m.rule).sort(), expected.sort());
    // Every candidate is a rule for this destination (or every destination) with a key the item has.
    assert.ok(engine.stats.lastCandidates >= expected.length);
    // ... and far fewer than the rules for this destination (an item without an HS code also
    // finds every hs rule there: they apply to it in part)
    const atDestination = rules.filter((r) => r.destinations.some((d) => d.any || d.country?.includes(req.destination))).length;
    assert.ok(engine.stats.lastCandidates <= atDestination * 0.4, `${engine.stats.lastCandidates} candidates of the ${atDestination} rules for ${req.destination}`);
  }
  assert.equal(engine.stats.checks, 3);
});

const oneOrTwo = <T>(values: T[]) => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 2 });

const itemSelector: fc.Arbitrary<Omit<ItemSelector, 'pointer'>> = fc.record(
  {
    eccn: oneOrTwo(['3A001', '3A001.a', '3A*', '3*', 'EAR99', '5A992', '3E*', '*', '9E003']),
    category: oneOrTwo(['3', '5', '7']),
    productGroup: oneOrTwo(['A', 'D', 'E']),
    reason: oneOrTwo(['NS', 'NS1', 'NS2', 'AT1', 'EI']),
    ccl: fc.boolean(),
    ear99: fc.boolean(),
    hs: oneOrTwo(['85', '8517.13', '8471', '8526.91']),
    product: oneOrTwo(['FMC-200', 'FAB-CHIP-7']),
    origin: fc.constantFrom('us' as const, 'foreign' as const),
    directProductOf: oneOrTwo(['3E*', '3D001', '9E003', '3E001']),
  },
  { requiredKeys: [] },
);

const destinationSelector: fc.Arbitrary<Omit<DestinationSelector, 'pointer'>> = fc.oneof(
  fc.record(
    {
      country: oneOrTwo([...DESTS, 'XX']),
      countryGroup: oneOrTwo(['A:1', 'D:1', 'E:1', 'B']),
      chart: oneOrTwo(['NS1', 'RS1', 'NS2']),
      regime: oneOrTwo(['rb', 'embargoed', 'missing']),
    },
    { requiredKeys: [] },
  ),
  fc.constant({ any: true }),
);

const date = fc.constantFrom(undefined, '2020-01-01', '2022-06-01', '2025-01-01');

const rule: fc.Arbitrary<Omit<RuleSpec, 'id'>> = fc.record({
  items: fc.array(itemSelector, { minLength: 1, maxLength: 2 }),
  destinations: fc.array(destinationSelector, { minLength: 1, maxLength: 2 }),
  exceptItems: fc.array(itemSelector, { maxLength: 1 }),
  exceptDestinations: fc.array(destinationSelector, { maxLength: 1 }),
  decision: fc.constantFrom('prohibited' as const, 'license-required' as const, 'no-license-required' as const),
  effective: date,
  expires: date,
});

const request: fc.Arbitrary<CheckRequest> = fc.record({
  item: fc.oneof(
    fc.record(
      {
        eccn: fc.constantFrom('3A001', '3A001.a.1', '3A991', '3D001', '5A002', '5A992', '9E003', 'EAR99'),
        hs: fc.constantFrom('8517.13.00', '8471.30', '8526'),
        origin: fc.constantFrom('us' as const, 'foreign' as const),
        directProductOf: fc.uniqueArray(fc.constantFrom('3E001', '3D001', '9E003'), { maxLength: 2 }),
      },
      { requiredKeys: ['eccn'] },
    ),
    fc.record({ product: fc.constantFrom('FMC-200', 'FAB-CHIP-7') }),
  ),
  destination: fc.constantFrom(...DESTS),
  date: fc.constantFrom('2019-01-01', '2021-01-01', '2022-06-01', '2024-01-01', '2026-01-01'),
});

test('the index finds exactly what a scan of every rule finds', () => {
  fc.assert(
    fc.property(fc.array(rule, { minLength: 1, maxLength: 30 }), fc.array(request, { minLength: 1, maxLength: 10 }), (specs, reqs) => {
      const strip = <T extends object>(o: T): T =>
        Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
      const rules = specs.map((s, n) => strip({ ...s, id: `r${n}` }));
      const sets = [ruleSet({ id: 'a', rules: rules.slice(0, 15), products, regimes }), ruleSet({ id: 'b', rules: rules.slice(15), effective: '2021-01-01' })];
      const engine = createEngine(sets, catalog, { today: '2025-01-01' });
      for (const req of reqs) {
        const got = engine.check(req).matched.map((m) => m.rule).sort();
        assert.deepEqual(got, scan(engine, sets, req).sort());
      }
    }),
    { numRuns: 300 },
  );
});
