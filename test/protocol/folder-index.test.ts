// The real server over stdio, on a folder it indexes at start: no file's full check runs before
// every file of the folder is read, so a regime defined in a file read later is never reported
// as unknown, not even in a publish that a later one replaces.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileUri, repoRoot, startTestServer } from './harness';

const fixture = (p: string) => fs.readFileSync(path.join(repoRoot, 'test/fixtures/domain', p), 'utf8');

test('a folder read at start: full checks wait for its last file, the one that defines the regimes the first uses', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-index-'));
  // read in name order: the rules first, the regimes they name (russia-belarus, covered-regions) last
  fs.writeFileSync(path.join(folder, 'a-rules.ecr.yaml'), fixture('clean.ecr.yaml'));
  fs.writeFileSync(path.join(folder, 'z-regimes.ecr.yaml'), fixture('shared/regimes.ecr.yaml'));
  const rulesUri = fileUri(path.join(folder, 'a-rules.ecr.yaml'));
  const regimesUri = fileUri(path.join(folder, 'z-regimes.ecr.yaml'));
  const server = await startTestServer({ folder });
  try {
    const done = new Promise<void>((resolve) => server.connection.onNotification('exportRules/rulesChanged', () => resolve()));
    await done;
    const forRules = server.published.filter((p) => p.uri === rulesUri);
    // the clean file's full check: published once the folder is read, with nothing to say
    assert.deepEqual(
      forRules.map((p) => p.diagnostics),
      [[]],
    );
    assert.deepEqual(
      server.published.filter((p) => p.uri === regimesUri).map((p) => p.diagnostics),
      [[]],
    );
  } finally {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  }
});
