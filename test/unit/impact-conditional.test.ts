// The decision matrix and its diff with paragraph-aware answers: a heading's cell is marked
// conditional, a cell that cannot be checked counts as a licence, and a rule that comes to cover
// the whole entry is a stricter change even when the decision stays the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/engine/engine';
import { decisionMatrix, diffMatrices, changesText, type MatrixItem } from '../../server/src/impact/matrix';
import { fakeCatalog, ruleSet } from './helpers/ruleSets';

const catalog = fakeCatalog();
const items: MatrixItem[] = [
  { key: '9A991', label: '9A991', item: { eccn: '9A991' } },
  { key: '9A991.a', label: '9A991.a', item: { eccn: '9A991.a' } },
  { key: 'GONE', label: 'a product only the old rules define', item: { product: 'GONE' } },
];
const destinations = [{ code: 'RU', name: 'Russia', group: 'D' }];
const engineWith = (eccn: string) =>
  createEngine([ruleSet({ id: 'r', rules: [{ id: 'un', items: [{ eccn: [eccn] }], destinations: [{ country: ['RU'] }] }] })], catalog);

test('a heading whose paragraphs differ is a conditional cell; an item that cannot be resolved is an error cell counted as a licence', () => {
  const m = decisionMatrix(engineWith('9A991.a'), items, destinations, '2025-01-01', catalog);
  assert.deepEqual(m.cells.map((row) => row[0]), [
    { decision: 'license-required', rules: ['r/un'], conditional: true },
    { decision: 'license-required', rules: ['r/un'] },
    { decision: 'license-required', rules: [], error: 'unknown product "GONE"; no products are defined in the rule files' },
  ]);
});

test('diff: the same decision without conditions is a stricter change', () => {
  const before = decisionMatrix(engineWith('9A991.a'), items.slice(0, 2), destinations, '2025-01-01', catalog);
  const after = decisionMatrix(engineWith('9A991'), items.slice(0, 2), destinations, '2025-01-01', catalog);
  const changes = diffMatrices(before, after);
  assert.deepEqual(changes.map((c) => [c.item, c.before.conditional, c.after.conditional, c.stricter]), [['9A991', true, undefined, true]]);
  assert.equal(
    changesText(changes),
    'STRICTER 9A991 -> RU (Russia): license-required (conditional) -> license-required  [r/un; was r/un]\n1 decision(s) changed: 1 stricter, 0 relaxed.\n',
  );
});
