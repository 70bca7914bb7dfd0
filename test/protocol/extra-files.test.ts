// The rule files of the `exportRules.files` globs: VS Code matches the globs (one dialect, its
// own; test/e2e/suite/files.test.ts checks braces, classes and `**` there) and names the files;
// the server reads those, under the URIs VS Code writes, whatever the characters of the names.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { URI } from 'vscode-uri';
import { startTestServer } from './harness';

/** A file's URI as VS Code writes it (and sends it in didOpen). */
const vscodeUri = (p: string) => URI.file(p).toString();

const rules = (id: string) => `ruleset: ${id}\ntitle: ${id}\nrules:\n  - id: r\n    citation: x\n    when:\n      items: [{ eccn: 5A992 }]\n      destinations: [{ country: RU }]\n    decision: licence-required\n`;

function workspace(): { folder: string; named: string[]; other: string; outside: string; scanned: string } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-extra-'));
  const write = (rel: string, id: string) => {
    const p = path.join(folder, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, rules(id));
    return p;
  };
  const named = [
    write('My Rules/policy.rules.yaml', 'spaces'),
    write('règles/été.yaml', 'non-ascii'),
    write('Rules (2024)/a+b,c.yml', 'brackets'),
    write('compliance/#1 list.yaml', 'hash'),
  ];
  const other = write('compliance/notes.yaml', 'not-named');
  // a rule file by its name, that the server finds itself
  const scanned = write('Rules (2024)/base+extra.ecr.yaml', 'scanned');
  const outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-outside-'));
  const outside = path.join(outsideDir, 'elsewhere.yaml');
  fs.writeFileSync(outside, rules('outside'));
  return { folder, named, other, outside, scanned };
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
}

test('the files the client names are read and checked, under VS Code\'s URIs; others and files outside the folder are not', async () => {
  const { folder, named, other, outside, scanned } = workspace();
  const server = await startTestServer({
    folder,
    initializationOptions: { starterPack: 'off', clientSelectsFiles: true, extraFiles: [...named, outside].map(vscodeUri) },
  });
  try {
    const uris = [...named, scanned].map(vscodeUri);
    await until(() => uris.every((u) => server.published.some((p) => p.uri === u)));
    // each named file: its one mistake (licence-required), nothing else
    for (const u of uris) {
      const last = server.published.filter((p) => p.uri === u).at(-1);
      assert.deepEqual(last?.diagnostics.map((d) => [d.code, d.range.start.line]), [['invalid-value', 8]], u);
    }
    assert.deepEqual(server.published.filter((p) => !uris.includes(p.uri)).map((p) => p.uri), [], 'no other file is checked');
    // the editor opens one: one document (the buffer replaces the file read from disk), not a
    // second copy under another URI, which would be reported as a duplicate ruleset id
    for (const [p, id] of [[named[2], 'brackets'], [scanned, 'scanned']]) {
      const opened = vscodeUri(p);
      const got = server.diagnostics(opened);
      server.open(opened, rules(id), 1);
      assert.deepEqual((await got).map((d) => d.code), ['invalid-value'], p);
    }
    assert.ok(!server.published.some((p) => p.uri === vscodeUri(other) || p.uri === vscodeUri(outside)));
  } finally {
    await server.stop();
  }
});

test('a client that does not select the files: opened documents count by name (*.ecr.yaml) or when named', async () => {
  const { folder, named, other } = workspace();
  const server = await startTestServer({ folder, initializationOptions: { starterPack: 'off', extraFiles: [vscodeUri(named[0])] } });
  try {
    const notNamed = vscodeUri(other);
    server.open(notNamed, rules('not-named'), 1);
    const namedUri = vscodeUri(named[0]);
    const got = server.diagnostics(namedUri);
    server.open(namedUri, rules('spaces'), 1);
    assert.deepEqual((await got).map((d) => d.code), ['invalid-value']);
    // a request after both opens is answered after both were handled: the unnamed one got nothing
    await server.request('workspace/symbol', { query: '' });
    assert.deepEqual(server.published.filter((p) => p.uri === notNamed), []);
  } finally {
    await server.stop();
  }
});
