// Navigation across two rule files: go to definition, find references, rename and workspace
// symbols for regimes and products. A `|` in the texts below marks a cursor; it is removed
// before the text is analysed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { getCatalog } from '../../server/src/catalog/catalog';
import type { RuleDocument } from '../../server/src/model/document';
import { domainProblems } from '../../server/src/service/domainDiagnostics';
import { definition, prepareRename, references, rename, workspaceSymbols } from '../../server/src/service/navigation';
import { RuleWorkspace } from '../../server/src/workspace/workspace';

const catalog = getCatalog();
const REGIMES = 'file:///ws/regimes.ecr.yaml';
const RULES = 'file:///ws/rules.ecr.yaml';

const regimesText = `# Destination sets and products of our export team. Reference only, not legal advice.
ruleset: team-regimes
title: Destination sets and products
regimes:
  |russia-belarus:
    title: Russia and Belarus
    countries: [RU, BY]
  covered-regions:
    title: Crimea and the covered regions of Ukraine
    countries: [UA-43, UA-14, UA-09]
  eastern-sanctions:
    include: [{ regime: |russia-belarus }, { regime: covered-regions }]
products:
  - sku: |FMC-200
    name: Flight management computer
    eccn: 7A994
`;

const rulesText = `# Rules that use the team's destination sets. Reference only, not legal advice.
ruleset: team-rules
title: Russia, Belarus and the covered regions
rules:
  - id: ru-by-all-ccl
    title: Every item on the Commerce Control List needs a license
    citation: 15 CFR 746.8(a)(1)
    when:
      items: [{ ccl: true }, { product: |FMC-200 }]
      destinations: [{ regime: [covered-regions, |russia-belarus] }]
    decision: license-required
  - id: avionics
    title: Avionics to Russia and Belarus
    citation: 15 CFR 746.8(a)(1)
    when:
      items: [{ eccn: 7A994 }]
      destinations:
        - regime: "|russia-belarus"
      except:
        destinations: [{ country: BY }]
    decision: prohibited
tests:
  - name: the flight computer to Russia
    item: { product: |fmc-200 }
    destination: RU
    date: 2024-01-01
    expect: prohibited
`;

/** The text without `|` markers, and the offsets where they stood. */
function unmark(marked: string): { text: string; cursors: number[] } {
  const cursors: number[] = [];
  let text = '';
  for (const ch of marked) {
    if (ch === '|') cursors.push(text.length);
    else text += ch;
  }
  return { text, cursors };
}

const regimes = unmark(regimesText);
const rules = unmark(rulesText);

function workspace(texts: Record<string, string> = { [REGIMES]: regimes.text, [RULES]: rules.text }): RuleWorkspace {
  const ws = new RuleWorkspace(catalog);
  for (const [uri, text] of Object.entries(texts)) ws.set(uri, text, 1, false);
  return ws;
}

const ws = workspace();
const regimesDoc = ws.get(REGIMES)!;
const rulesDoc = ws.get(RULES)!;

/** "regimes.ecr.yaml:5:3-5:17 russia-belarus" (1-based line and column), for readable asserts. */
function show(locations: Location[]): string[] {
  return locations.map((l) => {
    const doc = ws.get(l.uri)!;
    const text = doc.text.slice(doc.lines.offsetAt(l.range.start), doc.lines.offsetAt(l.range.end));
    const { start } = l.range;
    return `${l.uri.slice(l.uri.lastIndexOf('/') + 1)}:${start.line + 1}:${start.character + 1} ${text}`;
  });
}

test('the fixtures are free of diagnostics', () => {
  for (const doc of [regimesDoc, rulesDoc]) assert.deepEqual([...doc.problems, ...domainProblems(doc, ws, catalog)], [], doc.uri);
});

test('definition of a regime used in a flow list, in another file', () => {
  assert.deepEqual(show(definition(rulesDoc, rules.cursors[1], ws)), ['regimes.ecr.yaml:5:3 russia-belarus']);
  // the end of the name counts too
  assert.deepEqual(show(definition(rulesDoc, rules.cursors[1] + 'russia-belarus'.length, ws)), ['regimes.ecr.yaml:5:3 russia-belarus']);
});

test('definition of a quoted regime use, and of a regime include in the same file', () => {
  assert.deepEqual(show(definition(rulesDoc, rules.cursors[2], ws)), ['regimes.ecr.yaml:5:3 russia-belarus']);
  assert.deepEqual(show(definition(regimesDoc, regimes.cursors[1], ws)), ['regimes.ecr.yaml:5:3 russia-belarus']);
});

test('definition of a product, from an item selector and from a test written in lower case', () => {
  assert.deepEqual(show(definition(rulesDoc, rules.cursors[0], ws)), ['regimes.ecr.yaml:14:10 FMC-200']);
  assert.deepEqual(show(definition(rulesDoc, rules.cursors[3], ws)), ['regimes.ecr.yaml:14:10 FMC-200']);
});

test('no definition away from names', () => {
  assert.deepEqual(definition(rulesDoc, rulesDoc.text.indexOf('ccl'), ws), []);
  assert.deepEqual(definition(rulesDoc, rulesDoc.text.indexOf('RU'), ws), []);
  assert.equal(prepareRename(rulesDoc, rulesDoc.text.indexOf('citation')), null);
});

