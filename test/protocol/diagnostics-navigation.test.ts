// The real server over stdio: domain diagnostics and their quick fixes (codeAction), then
// definition, references, rename and workspace symbols across two rule files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic, Location, Range, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { fileUri, repoRoot, startTestServer, type TestServer } from './harness';

let server: TestServer;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-nav-'));
const fixture = (p: string) => fs.readFileSync(path.join(repoRoot, 'test/fixtures', p), 'utf8');

const regimesUri = fileUri(path.join(folder, 'regimes.ecr.yaml'));
const rulesUri = fileUri(path.join(folder, 'codes.ecr.yaml'));
const texts = new Map<string, string>();
const versions = new Map<string, number>();

before(async () => {
  server = await startTestServer({ folder });
});
after(async () => {
  // The harness's stop() sends `exit` without awaiting it, and disposing the connection under
  // that write can surface as an unhandled rejection; stop in order here instead.
  await Promise.race([server.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]).catch(() => undefined);
  await server.connection.sendNotification('exit').catch(() => undefined);
  await new Promise<void>((resolve) => {
    if (server.process.exitCode !== null) return resolve();
    const timer = setTimeout(() => {
      server.process.kill();
      resolve();
    }, 2000);
    server.process.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  server.connection.dispose();
  fs.rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
});

function offsetAt(text: string, p: { line: number; character: number }): number {
  const lines = text.split('\n');
  return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const e of sorted) text = text.slice(0, offsetAt(text, e.range.start)) + e.newText + text.slice(offsetAt(text, e.range.end));
  return text;
}

function textAt(uri: string, range: Range): string {
  const t = texts.get(uri)!;
  return t.slice(offsetAt(t, range.start), offsetAt(t, range.end));
}

/** The position of the n-th occurrence (0-based) of `needle` in a file, plus `delta` characters. */
function positionOf(uri: string, needle: string, nth = 0, delta = 1): { line: number; character: number } {
  const t = texts.get(uri)!;
  let at = -1;
  for (let i = 0; i <= nth; i++) at = t.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} #${nth} in ${uri}`);
  const before = t.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

async function openAndWait(uri: string, text: string, pred: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  texts.set(uri, text);
  versions.set(uri, 1);
  const got = server.diagnostics(uri, pred);
  server.open(uri, text, 1);
  return got;
}

async function changeAndWait(uri: string, text: string, pred: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const version = (versions.get(uri) ?? 1) + 1;
  texts.set(uri, text);
  versions.set(uri, version);
  const got = server.diagnostics(uri, (d, p) => p.version === version && pred(d));
  server.change(uri, text, version);
  return got;
}

const show = (ls: Location[]) => ls.map((l) => `${path.basename(l.uri)}:${l.range.start.line + 1} ${textAt(l.uri, l.range)}`);

test('domain diagnostics with exact ranges, and their preferred quick fixes give the golden file', async () => {
  await openAndWait(regimesUri, fixture('domain/shared/regimes.ecr.yaml'), (d) => d.length === 0);
  const text = fixture('quickfix/codes.ecr.yaml');
  const diagnostics = await openAndWait(rulesUri, text, (d) => d.some((x) => x.code === 'unknown-regime'));
  const byCode = (code: string) => diagnostics.filter((d) => d.code === code).map((d) => textAt(rulesUri, d.range));
  assert.deepEqual(byCode('unknown-country'), ['Estonai', '"lv"', 'Germny', 'ru']);
  assert.deepEqual(byCode('unknown-regime'), ['russia-belarussia']);
  assert.deepEqual(byCode('unknown-product'), ['FMC-20']);
  assert.deepEqual(byCode('unknown-country-group'), ['D5', 'E: 1', '"e:2"']);
  assert.deepEqual(byCode('unknown-rule'), ['telecom-to-rusia']);
  const germny = diagnostics.find((d) => textAt(rulesUri, d.range) === 'Germny')!;
  assert.match(germny.message, /did you mean DE \(Germany\)/);
  assert.equal(germny.source, 'export-rules');
  assert.equal(germny.severity, 1);

  const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: rulesUri },
    range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } },
    context: { diagnostics },
  });
  const forGermny = actions.filter((a) => a.diagnostics?.[0]?.message === germny.message);
  assert.deepEqual(forGermny.map((a) => [a.title, a.kind, a.isPreferred === true]), [['Change to DE (Germany)', 'quickfix', true]]);
  const edits = actions.filter((a) => a.isPreferred).flatMap((a) => a.edit?.changes?.[rulesUri] ?? []);
  const fixed = applyEdits(text, edits);
  assert.equal(fixed, fixture('quickfix/codes.fixed.ecr.yaml'));
  assert.deepEqual(await changeAndWait(rulesUri, fixed, () => true), []);
});

