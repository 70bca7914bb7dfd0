// The command-line contract (docs/cli-and-protocol.md): shapes, exit codes, formats, batch.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { emptyFolder, exportRules, root } from './exportRules';
import { localToday } from '../../server/src/model/dates';


const run = (args: string[], opts: { cwd?: string; input?: string } = {}) => exportRules(args, { cwd: opts.cwd ?? root, input: opts.input });

/** A scratch folder with no rule files: the bundled starter pack answers there. */
const empty = emptyFolder('ecr-cli-');

test('check --json: the contract shape, from the bundled starter pack in an empty folder', () => {
  const r = run(['check', '--eccn', '5A992', '--to', 'RU', '--date', '2024-01-01', '--json'], { cwd: empty });
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.decision, 'license-required');
  assert.deepEqual(j.destination, { code: 'RU', name: 'Russia' });
  assert.equal(j.date, '2024-01-01');
  assert.equal(j.item.eccn, '5A992');
  assert.match(j.dataAsOf, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(j.notice, 'Reference only, not legal advice.');
  assert.ok(j.sources.length >= 3 && j.sources.every((s: string) => s.startsWith('starter pack: ')), j.sources.join());
  const m = j.matched.find((x: { rule: string }) => x.rule === 'ru-by-all-ccl');
  assert.ok(m, 'the 746.8(a)(1) rule decides');
  for (const k of ['ruleset', 'rule', 'decision', 'citation', 'file', 'line', 'uri', 'range']) assert.ok(k in m, k);
  assert.equal(m.citation, '15 CFR 746.8(a)(1)');
});

test('check: 3A001 to China needs a licence by the Country Chart (NS2)', () => {
  const r = run(['check', '--eccn', '3A001', '--to', 'CN', '--json'], { cwd: empty });
  const j = JSON.parse(r.out);
  assert.equal(j.decision, 'license-required');
  assert.ok(j.matched.some((m: { citation: string; deciding: boolean }) => m.deciding && /738\.4/.test(m.citation)));
});

test('check text output names the decision, the rule, the sources, the data date and the notice', () => {
  const r = run(['check', '--eccn', 'EAR99', '--to', 'Germany'], { cwd: empty });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^NO LICENSE REQUIRED: ECCN EAR99 to Germany \(DE\)/);
  assert.match(r.out, /Rules from: starter pack/);
  assert.match(r.out, /not legal advice/);
});

test('check: bad arguments exit 2 with one line naming the value and the nearest valid ones', () => {
  const bad = run(['check', '--eccn', '5A992', '--to', 'Germny'], { cwd: empty });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /Germny/);
  assert.match(bad.err, /DE/);
  const eccn = run(['check', '--eccn', '5A9992', '--to', 'RU'], { cwd: empty });
  assert.equal(eccn.code, 2);
  assert.match(eccn.err, /5A9992/);
  assert.match(eccn.err, /5A992/);
  assert.equal(run(['check', '--to', 'RU'], { cwd: empty }).code, 2);
  assert.equal(run(['check', '--eccn', '5A992', '--to', 'RU', '--date', '2024-02-30'], { cwd: empty }).code, 2);
  assert.equal(run(['frobnicate']).code, 2);
  assert.equal(run(['check', '--nonsense']).code, 2);
});

