// The real server over stdio: completion at values and keys of a rule being written (ECCN,
// country, Country Group, a regime defined in another file on disk, a key), and hover on an
// ECCN and a country.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionItem, CompletionList, Hover, MarkupContent, Position, TextEdit } from 'vscode-languageserver-types';
import { fileUri, repoRoot, startTestServer, type TestServer } from './harness';

let server: TestServer;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-complete-'));
const fixture = (name: string) => fs.readFileSync(path.join(repoRoot, 'test/fixtures/completion', `${name}.ecr.yaml`), 'utf8');
const draftUri = fileUri(path.join(folder, 'draft.ecr.yaml'));

/** A rule being written: each probe is the text before a cursor. */
const DRAFT = `ruleset: acme-draft
title: A rule being written
rules:
  - id: draft
    citation: 15 CFR 746.8
    when:
      items:
        - eccn: 3A0
        - eccn: 5A992
      destinations: [{ country: germ }, { countryGroup: "E" }, { regime: stri }]
    dec
`;

before(async () => {
  // the regimes live in another file, on disk only: the server must find them itself
  fs.writeFileSync(path.join(folder, 'other-regimes.ecr.yaml'), fixture('other-regimes'));
  server = await startTestServer({ folder });
  const published = server.diagnostics(draftUri);
  server.open(draftUri, DRAFT, 1);
  await published;
});
after(async () => {
  await server.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** The position just after the n-th occurrence of `before`. */
function after_(before: string): Position {
  const at = DRAFT.indexOf(before);
  assert.ok(at >= 0, before);
  const lines = DRAFT.slice(0, at + before.length).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

async function completeAt(before: string): Promise<CompletionItem[]> {
  const r = await server.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri: draftUri },
    position: after_(before),
  });
  assert.ok(r, 'a completion answer');
  return Array.isArray(r) ? r : r.items;
}

async function hoverAt(before: string): Promise<string> {
  const pos = after_(before);
  const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: draftUri }, position: { line: pos.line, character: pos.character - 1 } });
  assert.ok(h, 'a hover');
  return (h.contents as MarkupContent).value;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

test('an eccn value: ECCNs starting with what is typed, documented', async () => {
  const items = await completeAt('eccn: 3A0');
  assert.ok(items.length > 0);
  assert.ok(labels(items).every((l) => l.startsWith('3A0')), labels(items).join(' '));
  const e = items.find((i) => i.label === '3A001')!;
  assert.ok(e.detail);
  assert.match((e.documentation as MarkupContent).value, /eCFR as of/);
});

test('a country value in a flow list: names find codes', async () => {
  const items = await completeAt('country: germ');
  assert.equal(items[0]?.label, 'DE');
  assert.equal(items[0]?.detail, 'Germany');
});

test('a countryGroup value inside quotes: groups, replacing the quoted text', async () => {
  const items = await completeAt('countryGroup: "E');
  const e1 = items.find((i) => i.label === 'E:1');
  assert.ok(e1);
  const edit = e1.textEdit as TextEdit;
  assert.equal(edit.newText, '"E:1"');
  assert.equal(edit.range.end.character - edit.range.start.character, '"E"'.length);
});

test('a regime value: the regime defined in another file of the workspace', async () => {
  const items = await completeAt('regime: stri');
  assert.ok(labels(items).includes('strict-embargo'), labels(items).join(' '));
});

test('a key position inside a rule: the keys not yet written', async () => {
  const items = await completeAt('    dec');
  assert.ok(labels(items).includes('decision'));
  assert.ok(!labels(items).includes('citation'));
});

test('hover on an ECCN and on a country', async () => {
  const eccn = await hoverAt('eccn: 5A992');
  assert.match(eccn, /^\*\*5A992\*\*/);
  assert.match(eccn, /A licence is needed to \d+ destinations? by the Country Chart/);
  assert.match(eccn, /_Data: eCFR as of 2026-07-23 \/ 2026-09-24 — reference only, not legal advice\._$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-hover-'));
  try {
    const uri = fileUri(path.join(dir, 'h.ecr.yaml'));
    const text = 'ruleset: h\ntitle: H\nregimes:\n  r:\n    countries: [RU]\n';
    const published = server.diagnostics(uri);
    server.open(uri, text, 1);
    await published;
    const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 17 } });
    assert.ok(h);
    assert.match((h.contents as MarkupContent).value, /^\*\*RU\*\* — Russia/);
    assert.deepEqual(h.range, { start: { line: 4, character: 16 }, end: { line: 4, character: 18 } });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
