// Protocol stress on the real server over stdio: bursts of edits, requests for documents the
// server does not have, positions out of range, cancellation, checks during edits, and many
// files changed on disk at once. After each, the server must still answer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fileUri, repoRoot, startTestServer, type TestServer } from './harness';

let server: TestServer;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-stress-'));

const ruleFile = (opts: { ruleset?: string; decision?: string; title?: string; jurisdiction?: string; eccn?: string; country?: string } = {}) =>
  [
    `ruleset: ${opts.ruleset ?? 'stress'}`,
    `title: ${opts.title ?? 'Stress'}`,
    `jurisdiction: ${opts.jurisdiction ?? 'US-EAR'}`,
    'rules:',
    '  - id: smartphones',
    '    citation: 15 CFR 746.8(a)(1)',
    '    when:',
    `      items: [{ eccn: ${opts.eccn ?? '5A992'} }]`,
    `      destinations: [{ country: ${opts.country ?? 'RU'} }]`,
    `    decision: ${opts.decision ?? 'license-required'}`,
    '',
  ].join('\n');

before(async () => {
  server = await startTestServer({ folder, initializationOptions: { starterPack: 'off' } });
});
after(async () => {
  await server.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function stillAnswers(): Promise<void> {
  assert.equal(server.process.exitCode, null, 'the server process is alive');
  const r = await server.request<unknown[]>('workspace/symbol', { query: '' });
  assert.ok(Array.isArray(r));
}

function versionsInOrder(uri: string): void {
  const versions = server.published.filter((p) => p.uri === uri && p.version !== undefined).map((p) => p.version!);
  assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'no publish for an older version after a newer one');
}

test('1,000 changes in a burst: the diagnostics published last are the last version\'s, in version order', async () => {
  const uri = fileUri(path.join(folder, 'burst.ecr.yaml'));
  server.open(uri, ruleFile(), 1);
  const last = 1001;
  // only the last version has a mistake: an invalid jurisdiction
  const done = server.diagnostics(uri, (_d, p) => p.version === last, 30_000);
  for (let v = 2; v <= last; v++) server.change(uri, ruleFile(v === last ? { jurisdiction: 'NOWHERE' } : { title: `Stress ${v}` }), v);
  const d = await done;
  assert.deepEqual(d.map((x) => x.code), ['invalid-value']);
  assert.equal(d[0].range.start.line, 2);
  await stillAnswers(); // everything sent before has been handled by now
  versionsInOrder(uri);
  const mine = server.published.filter((p) => p.uri === uri);
  assert.equal(mine.at(-1)!.version, last);
  console.log(`1,000 changes: ${mine.length} publishes`);
});

test('requests for unknown, closed and non-rule documents answer empty, never fail', async () => {
  const closed = fileUri(path.join(folder, 'closed.ecr.yaml'));
  server.open(closed, ruleFile({ ruleset: 'closed' }), 1);
  await server.diagnostics(closed);
  const cleared = server.diagnostics(closed, (d) => d.length === 0);
  server.close(closed);
  await cleared;
  const uris = [closed, fileUri(path.join(folder, 'never-opened.ecr.yaml')), 'untitled:Untitled-1', fileUri(path.join(folder, 'notes.txt')), 'file:///%E0%A4%A.ecr.yaml'];
  for (const uri of uris) {
    const textDocument = { uri };
    const position = { line: 0, character: 0 };
    assert.equal(await server.request('textDocument/hover', { textDocument, position }), null, uri);
    assert.equal(await server.request('textDocument/completion', { textDocument, position }), null, uri);
    assert.deepEqual(await server.request('textDocument/documentSymbol', { textDocument }), [], uri);
    assert.deepEqual(await server.request('textDocument/definition', { textDocument, position }), [], uri);
    assert.deepEqual(await server.request('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }), [], uri);
    assert.deepEqual(await server.request('textDocument/codeLens', { textDocument }), [], uri);
    assert.equal(await server.request('textDocument/prepareRename', { textDocument, position }), null, uri);
  }
  await stillAnswers();
});

test('positions out of range (past the end, huge, negative) answer without an error', async () => {
  const uri = fileUri(path.join(folder, 'positions.ecr.yaml'));
  server.open(uri, ruleFile({ ruleset: 'positions' }), 1);
  await server.diagnostics(uri);
  const textDocument = { uri };
  const positions = [
    { line: 3, character: 10_000 },
    { line: 10_000, character: 0 },
    { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
    { line: -1, character: -5 },
    { line: 1.5, character: 0.5 },
  ];
  for (const position of positions) {
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/prepareRename']) {
      const r = await server.request<unknown>(method, { textDocument, position });
      assert.ok(r === null || typeof r === 'object', `${method} at ${JSON.stringify(position)}`);
    }
  }
  await stillAnswers();
});

test('$/cancelRequest: a request cancelled while the server is busy returns promptly, cancelled or empty', async () => {
  const uri = fileUri(path.join(folder, 'slow.ecr.yaml'));
  const rule = (i: number) => `  - id: r${i}\n    citation: x\n    when:\n      items: [{ eccn: "5A992" }]\n      destinations: [{ country: RU }]\n    decision: license-required\n`;
  const big = `ruleset: slow\ntitle: Slow\nrules:\n${Array.from({ length: 6000 }, (_, i) => rule(i)).join('')}`;
  server.open(uri, big, 1);
  await server.diagnostics(uri, (_d, p) => p.version === 1, 60_000);
  // a new version: the first request must analyse it (slow); the ones queued behind are cancelled
  server.change(uri, big.replace('title: Slow', 'title: Slower'), 2);
  const busy = server.request<unknown>('textDocument/documentSymbol', { textDocument: { uri } });
  const uncancelled = server.request<unknown>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 6 } });
  const cancelled: Promise<unknown>[] = [];
  for (let i = 0; i < 5; i++) {
    const source = new CancellationTokenSource();
    cancelled.push(
      server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 10 } }, source.token).then(
        (r) => r,
        (err: { code?: number }) => err,
      ),
    );
    source.cancel();
  }
  // custom requests too: a cancelled check is not run
  const checks: Promise<unknown>[] = [];
  for (let i = 0; i < 3; i++) {
    const source = new CancellationTokenSource();
    checks.push(
      server.connection.sendRequest('exportRules/checkItem', { item: { eccn: '5A992' }, destination: 'RU' }, source.token).then(
        (r) => r,
        (err: { code?: number }) => err,
      ),
    );
    source.cancel();
  }
  assert.ok(Array.isArray(await busy));
  for (const r of await Promise.all(checks)) assert.equal((r as { code?: number }).code, -32800, `cancelled check answered ${JSON.stringify(r)?.slice(0, 200)}`);
  assert.ok(await uncancelled, 'the same hover, not cancelled, has an answer');
  for (const r of await Promise.all(cancelled)) {
    // vscode-jsonrpc: RequestCancelled (-32800), or the handler's empty answer
    const ok = r === null || (typeof r === 'object' && r !== null && (r as { code?: number }).code === -32800);
    assert.ok(ok, `cancelled request answered ${JSON.stringify(r)?.slice(0, 200)}`);
  }
  await stillAnswers();
  const cleared = server.diagnostics(uri, (d) => d.length === 0);
  server.close(uri);
  await cleared;
});

