// Fuzz over the live server (dist/server/server.js over stdio): mutated versions of a sample as
// didChange notifications with completion, hover and symbols asked at random positions in
// between, then a burst of hostile documents. Every answer must be valid for the text it was
// asked about, the last diagnostics must be the last version's, and the process must survive.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { CompletionList, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-types';
import { fileUri, startTestServer, type TestServer } from '../protocol/harness';
import { checkRange, corpus, lineLengths } from './core';
import { hostile, mutationArb, mutate } from './gen';

const seed = Number(process.env.FUZZ_SEED ?? 20260924);
let server: TestServer;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-fuzz-server-'));

before(async () => {
  server = await startTestServer({ folder, initializationOptions: { starterPack: 'off' } });
});
after(async () => {
  await server.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

function positionOf(text: string, f: number): { line: number; character: number } {
  const lines = lineLengths(text);
  const line = Math.min(lines.length - 1, Math.floor(f * lines.length));
  return { line, character: Math.floor(((f * 7919) % 1) * (lines[line] + 1)) };
}

function checkDiagnostics(text: string, d: Diagnostic[]): void {
  const lines = lineLengths(text);
  for (const x of d) {
    checkRange(lines, x.range, `diagnostic ${String(x.code)}`);
    assert.equal(x.source, 'export-rules');
    assert.ok(typeof x.message === 'string' && x.message.length > 0);
  }
}

test('mutated versions with requests in between: valid answers, the last version\'s diagnostics', async () => {
  const seeds = corpus().filter((s) => s.text.length < 30_000);
  const uri = fileUri(path.join(folder, 'fuzzed.ecr.yaml'));
  let version = 1;
  let text = seeds[0].text;
  server.open(uri, text, version);
  const versions = fc.sample(
    fc.record({
      seed: fc.integer({ min: 0, max: seeds.length - 1 }),
      ms: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
      probes: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 3 }),
    }),
    { numRuns: 150, seed },
  );
  const pending: Promise<void>[] = [];
  for (const v of versions) {
    text = mutate(seeds[v.seed].text, v.ms);
    server.change(uri, text, ++version);
    const lines = lineLengths(text);
    const asked = text;
    // requests are handled in order after the change: they see this version
    // (all sent now, before the next change, so each is answered about this version)
    const answers = v.probes.flatMap((f) => {
      const position = positionOf(asked, f);
      return [
        server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position }).then((list) => {
          for (const item of list?.items ?? []) if (item.textEdit && 'range' in item.textEdit) checkRange(lines, item.textEdit.range, 'completion edit');
        }),
        server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position }).then((h) => {
          if (h?.range) checkRange(lines, h.range, 'hover');
        }),
      ];
    });
    const symbols = server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }).then((s) => {
      const walk = (xs: DocumentSymbol[]): void => xs.forEach((x) => (checkRange(lines, x.range, 'symbol'), checkRange(lines, x.selectionRange, 'symbol selection'), walk(x.children ?? [])));
      walk(s);
    });
    // every few versions, wait for the answers (the rest pile up, as fast typing does)
    pending.push(...answers, symbols);
    if (version % 10 === 0) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  const last = await server.diagnostics(uri, (_d, p) => p.version === version, 30_000).catch(async () => {
    // the last version may have been published before this waiter: take it from the record
    const p = server.published.filter((x) => x.uri === uri).at(-1);
    assert.equal(p?.version, version);
    return p!.diagnostics;
  });
  checkDiagnostics(text, last);
  const mine = server.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
  assert.deepEqual([...mine].sort((a, b) => a - b), mine, 'versions published in order');
  for (const p of server.published.filter((x) => x.uri === uri)) assert.ok(Array.isArray(p.diagnostics));
  assert.equal(server.process.exitCode, null);
});

test('a burst of hostile documents: each gets its finding, and the server still answers', async () => {
  const cases: [string, string, (codes: string[]) => boolean][] = [
    ['alias-bomb', hostile.aliasBomb(), (c) => c.includes('alias-limit')],
    ['deep-flow', hostile.deepFlow(10_000), (c) => c.includes('too-deep')],
    ['deep-flow-map', hostile.deepFlowMap(10_000), (c) => c.includes('too-deep')],
    ['deep-block', hostile.deepBlock(1_000), (c) => c.includes('too-deep')],
    ['long-line', hostile.longLine(5_000_000), (c) => c.length === 0],
    ['binary', hostile.binary(300_000), (c) => c.length > 0],
    ['nul', 'ruleset: \0\0\0\ntitle: \u202e\u200b\n', (c) => Array.isArray(c)],
  ];
  const waits = cases.map(([name, text, ok]) => {
    const uri = fileUri(path.join(folder, `${name}.ecr.yaml`));
    const got = server.diagnostics(uri, (d) => ok(d.map((x) => String(x.code))), 60_000).then((d) => checkDiagnostics(text, d));
    server.open(uri, text, 1);
    // requests on each at once, before its diagnostics
    const position = { line: 1, character: 5 };
    const asked = Promise.all([
      server.request('textDocument/hover', { textDocument: { uri }, position }),
      server.request('textDocument/completion', { textDocument: { uri }, position }),
      server.request('textDocument/documentSymbol', { textDocument: { uri } }),
    ]);
    return Promise.all([got, asked]);
  });
  await Promise.all(waits);
  const r = await server.request<unknown>('exportRules/checkItem', { item: { eccn: '5A992' }, destination: 'RU', date: '2025-01-01' });
  assert.ok(r && typeof r === 'object');
  assert.equal(server.process.exitCode, null, 'the server process is alive');
});

test('a 20 MiB document: one diagnostic (over the default 20,000,000-byte limit), the server still answers', async () => {
  const uri = fileUri(path.join(folder, 'huge.ecr.yaml'));
  const text = hostile.bigFile(20 * 1024 * 1024);
  const got = server.diagnostics(uri, undefined, 60_000);
  server.open(uri, text, 1);
  const d = await got;
  assert.deepEqual(d.map((x) => x.code), ['file-unreadable']);
  assert.match(d[0].message, /maxFileSize/);
  assert.equal(await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 6 } }), null);
  const cleared = server.diagnostics(uri, (x) => x.length === 0);
  server.close(uri);
  await cleared;
  assert.equal(server.process.exitCode, null);
});
