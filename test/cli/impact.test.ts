// Impact analysis on the command line: the matrix, and what changed between two versions.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { exportRules, root } from './exportRules';
import { parse } from 'csv-parse/sync';
import type { DecisionMatrix } from '../../server/src/impact/matrix';

const run = (args: string[], cwd = root) => exportRules(args, { cwd, timeoutMs: 120_000 });
const starter = (f: string) => `samples/starter/${f}.ecr.yaml`;

test('diff: adding the Russia/Belarus file changes exactly the company products to RU and BY that no other rule caught', () => {
  const r = run([
    'diff', '--base-rules', starter('ear-country-chart'), starter('ear-ccl-controls'), starter('ear-embargoes'), starter('ear-part746-item-lists'), 'samples/company',
    '--rules', 'samples/starter', 'samples/company', '--date', '2024-06-01', '--format', 'json',
  ]);
  assert.equal(r.code, 0, r.err);
  const { changes } = JSON.parse(r.out) as { changes: { item: string; destination: string; before: { decision: string; rules: string[] }; after: { decision: string; rules: string[] }; stricter: boolean }[] };
  // Worked out from the rules, not from the engine. 746.8(a)(1) (from 2022-04-08) requires a
  // licence for every CCL item to Russia and Belarus. Before it, the Country Chart already
  // required one for MILL-5X (2B001, NS2), RTR-9000 (5A002, NS1) and FPGA-7 (3A001, NS2), and
  // the supplement no. 7 FDP rule of the part 746 lists (746.8(a)(2)) for CHIP-F7 (3A991, HS
  // 8542.31, a foreign direct product of 3E001); the AT-only items (7A994, 5A992.c) needed
  // none, and EAR99 items are not on the CCL. So: the four AT-only products, to both
  // countries, from no licence to licence, and nothing else.
  const expected = ['FMC-200', 'PHONE-X1', 'TAB-10', 'RTR-HOME'].flatMap((item) =>
    ['BY', 'RU'].map((destination) => ({
      item,
      destination,
      before: { decision: 'no-license-required', rules: [] },
      after: { decision: 'license-required', rules: ['us-ear-russia-belarus/ru-by-all-ccl'] },
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
  assert.equal(r.out, 'item,destination,before,after,stricter,rules_before,rules_after,exceptions_before,exceptions_after\nPHONE,RU,no-license-required,prohibited,true,acme/ru,acme/ru,,\n');
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
  // 746.8(a)(1): every CCL product needs a licence to Russia. Of the EAR99 ones, TV-55 (HS
  // 8528.72) is on the supplement no. 4 list of 746.8(a)(5); MED-PAIN (HS 3004.90) may be a
  // chemical of supplement no. 6, so its answer is the most restrictive (conditional: the
  // JSON says so, the CSV shows the decision); the console, chair and coffee are on no list
  const ccl = 'license-required';
  assert.deepEqual(
    rows.slice(1).map((row) => [row[0], row[ru]]),
    [
      ['FMC-200', ccl], ['MILL-5X', ccl], ['PHONE-X1', ccl], ['TAB-10', ccl], ['CONSOLE-G5', 'no-license-required'], ['RTR-9000', ccl], ['RTR-HOME', ccl],
      ['FPGA-7', ccl], ['CHIP-F7', ccl], ['TV-55', 'license-required'], ['CHAIR-OFF', 'no-license-required'], ['COFFEE-1KG', 'no-license-required'], ['MED-PAIN', 'license-required'],
    ],
  );
  const ruJ = json.destinations.findIndex((d) => d.code === 'RU');
  assert.deepEqual(json.items.filter((_, i) => json.cells[i][ruJ].conditional).map((it) => it.key), ['MED-PAIN']);
  const html = run(['matrix', '--rules', 'samples/starter', '--eccn', '3A001,EAR99', '--format', 'html']).out;
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  assert.match(html, /<dl class="legend" aria-label="Legend">/);
  assert.doesNotMatch(html, /<script/);
  assert.equal(html.match(/<tr data-row=/g)?.length, 2, 'a row each for 3A001 and EAR99');
});
