// CSV in and out, by kept libraries: csv-parse reads `check --batch`, one csv-stringify writer
// (server/src/impact/csv.ts) writes the matrix and the changes for the CLI and the matrix view,
// and every cell a spreadsheet would run as a formula is defused.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { emptyFolder, exportRules } from './exportRules';
import { parse } from 'csv-parse/sync';
import { changesCsv, defuseFormula, matrixCsv } from '../../server/src/impact/csv';
import type { DecisionMatrix } from '../../server/src/impact/matrix';

const run = (args: string[], cwd: string, input?: string) => exportRules(args, { cwd, input });

const HOSTILE = '=HYPERLINK("http://x","a")';
/** A company file whose product names are what a spreadsheet export may hold. */
function company(): string {
  const dir = emptyFolder('ecr-csv-');
  fs.writeFileSync(
    path.join(dir, 'products.ecr.yaml'),
    `ruleset: acme-products\ntitle: ACME products\nproducts:\n  - { sku: '${HOSTILE}', name: 'Phone, satellite', eccn: 5A992 }\n  - { sku: 'A,B', name: Two-part kit, eccn: 5A992 }\n`,
  );
  return dir;
}

test('a formula-like text gets a leading apostrophe; other text is left alone', () => {
  const cases: [string, string][] = [
    ['=1+1', "'=1+1"],
    ['+41 22 000', "'+41 22 000"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['5A992', '5A992'],
    ['no-license-required', 'no-license-required'],
    ['a=b', 'a=b'],
    ['', ''],
  ];
  for (const [value, want] of cases) assert.equal(defuseFormula(value), want, JSON.stringify(value));
});

test('export-rules matrix --format csv: the formula is text, commas quoted, every row as long as the header', () => {
  const dir = company();
  const r = run(['matrix', '--rules', dir, '--starter-pack', 'always', '--date', '2024-06-01', '--format', 'csv'], dir);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[0], /^item,label,/);
  assert.ok(lines[1].startsWith(`"'=HYPERLINK(""http://x"",""a"")","'=HYPERLINK(""http://x"",""a"") — Phone, satellite",`), lines[1]);
  assert.ok(lines[2].startsWith('"A,B","A,B — Two-part kit",'), lines[2]);
  const rows = parse(r.out) as string[][];
  assert.deepEqual(rows.map((row) => row.length), rows.map(() => rows[0].length));
  const ru = rows[0].indexOf('RU');
  // 15 CFR 746.8(a)(1): every CCL item needs a licence to Russia
  assert.deepEqual(rows.slice(1).map((row) => [row[0], row[ru]]), [[`'${HOSTILE}`, 'license-required'], ['A,B', 'license-required']]);
  assert.equal(r.out.at(-1), '\n');
});

test('the matrix view exports the same table, with the data date and the notice after it', () => {
  const m: DecisionMatrix = {
    date: '2026-08-01',
    items: [{ key: HOSTILE, label: 'x, y', item: { product: HOSTILE } }],
    destinations: [{ code: 'RU', name: 'Russia', group: 'D' }],
    cells: [[{ decision: 'license-required', rules: ['r/x'] }]],
    dataAsOf: '2026-07-23',
    notice: 'Reference only, not legal advice.',
  };
  const table = `item,label,RU\n"'=HYPERLINK(""http://x"",""a"")","x, y",license-required\n`;
  assert.equal(matrixCsv(m), table);
  assert.equal(matrixCsv(m, { notice: true }), `${table}\n"Reference data: eCFR as of 2026-07-23. Reference only, not legal advice."\n`);
});

test('export-rules diff --format csv defuses and quotes the same way', () => {
  const csv = changesCsv([
    { item: HOSTILE, itemLabel: HOSTILE, itemInput: { product: HOSTILE }, destination: 'RU', destinationName: 'Russia', before: { decision: 'no-license-required', rules: [] }, after: { decision: 'prohibited', rules: ['a/b', 'c/d'] }, stricter: true },
  ]);
  assert.equal(csv, `item,destination,before,after,stricter,rules_before,rules_after,exceptions_before,exceptions_after\n"'=HYPERLINK(""http://x"",""a"")",RU,no-license-required,prohibited,true,,a/b c/d,,\n`);
});

test('check --batch reads quoted CSV fields: a product with a comma, "Virgin Islands, British"; a broken line costs only itself', () => {
  // 15 CFR 746.8(a)(1): every CCL item (the 5A992 kit) needs a licence to Russia
  const dir = company();
  const input = [
    'item,destination,date',
    '"product:A,B",RU,2024-06-01',
    'EAR99,"Virgin Islands, British",2024-06-01',
    '"unterminated,RU',
    '{"item":{"eccn":"3A001"},"destination":"CN","date":"2024-06-01"}',
    'EAR99 , DE , 2024-06-01',
  ].join('\r\n');
  const r = run(['check', '--batch', '-', '--rules', dir, '--starter-pack', 'always'], dir, input);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.out.trim().split('\n').map((l) => JSON.parse(l)), [
    { line: 2, item: { product: 'A,B' }, destination: 'RU', date: '2024-06-01', decision: 'license-required', exceptions: [], rules: ['us-ear-russia-belarus/ru-by-all-ccl'] },
    // EAR99 to a destination under no embargo: no licence (734.3(c), part 746)
    { line: 3, item: { eccn: 'EAR99' }, destination: 'VG', date: '2024-06-01', decision: 'no-license-required', rules: [] },
    { line: 4, error: 'not valid CSV: Quote Not Closed: the parsing is finished with an opening quote' },
    // 3A001 to China: Country Chart NS2 (15 CFR 738.4)
    { line: 5, item: { eccn: '3A001' }, destination: 'CN', date: '2024-06-01', decision: 'license-required', exceptions: [], rules: ['us-ear-country-chart/chart-ns2'] },
    { line: 6, item: { eccn: 'EAR99' }, destination: 'DE', date: '2024-06-01', decision: 'no-license-required', rules: [] },
  ]);
});
