// Security, proven on the real processes: the language server and the CLI run with a preload
// (`--require`) that records and refuses every network call and records every file write and
// child process; an LSP session and every CLI command then run over hostile rule files (remote
// `$ref`/`$schema` looking values, code tags, __proto__ keys). Also: the server reads only
// files under its workspace folder (a symlink pointing out is not followed).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileUri, repoRoot, startTestServer, type TestServer } from './harness';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-security-'));
const trap = path.join(tmp, 'trap.cjs');
const bin = path.join(repoRoot, 'bin/export-rules.js');

// Written as plain CommonJS: it runs before anything else in the process under test.
fs.writeFileSync(
  trap,
  `'use strict';
const fs = require('fs');
// the log is opened before anything is patched and written by descriptor (writeSync is not trapped)
const fd = process.env.ECR_TRAP_LOG ? fs.openSync(process.env.ECR_TRAP_LOG, 'a') : -1;
const writeSync = fs.writeSync;
const record = (kind, what) => { if (fd !== -1) writeSync(fd, JSON.stringify({ kind, what: String(what).slice(0, 300), pid: process.pid }) + '\\n'); };
const refuse = (name) => function () { record('network', name + ' ' + JSON.stringify([...arguments].map((a) => (typeof a === 'function' ? 'fn' : a))).slice(0, 200)); throw new Error('network refused by the test trap: ' + name); };
const net = require('net');
net.Socket.prototype.connect = refuse('net.Socket.connect');
net.connect = refuse('net.connect');
net.createConnection = refuse('net.createConnection');
const tls = require('tls');
tls.connect = refuse('tls.connect');
for (const m of ['http', 'https']) { const mod = require(m); mod.request = refuse(m + '.request'); mod.get = refuse(m + '.get'); }
const dns = require('dns');
for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) { dns[f] = refuse('dns.' + f); if (dns.promises) dns.promises[f] = refuse('dns.promises.' + f); }
if (typeof globalThis.fetch === 'function') globalThis.fetch = refuse('fetch');
const dgram = require('dgram');
dgram.createSocket = refuse('dgram.createSocket');
// writes and child processes are recorded, not refused: the assertion is that none happen
const written = (name, flagsAt) => (orig) => function (p) { const flags = flagsAt === undefined ? 'w' : arguments[flagsAt]; if (typeof p !== 'number' && (flagsAt === undefined || /[wa+]/.test(String(flags ?? '')))) record('write', name + ' ' + p); return orig.apply(this, arguments); };
for (const f of ['writeFileSync', 'writeFile', 'appendFile', 'createWriteStream', 'mkdirSync', 'mkdir', 'renameSync', 'rename', 'unlinkSync', 'unlink', 'rmSync', 'rm', 'copyFileSync', 'copyFile', 'symlinkSync', 'truncateSync'])
  fs[f] = written('fs.' + f)(fs[f]);
fs.appendFileSync = written('fs.appendFileSync')(fs.appendFileSync);
fs.openSync = written('fs.openSync', 1)(fs.openSync);
fs.open = written('fs.open', 1)(fs.open);
for (const f of ['writeFile', 'appendFile', 'mkdir', 'rm', 'rename', 'unlink', 'copyFile']) fs.promises[f] = written('fs.promises.' + f)(fs.promises[f]);
fs.promises.open = written('fs.promises.open', 1)(fs.promises.open);
const cp = require('child_process');
for (const f of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) { const orig = cp[f]; cp[f] = function (c) { record('process', f + ' ' + c); return orig.apply(this, arguments); }; }
`,
);

interface TrapEntry {
  kind: 'network' | 'write' | 'process';
  what: string;
}
function readTrap(log: string): TrapEntry[] {
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as TrapEntry) : [];
}

/** Hostile but plausible rule files: remote-looking schema references, code tags, prototype keys. */
const hostileFiles: Record<string, string> = {
  'refs.ecr.yaml': [
    '# yaml-language-server: $schema=http://127.0.0.1:9/evil.schema.json',
    '$schema: https://127.0.0.1:9/schema.json',
    '$ref: http://127.0.0.1:9/ref.json',
    'ruleset: refs',
    'title: { $ref: "https://127.0.0.1:9/title.json" }',
    'jurisdiction: US-EAR',
    'description: see https://127.0.0.1:9/ and //127.0.0.1:9/share',
    'rules:',
    '  - id: r',
    '    citation: https://www.ecfr.gov/current/title-15',
    '    when:',
    '      items: [{ $ref: "#/definitions/itemSelector" }]',
    '      destinations: [{ country: RU }]',
    '    decision: license-required',
    '',
  ].join('\n'),
  'tags.ecr.yaml': [
    'ruleset: tags',
    'title: !!js/function "function () { require(\'fs\').writeFileSync(\'pwned\', \'x\') }"',
    'jurisdiction: !!python/object/apply:os.system ["touch pwned"]',
    'description: !<tag:yaml.org,2002:js/undefined> ""',
    'notes: !!binary aGVsbG8=',
    '__proto__: { polluted: yes }',
    'constructor: { prototype: { polluted: yes } }',
    'rules:',
    '  - id: p',
    '    citation: x',
    '    when:',
    '      items: [{ __proto__: { ccl: true } }]',
    '      destinations: [{ country: RU }]',
    '    decision: prohibited',
    '',
  ].join('\n'),
};