test('check --batch: CSV and JSON lines in, one JSON line out per line, errors inline', () => {
  const input = ['item,destination,date', '5A992,RU,2024-01-01', 'hs:8517.13,DE', '{"item":{"eccn":"3A001"},"destination":"CN","date":"2024-01-01"}', 'nonsense', '5A992,Germny', '5A992,RU,2023-02-29', '5A992,RU,29.02.2024'].join('\n');
  const r = run(['check', '--batch', '-'], { cwd: empty, input });
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.out.trim().split('\n').map((l) => JSON.parse(l)), [
    // 15 CFR 746.8(a)(1): every CCL item to Russia needs a licence
    { line: 2, item: { eccn: '5A992' }, destination: 'RU', date: '2024-01-01', decision: 'license-required', exceptions: [], rules: ['us-ear-russia-belarus/ru-by-all-ccl'] },
    // no date: today, where the user is; a smartphone tariff code is EAR99, free to Germany
    { line: 3, item: { hs: '8517.13' }, destination: 'DE', date: localToday(), decision: 'no-license-required', rules: [] },
    // 3A001 is controlled for NS2, and China has an X in the NS2 column (15 CFR 738.4)
    { line: 4, item: { eccn: '3A001' }, destination: 'CN', date: '2024-01-01', decision: 'license-required', exceptions: [], rules: ['us-ear-country-chart/chart-ns2'] },
    { line: 5, error: 'expected item,destination[,date[,party]]' },
    { line: 6, error: 'unknown destination "Germny"; did you mean DE (Germany)?' },
    // a date line says what is wrong with the date, in the words the editor and --date use
    { line: 7, error: 'bad date: 2023-02-29 is not a date: February 2023 has 28 days' },
    { line: 8, error: 'bad date: "29.02.2024" is not written yyyy-mm-dd, e.g. 2024-01-31' },
  ]);
  const leap = run(['check', '--eccn', '5A992', '--to', 'RU', '--date', '2026-02-30'], { cwd: empty });
  assert.equal(leap.code, 2);
  assert.equal(leap.err, 'export-rules: --date: 2026-02-30 is not a date: February 2026 has 28 days\nRun "export-rules --help" for usage.\n');
  const missing = run(['check', '--batch', 'no-such-file.csv'], { cwd: empty });
  assert.equal(missing.code, 2);
  assert.equal(missing.err, 'export-rules: no such file: no-such-file.csv\nRun "export-rules --help" for usage.\n');
});

test('validate and test never pass on nothing: no rule file found, or a named folder without one, is a usage error', () => {
  const nothing = 'no rule files (*.ecr.yaml, *.ecr.yml) under the current folder for';
  for (const command of ['validate', 'test']) {
    const r = run([command], { cwd: empty });
    assert.deepEqual([r.code, r.out], [2, '']);
    assert.equal(r.err, `export-rules: ${nothing} ${command}: name files or folders (export-rules ${command} rules/), or list them in .export-rules.json\nRun "export-rules --help" for usage.\n`);
  }
  // a folder that holds a rule file under another name (and a README): nothing it would find
  const folder = 'test/fixtures/sources/policy';
  for (const args of [['validate', folder], ['test', folder], ['check', '--eccn', '2B001', '--to', 'IR', '--rules', folder], ['matrix', '--rules', folder]]) {
    const r = run(args);
    assert.deepEqual([r.code, r.err], [2, `export-rules: no rule files (*.ecr.yaml, *.ecr.yml) in ${folder}\nRun "export-rules --help" for usage.\n`], args.join(' '));
  }
  // .export-rules.json naming such a folder says where the name came from
  const configured = emptyFolder('ecr-cli-config-');
  fs.mkdirSync(path.join(configured, 'rules'));
  fs.writeFileSync(path.join(configured, '.export-rules.json'), '{ "rules": ["rules"] }\n');
  assert.equal(run(['validate'], { cwd: configured }).err, 'export-rules: no rule files (*.ecr.yaml, *.ecr.yml) in rules (named in .export-rules.json)\nRun "export-rules --help" for usage.\n');
  // a diff's base may be no rules at all: what the rules add to the pack
  const added = run(['diff', '--base-rules', configured + '/rules', '--rules', folder + '/machine-tools.yaml', '--starter-pack', 'off', '--eccn', '2B001', '--date', '2024-06-01', '--format', 'json']);
  assert.equal(added.code, 0, added.err);
  assert.deepEqual(JSON.parse(added.out).changes.filter((c: { destination: string }) => c.destination === 'IR').map((c: { before: { decision: string }; after: { decision: string } }) => [c.before.decision, c.after.decision]), [['no-license-required', 'prohibited']]);
});