test('a failing rule test is an error on its name, naming the deciding rule', async () => {
  const text = texts.get(rulesUri)!.replace('expect: license-required\n    decidedBy: [telecom-to-russia]', 'expect: no-license-required');
  const d = await changeAndWait(rulesUri, text, (x) => x.some((y) => y.code === 'failing-test'));
  const failing = d.find((x) => x.code === 'failing-test')!;
  assert.equal(textAt(rulesUri, failing.range), 'smartphones to Russia');
  assert.match(failing.message, /^expected no-license-required, got license-required \(decided by quickfix-codes\/telecom-to-russia/);
  assert.deepEqual(await changeAndWait(rulesUri, texts.get(rulesUri)!.replace('expect: no-license-required', 'expect: license-required'), () => true), []);
});

test('definition of a regime and a product used in one file lands in the other', async () => {
  const regime = await server.request<Location[]>('textDocument/definition', { textDocument: { uri: rulesUri }, position: positionOf(rulesUri, 'russia-belarus') });
  assert.deepEqual(show(regime), ['regimes.ecr.yaml:9 russia-belarus']);
  const product = await server.request<Location[]>('textDocument/definition', { textDocument: { uri: rulesUri }, position: positionOf(rulesUri, 'FMC-200') });
  assert.deepEqual(show(product), ['regimes.ecr.yaml:20 FMC-200']);
});

test('references on a regime definition list its uses in both files', async () => {
  const params = (includeDeclaration: boolean) => ({
    textDocument: { uri: regimesUri },
    position: positionOf(regimesUri, 'russia-belarus:'),
    context: { includeDeclaration },
  });
  // the starter pack (layered: these files hold no US-EAR rules) uses the regime too: its rules
  // now use this definition, so its uses are listed after the workspace's
  const own = (ls: Location[]) => ls.filter((l) => texts.has(l.uri));
  const uses = await server.request<Location[]>('textDocument/references', params(false));
  assert.deepEqual(show(own(uses)), ['codes.ecr.yaml:23 russia-belarus']);
  assert.ok(uses.slice(1).length > 0 && uses.slice(1).every((l) => /\/samples\/starter\/ear-[a-z-]+\.ecr\.yaml$/.test(l.uri)), 'then the pack files');
  const all = await server.request<Location[]>('textDocument/references', params(true));
  assert.deepEqual(show(own(all)), ['regimes.ecr.yaml:9 russia-belarus', 'codes.ecr.yaml:23 russia-belarus']);
});

test('rename a regime across both files; an invalid name is refused', async () => {
  const position = positionOf(rulesUri, 'russia-belarus');
  const prepared = await server.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: rulesUri }, position });
  assert.equal(prepared.placeholder, 'russia-belarus');
  await assert.rejects(
    server.request('textDocument/rename', { textDocument: { uri: rulesUri }, position, newName: 'Russia and Belarus' }),
    /cannot be a regime id/,
  );
  const edit = await server.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: rulesUri }, position, newName: 'ru-by' });
  assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [rulesUri, regimesUri].sort());
  const newRegimes = applyEdits(texts.get(regimesUri)!, edit.changes![regimesUri]);
  const newRules = applyEdits(texts.get(rulesUri)!, edit.changes![rulesUri]);
  assert.ok(newRegimes.includes('\n  ru-by:\n') && newRules.includes('{ regime: ru-by }'));
  const regimesClean = changeAndWait(regimesUri, newRegimes, () => true);
  const rulesClean = changeAndWait(rulesUri, newRules, (d) => !d.some((x) => x.code === 'unknown-regime'));
  assert.deepEqual(await regimesClean, []);
  assert.deepEqual(await rulesClean, []);
});

test('workspace symbols: rules, regimes and products by query', async () => {
  const symbols = await server.request<SymbolInformation[]>('workspace/symbol', { query: 'telecom' });
  assert.deepEqual(symbols.map((s) => s.name), ['quickfix-codes/telecom-to-russia — Telecom to Russia and Belarus']);
  assert.equal(symbols[0].location.uri, rulesUri);
  const regimes = await server.request<SymbolInformation[]>('workspace/symbol', { query: 'ru-by' });
  assert.ok(regimes.some((s) => s.name === 'ru-by — Russia and Belarus' && s.location.uri === regimesUri));
  const products = await server.request<SymbolInformation[]>('workspace/symbol', { query: 'fab-chip' });
  assert.deepEqual(products.map((s) => s.name), ['FAB-CHIP-7 — Foreign-made logic chip (made abroad with US technology)']);
});
