// Regimes: members across rule files, include/exclude nesting, regions, cycles, depth, duplicates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/engine/engine';
import { fakeCatalog, ruleSet } from './helpers/ruleSets';

const catalog = fakeCatalog();
const sorted = (s: ReadonlySet<string> | undefined): string[] | undefined => (s ? [...s].sort() : undefined);

test('regimes nest include and exclude across two rule files', () => {
  const base = ruleSet({
    id: 'base',
    regimes: [
      { id: 'russia-belarus', countries: ['RU', 'BY'] },
      { id: 'embargoed', include: [{ countryGroup: ['E:1'] }, { countryGroup: ['E:2'] }] },
    ],
  });
  const policy = ruleSet({
    id: 'policy',
    regimes: [{ id: 'strict', include: [{ regime: ['russia-belarus'] }, { regime: ['embargoed'] }], exclude: [{ country: ['KP'] }] }],
    rules: [{ id: 'no-ccl', decision: 'prohibited', items: [{ ccl: true }], destinations: [{ regime: ['strict'] }] }],
  });
  const e = createEngine([base, policy], catalog, { today: '2025-01-01' });
  assert.deepEqual(sorted(e.regimeMembers('strict')), ['BY', 'CU', 'IR', 'RU']);
  assert.deepEqual(sorted(e.regimeMembers('embargoed')), ['CU', 'IR', 'KP']);
  assert.equal(e.regimeMembers('nope'), undefined);
  assert.equal(e.check({ item: { eccn: '5A992' }, destination: 'BY' }).decision, 'prohibited');
  assert.equal(e.check({ item: { eccn: '5A992' }, destination: 'KP' }).noRuleApplied, true);
  assert.deepEqual(e.regimeProblems, []);

  // The order of the files does not matter.
  const reversed = createEngine([policy, base], catalog);
  assert.deepEqual(sorted(reversed.regimeMembers('strict')), ['BY', 'CU', 'IR', 'RU']);
});

test('regimes: a region is a member when it or its country is in and neither is out', () => {
  const e = createEngine(
    [
      ruleSet({
        id: 'rs',
        regimes: [
          { id: 'ukraine', countries: ['UA'] },
          { id: 'occupied', countries: ['UA-43', 'UA-14'] },
          { id: 'free-ukraine', include: [{ regime: ['ukraine'] }], exclude: [{ regime: ['occupied'] }] },
          { id: 'no-ukraine', countries: ['UA-43', 'RU'], exclude: [{ country: ['UA'] }] },
        ],
        rules: [{ id: 'occ', items: [{ ear99: true }], destinations: [{ regime: ['occupied'] }] }],
      }),
    ],
    catalog,
  );
  assert.deepEqual(sorted(e.regimeMembers('ukraine')), ['UA', 'UA-14', 'UA-43']);
  assert.deepEqual(sorted(e.regimeMembers('occupied')), ['UA-14', 'UA-43']);
  assert.deepEqual(sorted(e.regimeMembers('free-ukraine')), ['UA']);
  assert.deepEqual(sorted(e.regimeMembers('no-ukraine')), ['RU'], 'the country excluded: its regions too');
  assert.equal(e.check({ item: { hs: '1234' }, destination: 'UA-43' }).decision, 'license-required');
  assert.equal(e.check({ item: { hs: '1234' }, destination: 'UA' }).noRuleApplied, true);
});

test('regime cycles are reported, never a hang', () => {
  const a = ruleSet({
    id: 'a',
    regimes: [
      { id: 'one', countries: ['RU'], include: [{ regime: ['two'] }] },
      { id: 'self', countries: ['CN'], include: [{ regime: ['self'] }] },
    ],
  });
  const b = ruleSet({
    id: 'b',
    regimes: [{ id: 'two', countries: ['BY'], include: [{ regime: ['one'] }] }],
    rules: [{ id: 'r', items: [{ ccl: true }], destinations: [{ regime: ['two'] }] }],
  });
  const e = createEngine([a, b], catalog);
  const cycles = e.regimeProblems.filter((p) => p.kind === 'cycle');
  assert.deepEqual(
    cycles.map((p) => ({ regime: p.regime, ruleset: p.ruleset, path: p.path })),
    [
      { regime: 'two', ruleset: 'b', path: ['one', 'two', 'one'] },
      { regime: 'self', ruleset: 'a', path: ['self', 'self'] },
    ],
  );
  assert.deepEqual(sorted(e.regimeMembers('one')), ['BY', 'RU']);
  assert.deepEqual(sorted(e.regimeMembers('self')), ['CN']);
  assert.equal(e.check({ item: { eccn: '3A001' }, destination: 'BY' }).decision, 'license-required');
});

test('regime nesting deeper than the cap is reported', () => {
  const regimes = Array.from({ length: 100 }, (_, i) =>
    i === 99 ? { id: 'r99', countries: ['RU'] } : { id: `r${i}`, include: [{ regime: [`r${i + 1}`] }] },
  );
  const e = createEngine([ruleSet({ id: 'deep', regimes })], catalog);
  const depth = e.regimeProblems.filter((p) => p.kind === 'depth');
  assert.equal(depth.length, 1);
  assert.equal(depth[0].regime, 'r0');
  assert.equal(depth[0].path.length, 65);
  assert.deepEqual(sorted(e.regimeMembers('r50')), ['RU'], 'regimes within the cap still resolve');
});

test('duplicate regime ids: the first definition wins, the others are reported', () => {
  const e = createEngine(
    [
      ruleSet({ id: 'first', regimes: [{ id: 'dup', countries: ['RU'] }] }),
      ruleSet({ id: 'second', regimes: [{ id: 'dup', countries: ['CN'] }] }),
    ],
    catalog,
  );
  assert.deepEqual(sorted(e.regimeMembers('dup')), ['RU']);
  assert.deepEqual(e.regimeProblems, [{ regime: 'dup', ruleset: 'second', kind: 'duplicate', path: ['first', 'second'] }]);
});

test('an unknown regime covers nothing', () => {
  const e = createEngine(
    [ruleSet({ id: 'rs', rules: [{ id: 'r', items: [{ ccl: true }], destinations: [{ regime: ['missing'] }] }] })],
    catalog,
  );
  assert.deepEqual([...e.ruleDestinations(e.rules[0])], []);
  assert.equal(e.check({ item: { eccn: '3A001' }, destination: 'RU' }).noRuleApplied, true);
});
