// The real server over stdio: published diagnostics, document symbols, the last version wins,
// custom requests.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { fileUri, repoRoot, startTestServer, type TestServer } from './harness';

let server: TestServer;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-proto-'));

before(async () => {
  server = await startTestServer({ folder });
});
after(async () => {
  await server.stop();
});

const four = fs.readFileSync(path.join(repoRoot, 'test/fixtures/validate/four-mistakes.ecr.yaml'), 'utf8');

test('a broken file gets exactly its four diagnostics, with codes, exact ranges and source', async () => {
  const uri = fileUri(path.join(folder, 'four.ecr.yaml'));
  const got = server.diagnostics(uri);
  server.open(uri, four);
  const d = await got;
  assert.deepEqual(
    d.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character]),
    [
      ['unknown-property', 14, 4, 11],
      ['missing-property', 15, 4, 6],
      ['invalid-value', 27, 14, 28],
      ['yaml-syntax', 33, 40, 41],
    ],
  );
  assert.ok(d.every((x) => x.source === 'export-rules'));
  assert.equal(d[0].message, 'Unknown key "decison" in a rule; did you mean "decision"?');
  // each code links to its section of docs/diagnostics.md, which is there
  const docs = fileUri(path.join(repoRoot, 'docs/diagnostics.md'));
  assert.deepEqual(d.map((x) => x.codeDescription?.href), d.map((x) => `${docs}#${String(x.code)}`));
  const headings = fs.readFileSync(path.join(repoRoot, 'docs/diagnostics.md'), 'utf8');
  for (const x of d) assert.match(headings, new RegExp(`^### ${String(x.code)}$`, 'm'));
});

test('document symbols: the ruleset with its rules', async () => {
  const uri = fileUri(path.join(folder, 'clean.ecr.yaml'));
  const text = fs.readFileSync(path.join(repoRoot, 'test/fixtures/validate/clean.ecr.yaml'), 'utf8');
  const got = server.diagnostics(uri);
  server.open(uri, text);
  assert.deepEqual(await got, []);
  const symbols = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols[0].name, 'acme-clean');
  const sections = symbols[0].children!.map((c) => c.name);
  assert.deepEqual(sections, ['regimes', 'products', 'rules', 'tests']);
  const rules = symbols[0].children!.find((c) => c.name === 'rules')!.children!;
  assert.deepEqual(rules.map((r) => r.name), ['watch-review']);
  assert.equal(rules[0].selectionRange.start.line, 19);
});

test('a quick sequence of edits ends with the diagnostics of the last version, never an older one after it', async () => {
  const uri = fileUri(path.join(folder, 'typing.ecr.yaml'));
  const base = 'ruleset: typing\ntitle: Typing fast\nrules:\n  - id: r\n    citation: x\n    when:\n      items: [{ ccl: true }]\n      destinations: [{ country: RU }]\n    decision: ';
  server.open(uri, `${base}p\n`, 1);
  const words = ['pr', 'pro', 'proh', 'prohi', 'prohib', 'prohibi', 'prohibit', 'prohibite', 'prohibited'];
  const last = words.length + 1;
  const done = server.diagnostics(uri, (_d, p) => p.version === last);
  words.forEach((w, i) => server.change(uri, `${base}${w}\n`, i + 2));
  assert.deepEqual(await done, []);
  // nothing older may follow the last version's publish
  await new Promise((r) => setTimeout(r, 300));
  const mine = server.published.filter((p) => p.uri === uri);
  const idx = mine.findIndex((p) => p.version === last);
  assert.ok(mine.slice(idx + 1).every((p) => (p.version ?? 0) >= last));
  const versions = mine.map((p) => p.version ?? 0);
  assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'published in version order');
});

test('exportRules/checkItem answers from the workspace, with uri and range per rule', async () => {
  const result = await server.request<{ decision: string; matched: { rule: string; uri: string; range: object }[]; sources: string[] }>('exportRules/checkItem', {
    item: { eccn: '7A994' },
    destination: 'Russia',
    date: '2025-01-01',
  });
  // the typing test left a rule making every CCL item to Russia prohibited: the most restrictive wins
  assert.equal(result.decision, 'prohibited');
  const m = result.matched.find((x) => x.rule === 'watch-review');
  assert.ok(m);
  assert.equal(m.uri, fileUri(path.join(folder, 'clean.ecr.yaml')));
  assert.ok(m.range);
  await assert.rejects(server.request('exportRules/checkItem', { item: { eccn: '7A994' }, destination: 'Germny' }), /did you mean DE/);
  // shipment facts travel with the item, and a bad one is an error naming its field
  await assert.rejects(server.request('exportRules/checkItem', { item: { eccn: '7A994', value: -1 }, destination: 'RU' }), /^.*value -1 is not an amount/);
  const outside = await server.request<{ subjectToEar?: boolean; deMinimis?: { outcome: string } }>('exportRules/checkItem', {
    item: { eccn: '7A994', usContent: { percent: 8, eccns: ['7A994'] } },
    destination: 'CN',
    date: '2025-01-01',
  });
  assert.equal(outside.deMinimis?.outcome, 'not-subject-to-ear');
});

test('exportRules/listItems lists products, ECCNs and destinations with the data date', async () => {
  const r = await server.request<{ products: { sku: string }[]; eccns: unknown[]; destinations: { code: string; embargoed: boolean }[]; dataAsOf: string }>('exportRules/listItems', {});
  assert.deepEqual(r.products.map((p) => p.sku), ['FMC-200']);
  assert.equal(r.eccns.length, 634);
  assert.equal(r.destinations.find((d) => d.code === 'CU')?.embargoed, true);
  assert.match(r.dataAsOf, /2026-07-23/);
});

test('a rule file changed on disk is re-read', async () => {
  const file = path.join(folder, 'on-disk.ecr.yaml');
  fs.writeFileSync(file, 'ruleset: disk\ntitle: On disk\nbogus: 1\n');
  const uri = fileUri(file);
  const got = server.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-property'));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
  await got;
  fs.writeFileSync(file, 'ruleset: disk\ntitle: On disk\n');
  const fixed = server.diagnostics(uri, (d) => d.length === 0);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  await fixed;
});

test('custom requests answer when a client sends positional parameters (VS Code passes [params, null])', async () => {
  const r = (await server.connection.sendRequest('exportRules/checkItem', { item: { eccn: '7A994' }, destination: 'DE', date: '2025-01-01' }, null)) as { decision: string };
  assert.equal(r.decision, 'no-license-required');
  const tests = (await server.connection.sendRequest('exportRules/runTests', {}, null)) as unknown[];
  const all = (await server.request('exportRules/runTests', {})) as unknown[];
  assert.deepEqual(tests, all);
  // and with no parameters at all (JSON-RPC allows leaving them out): every test
  assert.deepEqual(await server.connection.sendRequest('exportRules/runTests'), all);
});