const work = path.join(tmp, 'work');
before(() => {
  fs.mkdirSync(work);
  for (const [name, text] of Object.entries(hostileFiles)) fs.writeFileSync(path.join(work, name), text);
  fs.copyFileSync(path.join(repoRoot, 'samples/russia-belarus.ecr.yaml'), path.join(work, 'russia-belarus.ecr.yaml'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('the trap works: a network call under it is recorded and refused', () => {
  const log = path.join(tmp, 'control.log');
  const r = spawnSync(process.execPath, ['--require', trap, '-e', "require('http').get('http://127.0.0.1:9/'); "], { env: { ...process.env, ECR_TRAP_LOG: log }, encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /network refused by the test trap/);
  assert.deepEqual(readTrap(log).map((e) => e.kind), ['network']);
  // and writes and child processes are recorded
  const log2 = path.join(tmp, 'control2.log');
  const script = `require('fs').writeFileSync(${JSON.stringify(path.join(tmp, 'w.txt'))}, 'x'); require('fs').promises.mkdir(${JSON.stringify(path.join(tmp, 'd'))}); require('child_process').spawnSync(process.execPath, ['-v'])`;
  const r2 = spawnSync(process.execPath, ['--require', trap, '-e', script], { env: { ...process.env, ECR_TRAP_LOG: log2 }, encoding: 'utf8' });
  assert.equal(r2.status, 0, r2.stderr);
  assert.deepEqual(readTrap(log2).map((e) => e.kind), ['write', 'write', 'process']);
});

/** Every file under `dir` with its size and mtime, to see that nothing was added or changed. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const st = fs.lstatSync(p);
      out.set(path.relative(dir, p), `${st.size}:${st.mtimeMs}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

test('the CLI (validate, check, check --batch, test, matrix, diff) makes no network connection, starts no process and writes nothing', () => {
  const log = path.join(tmp, 'cli.log');
  const batch = path.join(tmp, 'batch.csv');
  fs.writeFileSync(batch, `5A992,RU\n${'x'.repeat(70_000)},RU\n{"item": {"eccn": "7A994"}, "destination": "http://127.0.0.1:9/"}\n`);
  const before = snapshot(work);
  const runs = [
    ['validate'],
    ['validate', '--format', 'sarif'],
    ['validate', '--format', 'json', 'refs.ecr.yaml', 'tags.ecr.yaml'],
    ['check', '--eccn', '5A992', '--to', 'RU', '--json'],
    ['check', '--eccn', '5A992', '--to', 'RU', '--rules', '.', '--starter-pack', 'always'],
    ['check', '--batch', batch],
    ['test'],
    ['matrix', '--eccn', '5A992', '--format', 'html'],
    ['diff', '--base-rules', '.', '--format', 'json'],
  ];
  for (const args of runs) {
    const r = spawnSync(process.execPath, ['--require', trap, bin, ...args], { cwd: work, env: { ...process.env, ECR_TRAP_LOG: log }, encoding: 'utf8', timeout: 60_000 });
    assert.ok(r.status === 0 || r.status === 1, `export-rules ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /network refused/);
  }
  assert.ok(fs.existsSync(log), 'the trap was loaded (it opens its log)');
  assert.deepEqual(readTrap(log), [], 'nothing recorded');
  assert.deepEqual(snapshot(work), before, 'the working folder is unchanged');
  assert.ok(!fs.existsSync(path.join(work, 'pwned')));
});

let server: TestServer | undefined;
const saved = process.env.NODE_OPTIONS;
after(async () => {
  await server?.stop();
});

test('an LSP session over hostile files makes no network connection, starts no process and writes nothing', async () => {
  const log = path.join(tmp, 'server.log');
  // the harness starts the server with this process's environment
  process.env.NODE_OPTIONS = `${saved ?? ''} --require ${trap}`.trim();
  process.env.ECR_TRAP_LOG = log;
  try {
    server = await startTestServer({ folder: work, initializationOptions: { starterPack: 'auto' } });
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
    delete process.env.ECR_TRAP_LOG;
  }
  const before = snapshot(work);
  const refs = fileUri(path.join(work, 'refs.ecr.yaml'));
  const tags = fileUri(path.join(work, 'tags.ecr.yaml'));
  const got = server.diagnostics(refs);
  server.open(refs, hostileFiles['refs.ecr.yaml'], 1);
  const d = await got;
  assert.ok(d.some((x) => x.code === 'unknown-property' && /\$schema|\$ref/.test(x.message)), 'remote-looking keys are plain unknown keys');
  server.open(tags, hostileFiles['tags.ecr.yaml'], 1);
  await server.diagnostics(tags);
  for (const uri of [refs, tags])
    for (let line = 0; line < 14; line++) {
      const position = { line, character: 6 };
      await server.request('textDocument/hover', { textDocument: { uri }, position });
      await server.request('textDocument/completion', { textDocument: { uri }, position });
      await server.request('textDocument/definition', { textDocument: { uri }, position });
    }
  await server.request('textDocument/documentSymbol', { textDocument: { uri: refs } });
  await server.request('textDocument/codeLens', { textDocument: { uri: tags } });
  await server.request('workspace/symbol', { query: '' });
  await server.request('exportRules/checkItem', { item: { eccn: '5A992' }, destination: 'RU' });
  await server.request('exportRules/listItems', {});
  await server.request('exportRules/runTests', {});
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(work, 'russia-belarus.ecr.yaml')), type: 2 }] });
  server.close(refs);
  await server.request('workspace/symbol', { query: 'r' });
  await server.stop();
  server = undefined;
  assert.ok(fs.existsSync(log), 'the trap was loaded in the server (it opens its log)');
  assert.deepEqual(readTrap(log), [], 'nothing recorded');
  assert.deepEqual(snapshot(work), before, 'the workspace folder is unchanged');
  assert.ok(!fs.existsSync(path.join(work, 'pwned')));
});

test('the server reads only files under its workspace folder: a symlink pointing outside is not followed', async (t) => {
  const outside = path.join(tmp, 'outside');
  const folder = path.join(tmp, 'confined');
  fs.mkdirSync(outside);
  fs.mkdirSync(path.join(outside, 'dir'));
  fs.mkdirSync(folder);
  const secret = (id: string) => `ruleset: ${id}\ntitle: Outside\nregimes:\n  ${id}-regime:\n    countries: [KP]\nrules:\n  - id: ${id}-rule\n    citation: x\n    when:\n      items: [{ ccl: true }]\n      destinations: [{ country: CA }]\n    decision: prohibited\n`;
  fs.writeFileSync(path.join(outside, 'secret.ecr.yaml'), secret('secret-file'));
  fs.writeFileSync(path.join(outside, 'dir', 'nested.ecr.yaml'), secret('secret-dir'));
  fs.writeFileSync(path.join(folder, 'inside.ecr.yaml'), 'ruleset: inside\ntitle: Inside\nregimes:\n  inside-regime:\n    countries: [RU]\n');
  try {
    fs.symlinkSync(path.join(outside, 'secret.ecr.yaml'), path.join(folder, 'link.ecr.yaml'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(folder, 'linkdir'));
  } catch {
    t.skip('symbolic links cannot be made here');
    return;
  }
  const s = await startTestServer({ folder, initializationOptions: { starterPack: 'off' } });
  try {
    await s.diagnostics(fileUri(path.join(folder, 'inside.ecr.yaml')), undefined, 10_000).catch(() => undefined);
    const names = async () => (await s.request<{ name: string }[]>('workspace/symbol', { query: '' })).map((x) => x.name).join(' ');
    assert.match(await names(), /inside-regime/);
    assert.doesNotMatch(await names(), /secret/);
    // the client reporting the links (or the outside files) as changed does not make them read
    const linked = [path.join(folder, 'link.ecr.yaml'), path.join(folder, 'linkdir', 'nested.ecr.yaml'), path.join(outside, 'secret.ecr.yaml')].map(fileUri);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: linked.map((uri) => ({ uri, type: 1 })) });
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: linked.map((uri) => ({ uri, type: 2 })) });
    assert.doesNotMatch(await names(), /secret/);
    for (const uri of linked) assert.deepEqual(await s.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    const check = await s.request<{ decision: string; sources: string[] }>('exportRules/checkItem', { item: { eccn: '5A992' }, destination: 'CA', date: '2025-01-01' });
    assert.equal(check.decision, 'no-license-required');
    assert.deepEqual(check.sources, ['inside.ecr.yaml']);
    assert.ok(!s.published.some((p) => /secret|link/.test(p.uri)), 'no diagnostics for a file outside');
  } finally {
    await s.stop();
  }
});
