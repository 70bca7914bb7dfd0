// Quick fixes: golden files. For each test/fixtures/quickfix/<name>.ecr.yaml, the preferred
// fix of every diagnostic is applied (as an editor would, through the code actions the server
// returns) and the text must equal <name>.fixed.ecr.yaml, which itself has no diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { getCatalog } from '../../server/src/catalog/catalog';
import type { RuleDocument } from '../../server/src/model/document';
import { quickFixes } from '../../server/src/service/codeActions';
import { toDiagnostic } from '../../server/src/service/diagnostics';
import { domainProblems } from '../../server/src/service/domainDiagnostics';
import { RuleWorkspace } from '../../server/src/workspace/workspace';

const fixtures = path.join(__dirname, '../fixtures');
const catalog = getCatalog();
const URI = 'file:///fixtures/quickfix.ecr.yaml';

/** The file in a workspace with the shared regimes and products of the domain fixtures. */
function diagnose(text: string): { doc: RuleDocument; diagnostics: Diagnostic[] } {
  const ws = new RuleWorkspace(catalog);
  const shared = path.join(fixtures, 'domain/shared');
  for (const name of readdirSync(shared)) ws.set(`file:///fixtures/shared/${name}`, readFileSync(path.join(shared, name), 'utf8'), 1, false);
  ws.set(URI, text, 1, true);
  const doc = ws.get(URI)!;
  return { doc, diagnostics: [...doc.problems, ...domainProblems(doc, ws, catalog)].map((p) => toDiagnostic(doc, p)) };
}

/** Applies edits from the end backwards; an edit overlapping one already applied is skipped. */
function applyEdits(doc: RuleDocument, edits: TextEdit[]): string {
  const spans = edits
    .map((e) => ({ start: doc.lines.offsetAt(e.range.start), end: doc.lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = doc.text;
  let limit = Infinity;
  for (const s of spans) {
    if (s.end > limit) continue;
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    limit = s.start;
  }
  return out;
}

const preferredEdits = (actions: CodeAction[]): TextEdit[] => actions.filter((a) => a.isPreferred).flatMap((a) => a.edit?.changes?.[URI] ?? []);

const goldens = readdirSync(path.join(fixtures, 'quickfix')).filter((f) => f.endsWith('.ecr.yaml') && !f.endsWith('.fixed.ecr.yaml'));

test('there are quick-fix golden files', () => {
  assert.ok(goldens.length >= 2);
});

for (const file of goldens) {
  test(`quick fixes of ${file} give its .fixed file, which is clean`, () => {
    const text = readFileSync(path.join(fixtures, 'quickfix', file), 'utf8');
    const expected = readFileSync(path.join(fixtures, 'quickfix', file.replace(/\.ecr\.yaml$/, '.fixed.ecr.yaml')), 'utf8');
    const { doc, diagnostics } = diagnose(text);
    assert.ok(diagnostics.some((d) => d.data), 'the fixture has fixable diagnostics');
    const fixed = applyEdits(doc, preferredEdits(quickFixes(URI, diagnostics)));
    assert.equal(fixed, expected);
    const after = diagnose(fixed).diagnostics;
    assert.deepEqual(after.map((d) => `${d.range.start.line + 1} ${String(d.code)}: ${d.message}`), []);
  });
}

// --- the code actions themselves -------------------------------------------------------------

const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } };

test('each fix is one quickfix action on the diagnostic range; only the first is preferred', () => {
  const d: Diagnostic = { range, message: 'Unknown country "Germny"', code: 'unknown-country', data: { fixes: [{ title: 'Change to DE', newText: 'DE' }, { title: 'Change to GM', newText: 'GM' }] } };
  const actions = quickFixes(URI, [d]);
  assert.deepEqual(
    actions.map((a) => ({ title: a.title, kind: a.kind, preferred: a.isPreferred === true, edit: a.edit, diagnostics: a.diagnostics })),
    [
      { title: 'Change to DE', kind: 'quickfix', preferred: true, edit: { changes: { [URI]: [{ range, newText: 'DE' }] } }, diagnostics: [d] },
      { title: 'Change to GM', kind: 'quickfix', preferred: false, edit: { changes: { [URI]: [{ range, newText: 'GM' }] } }, diagnostics: [d] },
    ],
  );
});

test('diagnostics without fixes, or with data of another shape, give no actions', () => {
  const ds: Diagnostic[] = [
    { range, message: 'a' },
    { range, message: 'b', data: { fixes: 'DE' } },
    { range, message: 'c', data: { fixes: [{ title: 1, newText: 'DE' }, null] } },
    { range, message: 'd', data: null },
  ];
  assert.deepEqual(quickFixes(URI, ds), []);
});
