// Parties over the real server: a listed party's warning with its quick fix (an insertion
// elsewhere in the file), the hover, and the screening list setting.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, Hover } from 'vscode-languageserver-types';
import { fileUri, repoRoot, startTestServer, type TestServer } from './harness';

let server: TestServer;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-parties-'));

before(async () => {
  // the user's list file, relative to the workspace folder
  fs.copyFileSync(path.join(repoRoot, 'test/fixtures/screening/consolidated.json'), path.join(folder, 'consolidated.json'));
  server = await startTestServer({ folder, initializationOptions: { screeningList: 'consolidated.json', screeningThreshold: 0.86 } });
});
after(async () => {
  await server.stop();
});

const text = fs.readFileSync(path.join(repoRoot, 'test/fixtures/parties/parties.ecr.yaml'), 'utf8');

test('a listed party gets a warning naming the entry, the list file and its date, and a quick fix that records a clearance', async () => {
  const uri = fileUri(path.join(folder, 'parties.ecr.yaml'));
  const got = server.diagnostics(uri, (d) => d.some((x) => x.code === 'party-listed'));
  server.open(uri, text);
  const d = await got;
  const listed = d.filter((x) => x.code === 'party-listed');
  assert.equal(listed.length, 2, listed.map((x) => x.message).join('\n'));
  const hebei = listed.find((x) => x.range.start.line === 6)!;
  assert.equal(hebei.severity, 2);
  assert.deepEqual([hebei.range.start.character, hebei.range.end.character], [10, 58]);
  assert.match(hebei.message, /Entity List entry "China Electronics Technology Group Corporation 13th Research Institute \(CETC 13\)"/);
  assert.match(hebei.message, /\(consolidated\.json, list of 2026-08-13\)$/);
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: hebei.range,
    context: { diagnostics: [hebei] },
  });
  const fix = actions.find((a) => a.title.startsWith('Record "China Electronics'))!;
  const edit = fix.edit!.changes![uri][0];
  // inserted after the party's last line (role: end-user), not over the name
  assert.deepEqual(edit.range, { start: { line: 8, character: 18 }, end: { line: 8, character: 18 } });
  assert.match(edit.newText, /^\n {4}clearances:\n {6}- entry: 99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be\n/);
  assert.match(edit.newText, /\n {8}listVersion: 2026-08-13\n {8}entryHash: 44ea81cfa0da$/);
});

test('hover on a party name shows the list entry as listed', async () => {
  const uri = fileUri(path.join(folder, 'parties.ecr.yaml'));
  const h = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 14 } });
  const value = (h.contents as { value: string }).value;
  assert.match(value, /^\*\*Screening of `hebei-semi`\*\*/);
  assert.match(value, /List: consolidated\.json, 2026-08-13\./);
});

test("exportRules/listItems lists the workspace's parties for Check Item's party step", async () => {
  const uri = fileUri(path.join(folder, 'customers.ecr.yaml'));
  const got = server.diagnostics(uri, () => true);
  server.open(uri, 'ruleset: customers\ntitle: Customers\njurisdiction: INTERNAL\nparties:\n  - id: maple-telecom\n    name: Maple Leaf Telecom Distribution Inc.\n    country: CA\n    role: customer\n  - id: no-name-yet\n');
  await got;
  const r = await server.request<{ parties: { id: string; name?: string; country?: string; role?: string; ruleset: string; uri: string; range: { start: { line: number } } }[] }>('exportRules/listItems', {});
  const mine = r.parties.filter((p) => p.uri === uri);
  assert.deepEqual(
    mine.map((p) => [p.id, p.name, p.country, p.role, p.ruleset, p.range.start.line]),
    [
      ['maple-telecom', 'Maple Leaf Telecom Distribution Inc.', 'CA', 'customer', 'customers', 4],
      ['no-name-yet', undefined, undefined, undefined, 'customers', 8],
    ],
  );
  // the parties of the other open file are listed too, in file order
  assert.deepEqual(r.parties.filter((p) => p.ruleset === 'acme-parties').map((p) => p.id), ['hebei-semi', 'bnc-zurich', 'sme-bank', 'nordwind']);
});
