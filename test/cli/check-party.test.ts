// `export-rules check --party` (docs/cli-and-protocol.md): the screening part of the answer in
// JSON and text, a batch line with a party, --list and --threshold, validate --list, and the
// usage errors. The embedded CSL snapshot (2026-07-31) and the small list fixture
// (test/fixtures/screening/consolidated.json, 2026-08-13) screen; the expected decisions follow
// 15 CFR 744.11 and 744.16 (an Entity List entry "for all items subject to the EAR": a licence
// for EAR99 goods too, no licence exceptions) and the rule files of test/fixtures/parties.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/export-rules.js');
const list = path.join(root, 'test/fixtures/screening/consolidated.json');
const parties = path.join(root, 'test/fixtures/parties');
const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-party-'));

function run(args: string[], opts: { input?: string } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: empty, input: opts.input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('done means: EAR99 to a company on the Entity List (embedded list) is license-required with the entry in the trace', () => {
  const r = run(['check', '--eccn', 'EAR99', '--to', 'CN', '--date', '2026-08-01', '--starter-pack', 'off', '--party', 'China Electronics Technology Group Corp. 13th Research Institut', '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.decision, 'license-required');
  assert.equal(j.noRuleApplied, false);
  assert.deepEqual(Object.keys(j.screening), ['party', 'list', 'threshold', 'hits', 'result', 'notes']);
  assert.equal(j.screening.list.date, '2026-07-31');
  assert.match(j.screening.list.file, /^embedded CSL snapshot/);
  assert.equal(j.screening.threshold, 0.86);
  assert.equal(j.screening.result, 'listed');
  const h = j.screening.hits[0];
  for (const k of ['id', 'name', 'matchedName', 'list', 'score', 'status', 'why']) assert.ok(k in h, k);
  assert.deepEqual([h.list, h.name, h.status], ['EL', 'China Electronics Technology Group Corporation 13th Research Institute (CETC 13)', 'match']);
  assert.deepEqual([h.outcome.kind, h.outcome.decision, h.outcome.deciding, h.outcome.citation], ['applies', 'license-required', true, '15 CFR 744.16 and supplement no. 4 to part 744']);
  assert.ok(j.exceptions.length > 0);
  assert.deepEqual([...new Set(j.exceptions.map((x: { status: string; citation: string }) => `${x.status} ${x.citation}`))], ['not-available 15 CFR 744.16(b)']);
});

test('check --party: text output shows the screening beside the decision', () => {
  const r = run(['check', '--eccn', 'EAR99', '--to', 'CN', '--date', '2026-08-01', '--rules', path.join(parties, 'shipments.ecr.yaml'), path.join(root, 'test/fixtures/party-policies'), '--list', list, '--party', 'hebei-semi']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^PROHIBITED: ECCN EAR99 to China \(CN\) on 2026-08-01\n/);
  assert.match(r.out, /\n {2}\* prohibited {2}acme-party-policies\/stop-entity-list: No shipments at all to parties on the Entity List/);
  assert.match(r.out, /\n {2}Screening of party hebei-semi \("Hebei Semiconducter Research Institute Co\., Ltd\.", end-user, CN\): ON A LIST\n/);
  assert.match(r.out, /\n {4}- 0\.9\d\d EL 99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be {2}China Electronics .*\(as "Hebei Semiconductor Research Institute"\) {2}\[applies: license-required\]\n/);
  assert.match(r.out, /\n {4}List: .*consolidated\.json, dated 2026-08-13; threshold 0\.86; lists searched: Entity List \(EL\), .*Sectoral Sanctions Identifications List \(SSI\)\.\n/);
});

test('check --party with --party-country and --threshold; a possible match does not decide', () => {
  const r = run(['check', '--eccn', 'EAR99', '--to', 'CH', '--starter-pack', 'off', '--list', list, '--party', 'Banco Nacional Cuba Trading', '--party-country', 'ch', '--json']);
  const j = JSON.parse(r.out);
  assert.equal(j.decision, 'no-license-required');
  assert.deepEqual(j.screening.party, { input: 'Banco Nacional Cuba Trading', names: ['Banco Nacional Cuba Trading'], country: 'CH' });
  assert.deepEqual([j.screening.result, j.screening.hits[0].status, j.screening.hits[0].outcome.kind], ['possible', 'possible', 'review']);
  // at a lower threshold the same name is a match, and the SDN hit blocks the shipment
  const low = JSON.parse(run(['check', '--eccn', 'EAR99', '--to', 'CH', '--starter-pack', 'off', '--list', list, '--party', 'Banco Nacional Cuba Trading', '--threshold', '0.7', '--json']).out);
  assert.deepEqual([low.decision, low.screening.threshold, low.screening.hits[0].outcome.authority], ['prohibited', 0.7, 'Treasury (OFAC)']);
});

test('check without --party: no screening part, and the answer says parties were not screened', () => {
  const j = JSON.parse(run(['check', '--eccn', 'EAR99', '--to', 'CN', '--starter-pack', 'off', '--json']).out);
  assert.equal('screening' in j, false);
  assert.match(j.notChecked[0], /no party was screened/);
});

test('check --batch: a line may carry its party (CSV fourth field, JSON "party")', () => {
  const input = ['EAR99,CN,2026-08-01,hebei-semi', '{"item":"EAR99","destination":"DE","date":"2026-08-01","party":"ADT Analog and Digital Technik","partyCountry":"DE"}', 'EAR99,DE,2026-08-01'].join('\n');
  const r = run(['check', '--batch', '-', '--rules', path.join(parties, 'shipments.ecr.yaml'), '--list', list], { input });
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => [l.line, l.decision, l.screening?.party, l.screening?.result, l.screening?.hits.map((h: { list: string; outcome: string; deciding: boolean }) => `${h.list} ${h.outcome} ${h.deciding}`)]),
    [
      [1, 'license-required', 'hebei-semi', 'listed', ['EL applies true']],
      // the name of a party of the rule files: that party (its id, role and clearances)
      [2, 'prohibited', 'adt-technik', 'listed', ['DPL applies true']],
      [3, 'no-license-required', undefined, undefined, undefined],
    ],
  );
});

test('check --party: usage errors exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['check', '--eccn', 'EAR99', '--to', 'CN', '--party', ' '], /--party is empty/],
    [['check', '--eccn', 'EAR99', '--to', 'CN', '--party-country', 'CN'], /--party-country needs --party/],
    [['check', '--eccn', 'EAR99', '--to', 'CN', '--party', 'ACME', '--threshold', '2'], /--threshold must be a number above 0 and at most 1/],
    [['check', '--eccn', 'EAR99', '--to', 'CN', '--party', 'ACME', '--list', 'missing.json'], /screening list/],
    [['check', '--eccn', 'EAR99', '--to', 'CN', '--party', 'ACME', '--party-country', 'China'], /not an ISO 3166-1 alpha-2 code/],
    [['check', '--batch', '-', '--party', 'ACME'], /--party is for one check/],
  ];
  for (const [args, message] of cases) {
    const r = run(args, { input: '' });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message, args.join(' '));
  }
});

test('validate --list: the parties of the rule files screened against the given list', () => {
  const r = run(['validate', path.join(parties, 'shipments.ecr.yaml'), '--list', list, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const problems = JSON.parse(r.out) as { code: string; message: string; line: number }[];
  const listed = problems.filter((p) => p.code === 'party-listed');
  assert.deepEqual(listed.map((p) => p.line), [16, 20, 24, 28, 32]); // the name lines of hebei-semi, aaspt, adt-technik, atlas, cuba-bank
  for (const p of listed) assert.match(p.message, /consolidated\.json, list of 2026-08-13\)$/);
  assert.deepEqual(problems.filter((p) => p.code === 'party-possible-match').map((p) => p.line), [48]); // cuba-trading
});

test('test --list: the rule tests that name a party pass against the list they were written for', () => {
  const r = run(['test', path.join(parties, 'shipments.ecr.yaml'), '--list', list]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /^8 passed, 0 failed/m);
  const p = run(['test', path.join(root, 'test/fixtures/party-policies'), '--list', list]);
  assert.equal(p.code, 0, p.out + p.err);
  assert.match(p.out, /^4 passed, 0 failed/m);
});