test('references on the definition list every use across files', () => {
  assert.deepEqual(show(references(regimesDoc, regimes.cursors[0], ws, false)), [
    'regimes.ecr.yaml:12:25 russia-belarus',
    'rules.ecr.yaml:10:50 russia-belarus',
    'rules.ecr.yaml:18:20 russia-belarus',
  ]);
  assert.deepEqual(show(references(rulesDoc, rules.cursors[2], ws, true)), [
    'regimes.ecr.yaml:5:3 russia-belarus',
    'regimes.ecr.yaml:12:25 russia-belarus',
    'rules.ecr.yaml:10:50 russia-belarus',
    'rules.ecr.yaml:18:20 russia-belarus',
  ]);
});

test('references of a product match skus case-insensitively', () => {
  assert.deepEqual(show(references(regimesDoc, regimes.cursors[2], ws, false)), ['rules.ecr.yaml:9:41 FMC-200', 'rules.ecr.yaml:24:22 fmc-200']);
});

test('prepareRename gives the name without quotes', () => {
  const r = prepareRename(rulesDoc, rules.cursors[2]);
  assert.equal(r?.placeholder, 'russia-belarus');
  assert.deepEqual(show([{ uri: RULES, range: r!.range }]), ['rules.ecr.yaml:18:20 russia-belarus']);
});

function applyEdit(edit: WorkspaceEdit): Record<string, string> {
  const out: Record<string, string> = {};
  for (const doc of [regimesDoc, rulesDoc]) {
    const edits: TextEdit[] = edit.changes?.[doc.uri] ?? [];
    let text = doc.text;
    for (const e of [...edits].sort((a, b) => doc.lines.offsetAt(b.range.start) - doc.lines.offsetAt(a.range.start)))
      text = text.slice(0, doc.lines.offsetAt(e.range.start)) + e.newText + text.slice(doc.lines.offsetAt(e.range.end));
    out[doc.uri] = text;
  }
  return out;
}

function problemsOf(texts: Record<string, string>): string[] {
  const after = workspace(texts);
  return after.documents().flatMap((d: RuleDocument) => [...d.problems, ...domainProblems(d, after, catalog)].map((p) => `${d.uri} ${p.code}: ${p.message}`));
}

test('renaming a regime edits its definition and every use in both files, keeping quotes', () => {
  const edit = rename(rulesDoc, rules.cursors[1], 'ru-by', ws);
  assert.ok(edit);
  assert.equal(edit.changes?.[REGIMES]?.length, 2);
  assert.equal(edit.changes?.[RULES]?.length, 2);
  const texts = applyEdit(edit);
  assert.ok(texts[RULES].includes('regime: [covered-regions, ru-by]'));
  assert.ok(texts[RULES].includes('regime: "ru-by"'));
  assert.ok(texts[REGIMES].includes('\n  ru-by:\n'));
  assert.ok(!texts[REGIMES].includes('russia-belarus') && !texts[RULES].includes('russia-belarus'));
  assert.deepEqual(problemsOf(texts), []);
});

test('renaming a product renames the sku and every use, whatever its case', () => {
  const edit = rename(regimesDoc, regimes.cursors[2], 'FMC-300', ws);
  const texts = applyEdit(edit!);
  assert.ok(texts[REGIMES].includes('sku: FMC-300'));
  assert.ok(texts[RULES].includes('{ product: FMC-300 }'));
  assert.ok(!/fmc-200/i.test(texts[RULES]));
  assert.deepEqual(problemsOf(texts), []);
});

test('a product renamed to a name YAML would misread is quoted', () => {
  const edit = rename(regimesDoc, regimes.cursors[2], '200', ws);
  assert.ok(applyEdit(edit!)[REGIMES].includes('sku: "200"'));
});

test('an invalid or taken new name is refused with a plain message', () => {
  assert.throws(() => rename(rulesDoc, rules.cursors[1], 'Russia Belarus', ws), /cannot be a regime id: use lower-case letters/);
  assert.throws(() => rename(rulesDoc, rules.cursors[1], 'covered-regions', ws), /already exists/);
  assert.throws(() => rename(rulesDoc, rules.cursors[0], '', ws), /cannot be a product sku/);
  assert.equal(rename(rulesDoc, rulesDoc.text.indexOf('citation'), 'x', ws), null);
});

test('workspace symbols: rules as ruleset/id — title, regimes and products, filtered by query', () => {
  const names = (q: string) => workspaceSymbols(q, ws).map((s) => s.name);
  assert.deepEqual(names('avionics'), ['team-rules/avionics — Avionics to Russia and Belarus']);
  assert.deepEqual(names('RUSSIA-'), ['russia-belarus — Russia and Belarus']);
  assert.deepEqual(names('fmc'), ['FMC-200 — Flight management computer']);
  assert.equal(names('').length, 2 + 3 + 1);
  // a subsequence matches after every substring match
  const fuzzy = names('rbac');
  assert.ok(fuzzy.includes('team-rules/ru-by-all-ccl — Every item on the Commerce Control List needs a license'));
  assert.deepEqual(names('zzz'), []);
  const [rule] = workspaceSymbols('avionics', ws);
  assert.deepEqual(show([rule.location]), ['rules.ecr.yaml:12:9 avionics']);
  assert.equal(rule.containerName, 'team-rules');
});
