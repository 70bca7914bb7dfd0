// The decision matrix and its diff with licence exceptions and de minimis: a cell where a licence
// is required but an exception is available is marked, a product outside the EAR by de minimis is
// marked, and a change in exception availability is a change (losing one is stricter). Expected
// from the regulation: 2B007.a is NS2, Tunisia has an X under NS2 and is in Country Group B, LVS
// "$5,000, except 2B007.b and .c" (740.3); China's de minimis level is 25 % (734.4(d)).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../server/src/catalog/catalog';
import { createEngine } from '../../server/src/engine/engine';
import { changesText, decisionMatrix, diffMatrices, type MatrixItem } from '../../server/src/impact/matrix';
import { changesCsv } from '../../server/src/impact/csv';
import { matrixPage } from '../../server/src/render/matrix';
import { renderMatrix } from '../../client/src/renderMatrix';
import type { RuleSet } from '../../server/src/model/types';
import { ruleSet } from './helpers/ruleSets';

const catalog = getCatalog();
const chart = (): RuleSet => {
  const rs = ruleSet({
    id: 'chart',
    rules: [{ id: 'ns2', items: [{ reason: ['NS2'] }], destinations: [{ chart: ['NS2'] }], citation: '15 CFR 738.4 (NS column 2)' }],
  });
  rs.jurisdiction = 'US-EAR';
  return rs;
};
const products = (): RuleSet =>
  ruleSet({
    id: 'products',
    products: [
      { sku: 'SPINDLE', eccn: '2B007.a' },
      { sku: 'RADAR', eccn: '3A001', origin: 'foreign' },
    ],
  });
const destinations = [
  { code: 'TN', name: 'Tunisia', group: 'B' },
  { code: 'CN', name: 'China', group: 'D' },
];
const items = (value: number): MatrixItem[] => [
  { key: 'SPINDLE', label: 'SPINDLE', item: { product: 'SPINDLE', value } },
  { key: 'RADAR', label: 'RADAR', item: { product: 'RADAR', usContent: { percent: 8, eccns: ['3A991'] } } },
];
const matrixAt = (value: number) => decisionMatrix(createEngine([chart(), products()], catalog, { today: '2026-09-24' }), items(value), destinations, '2026-09-24', catalog);

test('matrix: a licence required with an exception available is marked; so is an item outside the EAR', () => {
  const m = matrixAt(4000);
  assert.deepEqual(m.cells[0][0], { decision: 'license-required', rules: ['chart/ns2'], exceptions: ['LVS'] });
  assert.deepEqual(m.cells[0][1], { decision: 'license-required', rules: ['chart/ns2'] }, 'China is not in Country Group B (740.3(b))');
  assert.deepEqual(m.cells[1][1], { decision: 'no-license-required', rules: [], subjectToEar: false });
  const html = matrixPage(m);
  assert.match(html, />L\+<\/td>/);
  assert.match(html, />N<\/td>/);
  const view = renderMatrix(m, { nonce: 'n', cspSource: 'c', script: (name) => `/* ${name} */` });
  assert.match(view, /class="cell decision-license-required exception"[^>]*aria-label="SPINDLE to Tunisia \(TN\): License required, but licence exception LVS available\./);
  assert.match(view, />L\+<\/td>/);
  assert.match(view, /aria-label="RADAR to China \(CN\): Not subject to the EAR \(de minimis\)\./);
});

test('diff: losing an available exception is a stricter change, even with the same decision', () => {
  const changes = diffMatrices(matrixAt(4000), matrixAt(6000));
  assert.deepEqual(changes.map((c) => [c.item, c.destination, c.before.exceptions, c.after.exceptions, c.stricter]), [['SPINDLE', 'TN', ['LVS'], undefined, true]]);
  assert.equal(
    changesText(changes),
    'STRICTER SPINDLE -> TN (Tunisia): license-required (LVS available) -> license-required  [chart/ns2; was chart/ns2]\n1 decision(s) changed: 1 stricter, 0 relaxed.\n',
  );
  assert.equal(changesCsv(changes).split('\n')[1], 'SPINDLE,TN,license-required,license-required,true,chart/ns2,chart/ns2,LVS,');
  const back = diffMatrices(matrixAt(6000), matrixAt(4000));
  assert.deepEqual(back.map((c) => c.stricter), [false], 'gaining one relaxes');
});
