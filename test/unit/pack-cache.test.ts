// The starter pack analysed at build time (server/src/workspace/packCache.ts): documents made
// from the cache are those an analysis of the files gives, without analysing them; a file that
// differs from what the cache was made from is analysed from its text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { analysisStats, analyzeRuleText } from '../../server/src/model/document';
import { findRuleFiles } from '../../server/src/workspace/files';
import { buildPackCache, packDocument, packFileName, readPackCache, readPackIndex, sha256 } from '../../server/src/workspace/packCache';

const packDir = path.resolve(__dirname, '../../samples/starter');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-pack-cache-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The pack's files, as a server installed elsewhere sees them. */
const files = findRuleFiles(packDir).map((p) => ({ p, name: packFileName(packDir, p), uri: pathToFileURL(path.join('/opt/ext/samples/starter', path.relative(packDir, p))).toString() }));
const cacheFile = path.join(tmp, 'starter-pack.json');
fs.writeFileSync(cacheFile, buildPackCache(packDir));
const uris = new Map(files.map((f) => [f.name, f.uri]));
/** Compared as the cache holds them: JSON drops keys whose value is undefined. */
const asJson = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

test('every pack file is in the cache, and its document equals a fresh analysis without one', () => {
  const cache = readPackCache(cacheFile, uris)!;
  assert.deepEqual([...cache.keys()].sort(), files.map((f) => f.name).sort());
  analysisStats.counting = new Map();
  try {
    for (const f of files) {
      const text = fs.readFileSync(f.p, 'utf8');
      const doc = packDocument(f.uri, text, cache.get(f.name));
      assert.equal(analysisStats.counting.size, 0, `${f.name} was analysed`);
      const fresh = analyzeRuleText(f.uri, text);
      analysisStats.counting.clear();
      assert.deepEqual(asJson(doc.ruleSet), asJson(fresh.ruleSet), f.name);
      assert.deepEqual(asJson(doc.problems), asJson(fresh.problems), f.name);
      // a file of tests only (ear-ccl-controls.tests.ecr.yaml) has tests and no rules
      const first = doc.ruleSet.rules[0] ?? doc.ruleSet.tests[0];
      assert.ok(first, `${f.name} has rules or tests`);
      assert.equal(first.location.uri, f.uri, 'the uris are the installed files\'');
      assert.deepEqual(doc.lines.rangeOf({ start: 0, end: 5 }), fresh.lines.rangeOf({ start: 0, end: 5 }));
      // the tree only when a feature asks for it (one analysis then)
      assert.deepEqual(doc.root, fresh.root);
      assert.equal(analysisStats.counting.get(f.uri), 1);
      analysisStats.counting.clear();
    }
  } finally {
    analysisStats.counting = undefined;
  }
});

test("the index line holds each pack file's hash, ruleset id and jurisdiction, as the analysis says", () => {
  const index = readPackIndex(cacheFile)!;
  const expected = files.map((f) => {
    const text = fs.readFileSync(f.p, 'utf8');
    const rs = analyzeRuleText(f.uri, text).ruleSet;
    return { name: f.name, sha256: sha256(text), ruleset: rs.id, jurisdiction: rs.jurisdiction };
  });
  assert.deepEqual(index, asJson(expected));
  // the pack today: every file is US-EAR, so a workspace with US-EAR rules of its own reads no more than this line
  assert.deepEqual([...new Set(index.map((e) => e.jurisdiction))], ['US-EAR']);
  assert.equal(readPackIndex(path.join(tmp, 'missing.json')), undefined);
});

test('a pack file that differs from the cached one is analysed from its text', () => {
  const cache = readPackCache(cacheFile, uris)!;
  const f = files[0];
  const text = fs.readFileSync(f.p, 'utf8').replace(/^title: .*$/m, 'title: Edited after the build');
  const doc = packDocument(f.uri, text, cache.get(f.name));
  assert.equal(doc.ruleSet.title, 'Edited after the build');
});

test('no cache, or one that cannot be read, means no cache (the files are analysed)', () => {
  assert.equal(readPackCache(path.join(tmp, 'missing.json'), uris), undefined);
  fs.writeFileSync(path.join(tmp, 'broken.json'), '{"format":1,"files":[');
  assert.equal(readPackCache(path.join(tmp, 'broken.json'), uris), undefined);
  fs.writeFileSync(path.join(tmp, 'other.json'), '{"format":1,"files":[]}');
  assert.equal(readPackCache(path.join(tmp, 'other.json'), uris), undefined);
});
