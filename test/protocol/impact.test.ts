// The impact requests of the real server over stdio (exportRules/decisionMatrix and
// exportRules/whatChanged), compared with the command line on the same workspace.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { WhatChangedResult } from '../../server/src/impact/compare';
import type { DecisionChange, DecisionMatrix } from '../../server/src/impact/matrix';
import { fileUri, repoRoot, startTestServer, type TestServer } from './harness';
import { zoneOffUtc } from '../unit/helpers/zones';


test('decisionMatrix without a date answers for the local date, as the command line does (it was the UTC date)', async () => {
  const { tz, today } = zoneOffUtc();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-tz-'));
  const server = await startTestServer({ folder, env: { ...process.env, TZ: tz } });
  try {
    const before = today();
    const m = await server.request<DecisionMatrix>('exportRules/decisionMatrix', { eccns: ['EAR99'] });
    assert.ok(m.date === before || m.date === today(), `${m.date} in ${tz}, local ${before}`);
    assert.notEqual(m.date, new Date().toISOString().slice(0, 10));
  } finally {
    await server.stop();
  }
});

// A repository as a company keeps it: its rules in compliance/, named by .export-rules.json, and
// an example file elsewhere that is not part of the rules (it would prohibit everything to DE).
const acme = (decision: string) => `ruleset: acme
title: ACME export policy
products:
  - { sku: PHONE-X, name: Satellite phone, eccn: 5A992 }
rules:
  - id: phones-to-russia
    citation: internal policy 7
    when:
      items: [{ product: PHONE-X }]
      destinations: [{ country: RU }]
    decision: ${decision}
`;
const example = `ruleset: example
title: An example, not our rules
rules:
  - id: everything-to-germany
    citation: none
    when:
      items: [{ ccl: true }, { ear99: true }]
      destinations: [{ country: DE }]
    decision: prohibited
`;

function companyRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-impact-'));
  fs.mkdirSync(path.join(dir, 'compliance'));
  fs.mkdirSync(path.join(dir, 'examples'));
  fs.writeFileSync(path.join(dir, '.export-rules.json'), '{ "rules": ["compliance"] }\n');
  fs.writeFileSync(path.join(dir, 'compliance/acme.ecr.yaml'), acme('license-required'));
  fs.writeFileSync(path.join(dir, 'examples/example.ecr.yaml'), example);
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'v1');
  return dir;
}

function cli(args: string[], cwd: string): string {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/export-rules.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

async function indexed(server: TestServer, uri: string): Promise<void> {
  for (let i = 0; i < 600 && !server.published.some((p) => p.uri === uri); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(server.published.some((p) => p.uri === uri), `the server indexed ${uri}`);
}

test('whatChanged and decisionMatrix answer as export-rules diff and matrix on the same repository (starter pack always, .export-rules.json)', async () => {
  const dir = companyRepo();
  const server = await startTestServer({ folder: dir, initializationOptions: { starterPack: 'always' } });
  try {
    const uri = fileUri(path.join(dir, 'compliance/acme.ecr.yaml'));
    await indexed(server, uri);
    const date = '2024-06-01';

    // nothing changed since HEAD: no change on either side (the server once reported 1,419, with
    // no starter pack under the revision's rules)
    const cliNone = JSON.parse(cli(['diff', '--starter-pack', 'always', '--date', date, '--format', 'json'], dir)) as { changes: DecisionChange[] };
    const serverNone = await server.request<WhatChangedResult>('exportRules/whatChanged', { base: 'HEAD', date });
    assert.deepEqual(cliNone.changes, []);
    assert.deepEqual(serverNone.changes, []);

    // phones to Russia become prohibited: one change, the same on both sides
    fs.writeFileSync(path.join(dir, 'compliance/acme.ecr.yaml'), acme('prohibited'));
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    await new Promise<void>((resolve) => server.connection.onNotification('exportRules/rulesChanged', () => resolve()));
    const cliOne = JSON.parse(cli(['diff', '--starter-pack', 'always', '--date', date, '--format', 'json'], dir)) as { changes: DecisionChange[] };
    const serverOne = await server.request<WhatChangedResult>('exportRules/whatChanged', { base: 'HEAD', date });
    assert.deepEqual(serverOne.changes, cliOne.changes);
    // 15 CFR 746.8(a)(1): every CCL item (5A992 included) needs a licence to Russia; now prohibited
    assert.deepEqual(
      serverOne.changes.map((c) => [c.item, c.destination, c.before.decision, c.before.rules, c.after.decision, c.after.rules, c.stricter]),
      [['PHONE-X', 'RU', 'license-required', ['acme/phones-to-russia', 'us-ear-russia-belarus/ru-by-all-ccl'], 'prohibited', ['acme/phones-to-russia'], true]],
    );
    assert.equal(serverOne.base, 'HEAD');
    assert.equal(serverOne.date, date);

    // the matrix: the products of compliance/ only (not the example), as the command line has it
    const cliMatrix = JSON.parse(cli(['matrix', '--starter-pack', 'always', '--date', date, '--format', 'json'], dir)) as DecisionMatrix;
    const serverMatrix = await server.request<DecisionMatrix>('exportRules/decisionMatrix', { date });
    assert.deepEqual(serverMatrix, cliMatrix);
    assert.deepEqual(serverMatrix.items.map((i) => i.key), ['PHONE-X']);
    const de = serverMatrix.destinations.findIndex((d) => d.code === 'DE');
    // the example file is not part of the rules: no "prohibited" to Germany. What stays is the
    // 5A992.z.1 RS control (742.6(a)(6)(iii)(A): a licence to every destination), which a
    // 5A992 item without its paragraph may fall under: the most restrictive answer, conditional
    assert.deepEqual(serverMatrix.cells[0][de], { decision: 'license-required', rules: ['us-ear-ccl-controls/5a992-rs-1'], conditional: true });
  } finally {
    await server.stop();
  }
});
