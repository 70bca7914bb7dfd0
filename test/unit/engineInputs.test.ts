// Bad check inputs fail with one line naming the value and the nearest valid ones; rule
// tests say in plain words why they failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/engine/engine';
import { CheckInputError, type CheckRequest } from '../../server/src/engine/types';
import { fakeCatalog, ruleSet } from './helpers/ruleSets';

const catalog = fakeCatalog();
const rs = ruleSet({
  id: 'ru',
  products: [{ sku: 'FMC-200', eccn: '7A994' }, { sku: 'BAD-ECCN', eccn: '7A9' }],
  rules: [
    { id: 'ru-all-ccl', items: [{ ccl: true }], destinations: [{ country: ['RU'] }], exceptions: ['GOV'] },
    { id: 'ru-nlr-ear99', decision: 'no-license-required', items: [{ ear99: true }], destinations: [{ country: ['RU'] }] },
    { id: 'ru-ban-3a', decision: 'prohibited', items: [{ eccn: ['3A*'] }], destinations: [{ country: ['RU'] }] },
  ],
  tests: [
    { name: 'smartphones to Russia', item: { eccn: '5A992' }, destination: 'RU', date: '2024-01-01', expect: 'license-required', decidedBy: ['ru-all-ccl'] },
    { name: 'wrong expectation', item: { eccn: '5A992' }, destination: 'DE', expect: 'license-required' },
    { name: 'wrong decider', item: { eccn: '3A001' }, destination: 'RU', expect: 'prohibited', decidedBy: ['ru-all-ccl', 'ru/ru-ban-3a', 'nope'] },
    { name: 'bad country', item: { eccn: '5A992' }, destination: 'Germny', expect: 'no-license-required' },
    { name: 'ear99 decided by rule', item: { hs: '8471' }, destination: 'RU', expect: 'license-required' },
    { name: 'both wrong', item: { eccn: '5A992' }, destination: 'RU', expect: 'prohibited', decidedBy: ['ru-ban-3a'] },
  ],
});
const engine = createEngine([rs], catalog, { today: '2025-06-01' });

function inputError(req: CheckRequest): CheckInputError {
  try {
    engine.check(req);
  } catch (e) {
    if (e instanceof CheckInputError) return e;
    throw e;
  }
  assert.fail(`no error for ${JSON.stringify(req)}`);
}

test('unknown country: names it and the nearest destinations', () => {
  const e = inputError({ item: { eccn: '5A992' }, destination: 'Germny' });
  assert.equal(e.field, 'destination');
  assert.equal(e.message, 'unknown country "Germny"; did you mean DE (Germany)?');
  assert.deepEqual(e.suggestions, ['DE']);
  assert.match(inputError({ item: { eccn: '5A992' }, destination: 'UA-99' }).message, /^unknown region "UA-99"/);
});

test('destinations are found by code in any case, or by name', () => {
  assert.equal(engine.check({ item: { eccn: '5A992' }, destination: 'ru' }).destination.code, 'RU');
  assert.deepEqual(engine.check({ item: { eccn: '5A992' }, destination: 'Crimea' }).destination, { code: 'UA-43', name: 'Crimea' });
});

test('malformed and unknown ECCNs', () => {
  const malformed = inputError({ item: { eccn: '3A01' }, destination: 'RU' });
  assert.equal(malformed.field, 'eccn');
  assert.match(malformed.message, /^malformed ECCN "3A01"; did you mean 3A001/);
  assert.ok(malformed.suggestions.includes('3A001'));
  const unknown = inputError({ item: { eccn: '3A999.a' }, destination: 'RU' });
  assert.match(unknown.message, /^unknown ECCN "3A999.a"; did you mean 3A991/);
  assert.match(inputError({ item: { product: 'BAD-ECCN' }, destination: 'RU' }).message, /^malformed ECCN "7A9" \(of product BAD-ECCN\)/);
  assert.match(inputError({ item: { eccn: '3A991', directProductOf: ['3E0O1'] }, destination: 'RU' }).message, /^malformed ECCN "3E0O1"/);
});

test('unknown product, bad HS code, bad date, empty item', () => {
  const p = inputError({ item: { product: 'FMC-20' }, destination: 'RU' });
  assert.equal(p.field, 'product');
  assert.equal(p.message, 'unknown product "FMC-20"; did you mean FMC-200?');
  assert.equal(inputError({ item: { hs: 'n/a' }, destination: 'RU' }).field, 'hs');
  const d = inputError({ item: { eccn: '5A992' }, destination: 'RU', date: '2024-02-30' });
  assert.equal(d.field, 'date');
  assert.equal(d.message, 'invalid date: 2024-02-30 is not a date: February 2024 has 29 days');
  const shape = inputError({ item: { eccn: '5A992' }, destination: 'RU', date: '1/2/2024' });
  assert.deepEqual([shape.field, shape.message], ['date', 'invalid date: "1/2/2024" is not written yyyy-mm-dd, e.g. 2024-01-31']);
  assert.equal(inputError({ item: {}, destination: 'RU' }).field, 'item');
  // Requests from the wire may lack fields the types promise.
  assert.equal(inputError(JSON.parse('{"destination":"RU"}') as CheckRequest).field, 'item');
  assert.equal(inputError(JSON.parse('{"item":{"eccn":"5A992"}}') as CheckRequest).field, 'destination');
});

test('runTests: passes, and failures in plain words', () => {
  const results = engine.runTests();
  assert.deepEqual(
    results.map((r) => [r.name, r.passed, r.message]),
    [
      ['smartphones to Russia', true, 'passed'],
      ['wrong expectation', false, 'expected license-required, got no-license-required (no rule applied)'],
      [
        'wrong decider',
        false,
        'got prohibited as expected, but not decided by ru-all-ccl (applied with license-required), nope (did not apply); decided by ru-ban-3a',
      ],
      ['bad country', false, 'could not run: unknown country "Germny"; did you mean DE (Germany)?'],
      ['ear99 decided by rule', false, 'expected license-required, got no-license-required (decided by ru-nlr-ear99)'],
      [
        'both wrong',
        false,
        'expected prohibited, got license-required (decided by ru-all-ccl); not decided by ru-ban-3a (did not apply)',
      ],
    ],
  );
  const first = results[0];
  assert.equal(first.line, 501);
  assert.equal(first.uri, 'file:///rules/ru.ecr.yaml');
  assert.equal(first.expected, 'license-required');
  assert.equal(first.actual?.decision, 'license-required');
  assert.equal(first.actual?.date, '2024-01-01');
  assert.equal(results[3].actual, undefined);
  assert.equal(results[1].actual?.date, '2025-06-01', 'a test without a date runs on today');
});

test('runTests of one file runs its tests against every rule file', () => {
  const other = ruleSet({
    id: 'other',
    tests: [{ name: 'uses ru rules', item: { eccn: '3A001' }, destination: 'RU', expect: 'prohibited', decidedBy: ['ru-ban-3a'] }],
  });
  const e = createEngine([rs, other], catalog, { today: '2025-06-01' });
  assert.deepEqual(e.runTests([other]).map((r) => [r.ruleset, r.name, r.passed]), [['other', 'uses ru rules', true]]);
  assert.equal(e.runTests().length, 7);
});