test('exportRules.maxFileSize: a larger open document gets one diagnostic and is not read, by requests either', async () => {
  const small = await startTestServer({ folder, initializationOptions: { starterPack: 'off', maxFileSize: 5_000 } });
  try {
    const uri = fileUri(path.join(folder, 'large.ecr.yaml'));
    const text = `${ruleFile({ ruleset: 'large' })}# ${'x'.repeat(6_000)}\n`;
    const got = small.diagnostics(uri);
    small.open(uri, text, 1);
    const d = await got;
    assert.deepEqual(d.map((x) => x.code), ['file-unreadable']);
    assert.match(d[0].message, /larger than 5000 bytes.*maxFileSize/);
    // a request for it does not parse it behind the limit's back
    assert.equal(await small.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 6 } }), null);
    assert.deepEqual(await small.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    // cut below the limit, it is read again
    const ok = small.diagnostics(uri, (_d, p) => p.version === 2);
    small.change(uri, ruleFile({ ruleset: 'large' }), 2);
    assert.deepEqual(await ok, []);
    assert.ok(await small.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 6 } }));
  } finally {
    await small.stop();
  }
});

test('a rule file on disk that is not UTF-8: one file-unreadable diagnostic, not mangled text', async () => {
  const file = path.join(folder, 'latin1.ecr.yaml');
  fs.writeFileSync(file, Buffer.from('ruleset: caf\xe9\ntitle: Caf\xe9\n', 'latin1'));
  const uri = fileUri(file);
  const got = server.diagnostics(uri);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
  const d = await got;
  // exactly one diagnostic, linked to its section of docs/diagnostics.md
  assert.deepEqual(
    d.map((x) => [x.code, x.severity, x.message, x.codeDescription?.href]),
    [['file-unreadable', 1, 'The file is not valid UTF-8 text; it is not read (save it as UTF-8).', `${fileUri(path.join(repoRoot, 'docs/diagnostics.md'))}#file-unreadable`]],
  );
  assert.deepEqual(await server.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
  // saved as UTF-8, it is read
  fs.writeFileSync(file, 'ruleset: cafe\ntitle: Café\n');
  const fixed = server.diagnostics(uri, (x) => !x.some((y) => y.code === 'file-unreadable'));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  await fixed;
  fs.rmSync(file);
  const gone = server.diagnostics(uri, (x) => x.length === 0);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
  await gone;
});

test('a named pipe named like a rule file is reported, not read (reading would block the server)', async (t) => {
  const fifo = path.join(folder, 'pipe.ecr.yaml');
  if (spawnSync('mkfifo', [fifo]).status !== 0) {
    t.skip('mkfifo is not available');
    return;
  }
  const uri = fileUri(fifo);
  const got = server.diagnostics(uri);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
  const answered = await Promise.race([server.request<unknown[]>('workspace/symbol', { query: '' }).then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
  assert.equal(answered, true, 'the server still answers');
  const d = await got;
  assert.deepEqual(d.map((x) => x.code), ['file-unreadable']);
  assert.match(d[0].message, /not a regular file/);
  fs.rmSync(fifo);
});

test('nonsense initialization options fall back to the defaults', async () => {
  const odd = await startTestServer({ folder, initializationOptions: { maxFileSize: 'big', extraFiles: 'not a list', clientSelectsFiles: 'yes', starterPack: 42 } });
  try {
    const uri = fileUri(path.join(folder, 'odd.ecr.yaml'));
    const got = odd.diagnostics(uri);
    odd.open(uri, ruleFile({ ruleset: 'odd' }), 1);
    assert.deepEqual(await got, []);
  } finally {
    await odd.stop();
  }
});

test('checkItem concurrent with edits: every answer is a determination of some version; after the edits, of the last', async () => {
  const uri = fileUri(path.join(folder, 'concurrent.ecr.yaml'));
  // an item and destination no other file of this session has rules for
  const mine = (decision: string) => ruleFile({ ruleset: 'concurrent', decision, eccn: '9A991', country: 'IS' });
  server.open(uri, mine('license-required'), 1);
  await server.diagnostics(uri, (_d, p) => p.version === 1);
  const decisions = ['prohibited', 'license-required', 'no-license-required'];
  const answers: Promise<{ decision: string }>[] = [];
  let v = 1;
  for (let i = 0; i < 60; i++) {
    v++;
    server.change(uri, mine(decisions[i % 3]), v);
    answers.push(server.request('exportRules/checkItem', { item: { eccn: '9A991' }, destination: 'IS', date: '2025-01-01' }));
  }
  for (const a of await Promise.all(answers)) assert.ok(decisions.includes(a.decision));
  const final = decisions[59 % 3];
  await server.diagnostics(uri, (_d, p) => p.version === v);
  const after = await server.request<{ decision: string; matched: { rule: string }[] }>('exportRules/checkItem', { item: { eccn: '9A991' }, destination: 'IS', date: '2025-01-01' });
  assert.equal(after.decision, final);
  // bad inputs in the middle of it are errors, not crashes
  await assert.rejects(server.request('exportRules/checkItem', { item: 'not an object', destination: 42 }));
  await assert.rejects(server.request('exportRules/checkItem', null));
  await stillAnswers();
  const cleared = server.diagnostics(uri, (d) => d.length === 0);
  server.close(uri);
  await cleared;
});

test('50 rule files changed on disk at once: all re-read, diagnostics for each', async () => {
  const dir = path.join(folder, 'many');
  fs.mkdirSync(dir);
  const files = Array.from({ length: 50 }, (_, i) => path.join(dir, `file-${String(i).padStart(2, '0')}.ecr.yaml`));
  files.forEach((f, i) => fs.writeFileSync(f, ruleFile({ ruleset: `many-${i}` })));
  // the same rule in every file: hints (duplicate rules), no errors
  let waits = files.map((f) => server.diagnostics(fileUri(f), (d) => !d.some((x) => x.severity === 1), 30_000));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: files.map((f) => ({ uri: fileUri(f), type: 1 })) });
  await Promise.all(waits);
  // now all of them change at once, each to a mistake of its own line
  files.forEach((f, i) => fs.writeFileSync(f, ruleFile({ ruleset: `many-${i}`, decision: `wrong-${i}` })));
  const seen = new Map<string, PublishDiagnosticsParams>();
  waits = files.map((f) =>
    server.diagnostics(fileUri(f), (d, p) => {
      const hit = d.length === 1 && d[0].code === 'invalid-value';
      if (hit) seen.set(p.uri, p);
      return hit;
    }, 30_000),
  );
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: files.map((f) => ({ uri: fileUri(f), type: 2 })) });
  await Promise.all(waits);
  assert.equal(seen.size, 50);
  // and all deleted at once: each is cleared
  files.forEach((f) => fs.rmSync(f));
  waits = files.map((f) => server.diagnostics(fileUri(f), (d) => d.length === 0, 30_000));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: files.map((f) => ({ uri: fileUri(f), type: 3 })) });
  await Promise.all(waits);
  await stillAnswers();
});
