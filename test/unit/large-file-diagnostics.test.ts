// The full diagnostics of a large file with findings of every common kind, each many times
// over (test/unit/helpers/largeRuleFile.ts), compared with those recorded before the domain
// checks were made faster (memos by selector text and the like): the same findings, at the
// same places, with the same messages and fixes, with and without the starter pack. The
// recording is the output of the code before the optimisation, kept to hold it to that;
// each kind of finding is worked out from the data in domain-diagnostics.test.ts.
// Re-record (only when a change of findings is intended): UPDATE_LARGE_SNAPSHOT=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getCatalog } from '../../server/src/catalog/catalog';
import { sortProblems, toDiagnostic } from '../../server/src/service/diagnostics';
import { domainProblems } from '../../server/src/service/domainDiagnostics';
import { loadStarterPack } from '../../server/src/workspace/starterPack';
import { RuleWorkspace, type StarterPackMode } from '../../server/src/workspace/workspace';
import { largeRuleFile } from './helpers/largeRuleFile';

const snapshot = path.join(__dirname, '../fixtures/domain/large-file.diagnostics.json');
const catalog = getCatalog();
const text = largeRuleFile(1500);

function fullDiagnostics(mode: StarterPackMode): string[] {
  const ws = new RuleWorkspace(catalog);
  ws.setStarterPack(mode === 'off' ? [] : loadStarterPack, mode);
  const doc = ws.set('file:///large/rules.ecr.yaml', text, 1, true)!;
  const problems = sortProblems([...doc.problems, ...domainProblems(doc, ws, catalog)]);
  return problems.map((p) => {
    const d = toDiagnostic(doc, p);
    const r = d.range;
    const fixes = (p.fixes ?? []).map((f) => f.title).join(' | ');
    return `${r.start.line + 1}:${r.start.character}-${r.end.line + 1}:${r.end.character} ${d.severity} ${String(d.code)}: ${d.message}${fixes ? ` [${fixes}]` : ''}`;
  });
}

test('a large file: the full diagnostics are the recorded ones, with and without the starter pack', () => {
  const got = { auto: fullDiagnostics('auto'), always: fullDiagnostics('always') };
  if (process.env.UPDATE_LARGE_SNAPSHOT) fs.writeFileSync(snapshot, `${JSON.stringify(got, null, 1)}\n`);
  const want = JSON.parse(fs.readFileSync(snapshot, 'utf8')) as typeof got;
  // every kind the file plants is there (the recording is not empty or partial)
  const codes = new Set(want.auto.map((l) => l.split(' ')[2].replace(/:$/, '')));
  for (const c of ['malformed-eccn', 'unknown-eccn', 'unknown-country', 'unknown-country-group', 'unknown-regime', 'unknown-chart-column', 'matches-nothing', 'unknown-reason', 'unknown-exception', 'duplicate-rule', 'shadowed-rule', 'unknown-product'])
    assert.ok(codes.has(c), `the recording has ${c}`);
  assert.deepEqual(got.auto, want.auto);
  assert.deepEqual(got.always, want.always);
});