test('a rule file named on the command line is read whatever its name; test counts only the files named', () => {
  const file = 'test/fixtures/sources/policy/machine-tools.yaml';
  const v = run(['validate', file]);
  assert.deepEqual([v.code, v.out, v.err], [0, '', '1 file(s) checked: 0 error(s), 0 other finding(s).\n']);
  // the pack (layered in auto mode) is not counted among the files whose tests ran
  assert.deepEqual([run(['test', file]).out], ['1 passed, 0 failed (rule tests in 1 file(s))\n']);
  // the company's rule decides: prohibited to Iran, where the Country Chart asks a licence (NS2)
  const c = JSON.parse(run(['check', '--eccn', '2B001', '--to', 'IR', '--date', '2024-06-01', '--rules', file, '--json']).out);
  assert.equal(c.decision, 'prohibited');
  assert.deepEqual(c.matched.filter((m: { deciding: boolean }) => m.deciding).map((m: { ruleset: string; rule: string }) => `${m.ruleset}/${m.rule}`), ['acme-machine-tools/no-machine-tools-to-iran']);
});

test('validate layers the starter pack as the editor does: the company sample\'s tests name pack rules in decidedBy', () => {
  const layered = run(['validate', 'samples/company']);
  assert.deepEqual([layered.code, layered.out, layered.err], [0, '', '2 file(s) checked: 0 error(s), 0 other finding(s).\n']);
  // without the pack those rules are unknown, as the editor says with exportRules.starterPack off
  const off = run(['validate', 'samples/company', '--starter-pack', 'off', '--format', 'json']);
  assert.equal(off.code, 1);
  const problems = JSON.parse(off.out) as { code: string; file: string; line: number; message: string }[];
  assert.deepEqual([problems.length, [...new Set(problems.map((p) => p.code))]], [17, ['unknown-rule']]);
  assert.deepEqual(problems[0], { file: 'samples/company/policy.ecr.yaml', line: 50, column: 17, endLine: 50, endColumn: 51, severity: 'error', code: 'unknown-rule', message: 'No rule "north-korea-ear99-food-or-medicine" exists in the rule files of the workspace' });
});

test('validate: text, json and sarif; exit 1 on errors, 0 when clean', () => {
  const four = 'test/fixtures/validate/four-mistakes.ecr.yaml';
  const text = run(['validate', four]);
  assert.equal(text.code, 1);
  const lines = text.out.trim().split('\n');
  assert.equal(lines.length, 4, text.out);
  assert.match(lines[0], /^test\/fixtures\/validate\/four-mistakes\.ecr\.yaml:15:5 error unknown-property /);
  const json = JSON.parse(run(['validate', four, '--format', 'json']).out);
  assert.deepEqual(Object.keys(json[0]).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
  assert.deepEqual(json.map((p: { code: string }) => p.code), ['unknown-property', 'missing-property', 'invalid-value', 'yaml-syntax']);
  const sarif = JSON.parse(run(['validate', four, '--format', 'sarif']).out);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].tool.driver.name, 'export-rules');
  const res = sarif.runs[0].results;
  assert.equal(res.length, 4);
  for (const x of res) {
    assert.equal(typeof x.ruleId, 'string');
    assert.ok(['error', 'warning', 'note'].includes(x.level));
    assert.equal(typeof x.message.text, 'string');
    const loc = x.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, four);
    assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    assert.equal(sarif.runs[0].tool.driver.rules[x.ruleIndex].id, x.ruleId);
  }
  assert.equal(run(['validate', 'test/fixtures/validate/clean.ecr.yaml']).code, 0);
  assert.equal(run(['validate', 'no/such/path']).code, 2);
  assert.equal(run(['validate', four, '--format', 'xml']).code, 2);
});

test('validate reports an unreadable file instead of crashing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-bad-'));
  fs.writeFileSync(path.join(dir, 'latin1.ecr.yaml'), Buffer.from([0x72, 0x3a, 0x20, 0xe9, 0xff, 0x0a]));
  const r = run(['validate', dir, '--format', 'json']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out);
  assert.equal(j[0].code, 'file-unreadable');
  assert.match(j[0].message, /UTF-8/);
});

