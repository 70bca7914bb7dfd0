// Impact analysis on the command line: the matrix, and what changed between two versions.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { DecisionMatrix } from '../../server/src/impact/matrix';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/export-rules.js');
const run = (args: string[], cwd = root) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const starter = (f: string) => `samples/starter/${f}.ecr.yaml`;

test('diff: adding the Russia/Belarus file changes exactly the company products to RU and BY that no other rule caught', () => {
  const r = run([
    'diff', '--base-rules', starter('ear-country-chart'), starter('ear-ccl-controls'), starter('ear-embargoes'), starter('ear-part746-item-lists'), 'samples/company',
    '--rules', 'samples/starter', 'samples/company', '--date', '2024-06-01', '--format', 'json',
  ]);
  assert.equal(r.code, 0, r.err);
  const { changes } = JSON.parse(r.out) as { changes: { item: string; destination: string; before: { decision: string; rules: string[] }; after: { decision: string; rules: string[] }; stricter: boolean }[] };
  // Worked out from the rules, not from the engine. 746.8(a)(1) (from 2022-04-08) requires a
  // licence for every CCL item to Russia and Belarus; the Country Chart already required one
  // for MILL-5X (2B001, NS2), RTR-9000 (5A002, NS1) and FPGA-7 (3A001, NS2), and nothing
  // for the AT-only items (7A994, 5A992.c); the foreign-made CHIP-F7 (HS 8542.31, a direct
  // product of U.S. 3E001) is in supplement no. 7, so the foreign direct product rule of
  // 734.9(f) in the item-list file already reaches it; EAR99 items are not on the CCL. So: the
  // AT-only items, to both countries, from no licence to licence, and nothing else.
  const allCcl = 'us-ear-russia-belarus/ru-by-all-ccl';
  const expected = ['FMC-200', 'PHONE-X1', 'TAB-10', 'RTR-HOME'].flatMap((item) =>
    ['BY', 'RU'].map((destination) => ({
      item,
      destination,
      before: { decision: 'no-license-required', rules: [] },
      after: { decision: 'license-required', rules: [allCcl] },
      stricter: true,
    })),
  );
  assert.deepEqual(
    changes.map(({ item, destination, before, after, stricter }) => ({ item, destination, before, after, stricter })),
    expected,
  );
  const fail = run([
    'diff', '--base-rules', starter('ear-country-chart'), starter('ear-ccl-controls'), starter('ear-embargoes'), starter('ear-part746-item-lists'), 'samples/company',
    '--rules', 'samples/starter', 'samples/company', '--date', '2024-06-01', '--fail-on-stricter',
  ]);
  assert.equal(fail.code, 1);
  assert.match(fail.out, /\n8 decision\(s\) changed: 8 stricter, 0 relaxed\.\n$/);
});

test('diff --base REV: the working tree against a git revision', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-git-'));
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 't');
  const rules = (decision: string) =>
    `ruleset: acme\ntitle: ACME\njurisdiction: US-EAR\nproducts:\n  - sku: PHONE\n    eccn: 5A992\nrules:\n  - id: ru\n    citation: x\n    when:\n      items: [{ ccl: true }]\n      destinations: [{ country: RU }]\n    decision: ${decision}\n`;
  fs.writeFileSync(path.join(dir, 'acme.ecr.yaml'), rules('no-license-required'));
  git('add', '.');
  git('commit', '-qm', 'v1');
  fs.writeFileSync(path.join(dir, 'acme.ecr.yaml'), rules('prohibited'));
  const r = run(['diff', '--format', 'csv'], dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'item,destination,before,after,stricter,rules_before,rules_after\nPHONE,RU,no-license-required,prohibited,true,acme/ru,acme/ru\n');
  assert.equal(run(['diff', '--fail-on-stricter'], dir).code, 1);
  assert.equal(run(['diff', '--base', 'no-such-rev'], dir).code, 2);
  git('commit', '-qam', 'v2');
  assert.match(run(['diff'], dir).out, /No decision changed/);
});

test('matrix: csv, json and html of the company products', () => {
  const csv = run(['matrix', '--rules', 'samples/starter', 'samples/company', '--date', '2024-06-01']);
  assert.equal(csv.code, 0, csv.err);
  const rows = parse(csv.out) as string[][];
  const json = JSON.parse(run(['matrix', '--rules', 'samples/starter', 'samples/company', '--date', '2024-06-01', '--format', 'json']).out) as DecisionMatrix;
  // the same table: a row per product of samples/company, a column per destination
  assert.deepEqual(rows[0], ['item', 'label', ...json.destinations.map((d) => d.code)]);
  assert.deepEqual(rows.slice(1).map((row) => row[0]), ['FMC-200', 'MILL-5X', 'PHONE-X1', 'TAB-10', 'CONSOLE-G5', 'RTR-9000', 'RTR-HOME', 'FPGA-7', 'CHIP-F7', 'TV-55', 'CHAIR-OFF', 'COFFEE-1KG', 'MED-PAIN']);
  assert.deepEqual(rows.slice(1).map((row) => row.slice(2)), json.cells.map((r) => r.map((c) => c.decision)));
  const ru = rows[0].indexOf('RU');
  // 746.8(a)(1): every CCL product needs a licence to Russia. EAR99 ones by their HS code:
  // televisions (8528.72) are in supplement no. 4 (746.8(a)(5)); the game console (9504.50), the
  // chair (9401.39) and coffee (0901.21) are in no supplement; the tablets of 3004.90 may be
  // chemicals of supplement no. 6 (746.8(a)(6)) unless their CAS number says otherwise (none is given:
  // the conservative answer)
  assert.deepEqual(
    rows.slice(1).map((row) => [row[0], row[ru]]),
    [
      ['FMC-200', 'license-required'], ['MILL-5X', 'license-required'], ['PHONE-X1', 'license-required'], ['TAB-10', 'license-required'],
      ['CONSOLE-G5', 'no-license-required'], ['RTR-9000', 'license-required'], ['RTR-HOME', 'license-required'], ['FPGA-7', 'license-required'],
      ['CHIP-F7', 'license-required'], ['TV-55', 'license-required'], ['CHAIR-OFF', 'no-license-required'], ['COFFEE-1KG', 'no-license-required'], ['MED-PAIN', 'license-required'],
    ],
  );
  const html = run(['matrix', '--rules', 'samples/starter', '--eccn', '3A001,EAR99', '--format', 'html']).out;
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  assert.match(html, /<dl class="legend" aria-label="Legend">/);
  assert.doesNotMatch(html, /<script/);
  assert.equal(html.match(/<tr data-row=/g)?.length, 2, 'a row each for 3A001 and EAR99');
});
