// `export-rules screen` (docs/cli-and-protocol.md): the JSON shape, batch, audit, list files, exit codes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { emptyFolder, exportRules, root } from './exportRules';
import { parseScreenLine } from '../../server/src/screening/cli';

const fixtures = path.join(root, 'test/fixtures/screening');
const scratch = emptyFolder('ecr-screen-');

const run = (args: string[], input?: string) => exportRules(['screen', ...args], { cwd: scratch, input });

test('screen --json: an Entity List name with a typo and another legal form is found, with why', () => {
  const r = run(['--name', 'Hebei Semiconducter Research Institute Co., Ltd.', '--country', 'CN', '--json']);
  assert.equal(r.code, 1, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j), ['input', 'list', 'threshold', 'hits']);
  assert.deepEqual(j.input, { name: 'Hebei Semiconducter Research Institute Co., Ltd.', country: 'CN' });
  assert.deepEqual(Object.keys(j.list), ['file', 'date', 'lists']);
  assert.equal(j.list.date, '2026-07-31');
  assert.equal(j.threshold, 0.86);
  const h = j.hits[0];
  assert.deepEqual(Object.keys(h), ['id', 'name', 'matchedName', 'list', 'score', 'status', 'why']);
  assert.equal(h.name, 'China Electronics Technology Group Corporation 13th Research Institute (CETC 13)');
  assert.equal(h.matchedName, 'Hebei Semiconductor Research Institute');
  assert.equal(h.list, 'EL');
  assert.equal(h.status, 'match');
  assert.match(h.id, /^EL-[0-9a-f]{10}$/);
  assert.deepEqual(h.why.rules, ['alias', 'legal-form', 'typo']);
});

test('screen: text output names the hit, what it means, the list file, its date and the lists searched', () => {
  const r = run(['--name', 'Atlas Sanatgaran', '--list', path.join(fixtures, 'consolidated.csv')]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^MATCH: "Atlas Sanatgaran" matches 1 list entry\n/);
  assert.match(r.out, /\* 1\.000 UVL 1b5979e8fd3920a1a0985bf5088dad930a6a5562d1513f9e4b015e42 {2}Atlas Sanatgaran\n/);
  assert.match(r.out, /means: Unverified List: no licence exceptions \(§ 740\.2\(a\)\(17\)\); before a shipment that needs no licence, a signed UVL statement/);
  assert.match(r.out, /List: .*consolidated\.csv, dated \d{4}-\d{2}-\d{2}; lists searched: EL \(1\), MEU \(1\), UVL \(1\), SDN \(1\), SSI \(1\)\./);
  const none = run(['--name', 'Nordwind Präzisionsmechanik GmbH']);
  assert.equal(none.code, 0);
  assert.match(none.out, /^NO MATCH: "Nordwind Präzisionsmechanik GmbH"\n/);
});

test('screen --list consolidated.json: dated by sources_used', () => {
  const r = run(['--name', 'National Bank of Cuba', '--list', path.join(fixtures, 'consolidated.json'), '--json']);
  const j = JSON.parse(r.out);
  assert.deepEqual(j.list, { file: path.join(fixtures, 'consolidated.json'), date: '2026-08-13', lists: ['EL', 'MEU', 'UVL', 'DPL', 'SDN', 'SSI'] });
  assert.deepEqual(
    j.hits.map((h: { id: string; matchedName: string; score: number }) => [h.id, h.matchedName, h.score]),
    [['306', 'NATIONAL BANK OF CUBA', 1]],
  );
});

test('screen --batch: one JSON line per input line, CSV and JSON lines, errors per line; --audit appends', () => {
  const audit = path.join(scratch, 'audit', 'screening.jsonl');
  const input = ['name,country', '"ABU JHEISHEH, Mohammed",PS', 'Gazprom PAO', '{"name":"Рособоронэкспорт"}', '{"name": ""}', '', 'Acme Widgets Ltd,US'].join(
    '\n',
  );
  const r = run(['--batch', '-', '--audit', audit], input);
  assert.equal(r.code, 0, r.err);
  const lines = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => [l.line, l.input?.name ?? l.error, l.hits?.some((h: { status: string }) => h.status === 'match')]),
    [
      [2, 'ABU JHEISHEH, Mohammed', true],
      [3, 'Gazprom PAO', true],
      [4, 'Рособоронэкспорт', true],
      [5, 'no "name"', undefined],
      [7, 'Acme Widgets Ltd', false],
    ],
  );
  const logged = fs
    .readFileSync(audit, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(logged.length, 4);
  assert.deepEqual(Object.keys(logged[0]), ['time', 'input', 'list', 'threshold', 'hits']);
  assert.match(logged[0].time, /^\d{4}-\d{2}-\d{2}T/);
  // appended, not replaced
  run(['--name', 'Acme', '--audit', audit]);
  assert.equal(fs.readFileSync(audit, 'utf8').trim().split('\n').length, 5);
});

test('screen: bad usage and bad list files exit 2 with one clear line', () => {
  const cases: [string[], RegExp][] = [
    [[], /screen needs a name/],
    [['--name', '  '], /--name is empty/],
    [['--name', 'x', '--threshold', '1.5'], /--threshold must be a number above 0 and at most 1, not "1.5"/],
    // the one options table of the command line: the same words as every other command
    [['--name', 'x', '--frobnicate'], /^export-rules: unknown option --frobnicate\nRun "export-rules --help" for usage\.\n$/],
    [['--name', 'x', '--eccn', '5A992'], /^export-rules: screen does not take --eccn\n/],
    [['--name', 'x', '--json=false'], /^export-rules: --json takes no value \(give --json or leave it out\)\n/],
    [['--name', 'x', '--batch', 'y.csv'], /give --name or --batch, not both/],
    [['--name', 'x', '--list', 'missing.json'], /^export-rules: screening list missing\.json: no such file\n$/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message);
    assert.equal(r.out, '');
  }
  const truncated = path.join(scratch, 'truncated.json');
  fs.writeFileSync(truncated, fs.readFileSync(path.join(fixtures, 'consolidated.json'), 'utf8').slice(0, 3000));
  const t = run(['--name', 'x', '--list', truncated]);
  assert.equal(t.code, 2);
  assert.match(t.err, /the JSON ends early: the file looks truncated/);
});

test('screen batch lines: CSV with quotes, a name with a comma, JSON', () => {
  assert.deepEqual(parseScreenLine('Acme Ltd,DE'), { name: 'Acme Ltd', country: 'DE' });
  assert.deepEqual(parseScreenLine('"Smith, John",GB'), { name: 'Smith, John', country: 'GB' });
  assert.deepEqual(parseScreenLine('Smith, John'), { name: 'Smith, John' });
  assert.deepEqual(parseScreenLine('{"name":"Acme","country":"FR"}'), { name: 'Acme', country: 'FR' });
  assert.throws(() => parseScreenLine('{"name":'), /not valid JSON/);
});