test('test: every sample rule test passes; a failing test exits 1 naming file, line, expected and actual', () => {
  const ok = run(['test', 'samples/']);
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, /\d+ passed, 0 failed/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-fail-'));
  fs.writeFileSync(
    path.join(dir, 'wrong.ecr.yaml'),
    'ruleset: wrong\ntitle: A wrong expectation\nrules:\n  - id: ru\n    citation: x\n    when:\n      items: [{ ccl: true }]\n      destinations: [{ country: RU }]\n    decision: license-required\ntests:\n  - name: phones to Russia are free (wrong)\n    item: { eccn: 5A992 }\n    destination: RU\n    expect: no-license-required\n',
  );
  const bad = run(['test', dir]);
  assert.equal(bad.code, 1);
  assert.match(bad.out, /wrong\.ecr\.yaml:11/);
  assert.match(bad.out, /expected no-license-required/);
  assert.match(bad.out, /license-required/);
  assert.match(bad.out, /0 passed, 1 failed/);
});

test('.export-rules.json names the default sources (this repository answers from samples/starter)', () => {
  const r = run(['check', '--eccn', '5A992', '--to', 'RU', '--json']);
  const j = JSON.parse(r.out);
  assert.ok(j.sources.every((s: string) => s.startsWith('samples/starter/')), j.sources.join());
});

test('--starter-pack always layers the company rules on the pack; a ruleset with a pack id overrides that file', () => {
  const r = run(['check', '--product', 'PHONE-X1', '--to', 'RU', '--date', '2024-06-01', '--json', '--rules', path.join(root, 'samples/company'), '--starter-pack', 'always'], { cwd: empty });
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.ok(j.matched.some((m: { rule: string }) => m.rule === 'ru-by-all-ccl'), 'the pack decides');
  assert.ok(j.sources.some((s: string) => s.startsWith('starter pack: ')));
  assert.ok(j.sources.some((s: string) => s.endsWith('products.ecr.yaml')));
  // auto (the default) layers the pack too: the company files hold products and an INTERNAL policy, no US-EAR rules
  const auto = JSON.parse(run(['check', '--product', 'PHONE-X1', '--to', 'RU', '--date', '2024-06-01', '--json', '--rules', path.join(root, 'samples/company')], { cwd: empty }).out);
  assert.ok(auto.matched.some((m: { rule: string }) => m.rule === 'ru-by-all-ccl'));
  // without the pack, the company files alone say nothing about Russia for this date
  const alone = JSON.parse(run(['check', '--product', 'PHONE-X1', '--to', 'RU', '--date', '2024-06-01', '--json', '--rules', path.join(root, 'samples/company'), '--starter-pack', 'off'], { cwd: empty }).out);
  assert.ok(!alone.matched.some((m: { rule: string }) => m.rule === 'ru-by-all-ccl'));
  // override: a user's file with the pack's ruleset id replaces the pack's file
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-override-'));
  fs.writeFileSync(
    path.join(dir, 'my-russia.ecr.yaml'),
    'ruleset: us-ear-russia-belarus\ntitle: Our reading of 746.8\nrules:\n  - id: ru-everything\n    citation: 15 CFR 746.8\n    when:\n      items: [{ ccl: true }, { ear99: true }]\n      destinations: [{ country: RU }]\n    decision: prohibited\n',
  );
  const o = JSON.parse(run(['check', '--eccn', '5A992', '--to', 'RU', '--json', '--rules', dir, '--starter-pack', 'always'], { cwd: empty }).out);
  assert.equal(o.decision, 'prohibited');
  assert.ok(!o.matched.some((m: { rule: string }) => m.rule === 'ru-by-all-ccl'), 'the pack file with that id is replaced');
  assert.equal(run(['check', '--eccn', '5A992', '--to', 'RU', '--starter-pack', 'sometimes'], { cwd: empty }).code, 2);
});
