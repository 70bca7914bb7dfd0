// Impact analysis on the command line: the matrix, and what changed between two versions.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

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
  const { changes } = JSON.parse(r.out) as { changes: { item: string; destination: string; stricter: boolean; after: { rules: string[] } }[] };
  assert.ok(changes.length > 0);
  assert.deepEqual([...new Set(changes.map((c) => c.destination))].sort(), ['BY', 'RU']);
  assert.ok(changes.every((c) => c.stricter));
  assert.ok(changes.every((c) => c.after.rules.some((x) => x.startsWith('us-ear-russia-belarus/'))));
  // every pair the 2022 rules decide that was free before is listed: recompute from check
  for (const c of changes) {
    const before = JSON.parse(run(['check', '--product', c.item, '--to', c.destination, '--date', '2024-06-01', '--json', '--rules', starter('ear-country-chart'), starter('ear-ccl-controls'), starter('ear-embargoes'), starter('ear-part746-item-lists'), 'samples/company']).out);
    const after = JSON.parse(run(['check', '--product', c.item, '--to', c.destination, '--date', '2024-06-01', '--json', '--rules', 'samples/starter', 'samples/company']).out);
    assert.notEqual(before.decision, after.decision, `${c.item} -> ${c.destination}`);
  }
  const fail = run([
    'diff', '--base-rules', starter('ear-country-chart'), starter('ear-ccl-controls'), starter('ear-embargoes'), starter('ear-part746-item-lists'), 'samples/company',
    '--rules', 'samples/starter', 'samples/company', '--date', '2024-06-01', '--fail-on-stricter',
  ]);
  assert.equal(fail.code, 1);
  assert.match(fail.out, /decision\(s\) changed: \d+ stricter, 0 relaxed/);
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
  const [head, ...rows] = csv.out.trim().split('\n');
  assert.ok(head.startsWith('item,'));
  assert.ok(head.split(',').length > 190, 'about 200 destinations');
  const phone = rows.find((r) => r.startsWith('PHONE-X1,'));
  assert.ok(phone);
  const ru = head.split(',').indexOf('RU');
  assert.equal(phone.split(',')[ru], 'license-required');
  const json = JSON.parse(run(['matrix', '--rules', 'samples/starter', 'samples/company', '--date', '2024-06-01', '--format', 'json']).out);
  assert.equal(json.cells.length, json.items.length);
  const html = run(['matrix', '--rules', 'samples/starter', '--eccn', '3A001,EAR99', '--format', 'html']).out;
  assert.match(html, /Content-Security-Policy/);
  assert.match(html, /Legend/);
  assert.doesNotMatch(html, /<script/);
});
