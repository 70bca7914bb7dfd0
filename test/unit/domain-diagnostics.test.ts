// Domain diagnostics over fixture rule files a compliance officer can read. Every fixture in
// test/fixtures/domain/ is checked in a workspace with the files of domain/shared/; a
// `# want <code> [<code>...]` comment marks a line where a diagnostic with that code must start,
// and every diagnostic (syntax, schema and domain) must be wanted: the comparison goes both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getCatalog } from '../../server/src/catalog/catalog';
import type { Catalog } from '../../server/src/catalog/types';
import { analyzeRuleText, type RuleDocument } from '../../server/src/model/document';
import type { Problem } from '../../server/src/model/types';
import { domainProblems, itemContradiction } from '../../server/src/service/domainDiagnostics';
import { loadStarterPack } from '../../server/src/workspace/starterPack';
import { RuleWorkspace } from '../../server/src/workspace/workspace';

const fixtures = path.join(__dirname, '../fixtures/domain');
const catalog = getCatalog();

function workspaceWith(files: Record<string, string>, cat: Catalog = catalog): RuleWorkspace {
  const ws = new RuleWorkspace(cat);
  for (const name of readdirSync(path.join(fixtures, 'shared')))
    ws.set(`file:///fixtures/shared/${name}`, readFileSync(path.join(fixtures, 'shared', name), 'utf8'), 1, false);
  for (const [name, text] of Object.entries(files)) ws.set(`file:///fixtures/${name}`, text, 1, true);
  return ws;
}

function analyse(name: string, text: string, cat: Catalog = catalog): { doc: RuleDocument; problems: Problem[] } {
  const ws = workspaceWith({ [name]: text }, cat);
  const doc = ws.get(`file:///fixtures/${name}`)!;
  return { doc, problems: [...doc.problems, ...domainProblems(doc, ws, cat)] };
}

/** "12 unknown-eccn" for every want comment (1-based lines). */
function wants(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /#\s*want\s+([a-z][a-z0-9-]*(?:\s+[a-z][a-z0-9-]*)*)\s*$/.exec(line);
    if (m) for (const code of m[1].split(/\s+/)) out.push(`${i + 1} ${code}`);
  });
  return [...new Set(out)].sort();
}

function found(doc: RuleDocument, problems: Problem[]): string[] {
  return [...new Set(problems.map((p) => `${doc.lines.positionAt(p.span.start).line + 1} ${p.code}`))].sort();
}

const fixtureFiles = readdirSync(fixtures).filter((f) => f.endsWith('.ecr.yaml'));

test('the fixtures are there', () => {
  assert.ok(fixtureFiles.length >= 5);
});

for (const file of fixtureFiles) {
  test(`fixture ${file}: diagnostics are exactly the wanted ones`, () => {
    const text = readFileSync(path.join(fixtures, file), 'utf8');
    const { doc, problems } = analyse(file, text);
    const want = wants(text);
    const got = found(doc, problems);
    const detail = problems.map((p) => `  ${doc.lines.positionAt(p.span.start).line + 1} ${p.code}: ${p.message}`).join('\n');
    assert.deepEqual(
      { missing: want.filter((w) => !got.includes(w)), unexpected: got.filter((g) => !want.includes(g)) },
      { missing: [], unexpected: [] },
      `diagnostics of ${file}:\n${detail}`,
    );
  });
}

test('the shared fixture files are clean on their own', () => {
  const ws = workspaceWith({});
  for (const doc of ws.documents()) assert.deepEqual([...doc.problems, ...domainProblems(doc, ws, catalog)], [], doc.uri);
});

// --- messages, spans and fixes --------------------------------------------------------------

function rule(destinations: string, items = '[{ ccl: true }]'): string {
  return `ruleset: t\ntitle: T\nrules:\n  - id: r\n    citation: c\n    when:\n      items: ${items}\n      destinations: ${destinations}\n    decision: prohibited\n`;
}

function only(code: string, text: string): Problem[] {
  return analyse('one.ecr.yaml', text).problems.filter((p) => p.code === code);
}

test('a misspelt country name finds DE, and the fix replaces only the value', () => {
  const text = rule('[{ country: Germny }]');
  const [p] = only('unknown-country', text);
  assert.equal(text.slice(p.span.start, p.span.end), 'Germny');
  assert.match(p.message, /did you mean DE \(Germany\)/);
  assert.equal(p.fixes?.[0].newText, 'DE');
  assert.equal(p.severity, 'error');
});

test('a lower-case country code is a warning with an upper-case fix; regions are valid', () => {
  const [p] = only('unknown-country', rule('[{ country: de }]'));
  assert.equal(p.severity, 'warning');
  assert.deepEqual(p.fixes, [{ title: 'Upper-case to DE', newText: 'DE' }]);
  assert.deepEqual(only('unknown-country', rule('[{ country: [UA-43, UA] }]')), []);
});

test('a quoted value keeps its quotes in the fix', () => {
  const [p] = only('unknown-country', rule('[{ country: "de" }]'));
  assert.equal(p.fixes?.[0].newText, '"DE"');
});

test('an unknown ECCN names the nearest known ones, as fixes, with the data date', () => {
  const text = rule('[{ country: RU }]', '[{ eccn: 5A999 }]');
  const [p] = only('unknown-eccn', text);
  assert.equal(text.slice(p.span.start, p.span.end), '5A999');
  assert.match(p.message, /not on the Commerce Control List \(eCFR as of/);
  assert.ok(p.fixes?.some((f) => f.newText === '5A991'));
});

test('a lower-case ECCN gets an upper-case fix that keeps paragraphs lower case', () => {
  const [p] = only('malformed-eccn', rule('[{ country: RU }]', '[{ eccn: 3a001.a.1 }]'));
  assert.deepEqual(p.fixes?.[0], { title: 'Upper-case to 3A001.a.1', newText: '3A001.a.1' });
});

test('a removed ECCN says what happened to it', () => {
  const [p] = only('unknown-eccn', rule('[{ country: RU }]', '[{ eccn: 3B090 }]'));
  assert.match(p.message, /no longer on the Commerce Control List/);
});

test('Country Group messages list the groups; D5 and an unquoted E: 1 get a quoting fix', () => {
  const [bad] = only('unknown-country-group', rule('[{ countryGroup: "E:3" }]'));
  assert.match(bad.message, /groups are A:1-A:6, B, D:1-D:5, E:1, E:2/);
  const [d5] = only('unknown-country-group', rule('[{ countryGroup: D5 }]'));
  assert.deepEqual(d5.fixes, [{ title: 'Quote as "D:5"', newText: '"D:5"' }]);
  const text = rule('[{ countryGroup: E: 1 }]');
  const [e1] = only('unknown-country-group', text);
  assert.equal(text.slice(e1.span.start, e1.span.end), 'E: 1');
  assert.equal(e1.fixes?.[0].newText, '"E:1"');
});

test('unknown regimes and products suggest names defined in other files', () => {
  const [r] = only('unknown-regime', rule('[{ regime: russia-belarussia }]'));
  assert.deepEqual(r.fixes?.map((f) => f.newText), ['russia-belarus']);
  const [p] = only('unknown-product', rule('[{ country: RU }]', '[{ product: FMC-20 }]'));
  assert.deepEqual(p.fixes?.map((f) => f.newText), ['FMC-200']);
  assert.deepEqual(only('unknown-product', rule('[{ country: RU }]', '[{ product: fmc-200 }]')), [], 'skus compare case-insensitively');
});

test('a regime cycle is reported once, on the include that closes it, naming the cycle', () => {
  const text = 'ruleset: t\ntitle: T\nregimes:\n  a:\n    include: [{ regime: b }]\n  b:\n    include: [{ regime: a }]\n';
  const problems = only('regime-cycle', text);
  assert.equal(problems.length, 1);
  assert.equal(text.slice(problems[0].span.start, problems[0].span.end), 'a');
  assert.equal(problems[0].span.start, text.lastIndexOf('regime: a') + 'regime: '.length);
  assert.match(problems[0].message, /a -> b -> a/);
});

test('a duplicate rule id points at the first', () => {
  const text = rule('[{ country: RU }]') + '  - id: r\n    citation: c\n    when:\n      items: [{ eccn: 5A992 }]\n      destinations: [{ country: BY }]\n    decision: prohibited\n';
  const [p] = only('duplicate-rule-id', text);
  assert.equal(p.span.start, text.lastIndexOf('id: r') + 4);
  assert.equal(p.related?.[0].span?.start, text.indexOf('id: r') + 4);
});

test('a shadowed rule is unnecessary and related to the stronger one; equal rules are a hint', () => {
  const base = 'ruleset: t\ntitle: T\nrules:\n';
  const r = (id: string, decision: string) =>
    `  - id: ${id}\n    citation: c\n    when:\n      items: [{ eccn: 5A992 }]\n      destinations: [{ country: RU }]\n    decision: ${decision}\n`;
  const { problems } = analyse('one.ecr.yaml', base + r('weak', 'license-required') + r('strong', 'prohibited') + r('again', 'prohibited'));
  const shadowed = problems.find((p) => p.code === 'shadowed-rule');
  assert.equal(shadowed?.unnecessary, true);
  assert.equal(shadowed?.severity, 'warning');
  assert.match(shadowed?.message ?? '', /t\/strong/);
  const dup = problems.find((p) => p.code === 'duplicate-rule');
  assert.equal(dup?.severity, 'hint');
  assert.match(dup?.message ?? '', /repeats t\/strong/);
});

test('rules of one scope are found however their lists are written; lists that only read alike are not one scope', () => {
  const base = 'ruleset: t\ntitle: T\nrules:\n';
  const r = (id: string, eccns: string, countries: string) =>
    `  - id: ${id}\n    citation: c\n    when:\n      items: [{ eccn: ${eccns} }]\n      destinations: [{ country: ${countries} }]\n    decision: prohibited\n`;
  const text =
    base +
    r('first', '[5A992, 3A001]', '[RU, BY]') +
    // the same scope: other order, case, spaces and a repeat
    r('same', '["3a001 ", 5A992, 5A992]', '[by, RU]') +
    // not the same: one value that joins the two, or one country fewer
    r('joined', '["5A9923A001"]', '[RU, BY]') +
    r('fewer', '[5A992, 3A001]', '[RU]');
  const dups = only('duplicate-rule', text);
  assert.deepEqual(dups.map((p) => text.slice(p.span.start, p.span.end)), ['same']);
  assert.match(dups[0].message, /repeats t\/first/);
});

test('a rule that is stronger only for part of the dates does not shadow', () => {
  const base = 'ruleset: t\ntitle: T\nrules:\n';
  const r = (id: string, decision: string, dates: string) =>
    `  - id: ${id}\n    citation: c\n    when:\n      items: [{ eccn: 5A992 }]\n      destinations: [{ country: RU }]\n    decision: ${decision}\n${dates}`;
  const text = base + r('weak', 'license-required', '') + r('strong', 'prohibited', '    effective: 2024-01-01\n');
  assert.deepEqual(only('shadowed-rule', text), []);
});

test('failing tests say what was expected and which rule decided, as ruleset/id', () => {
  const text =
    rule('[{ country: KP }]') + 'tests:\n  - name: to Canada\n    item: { eccn: 5A992 }\n    destination: CA\n    date: 2024-01-01\n    expect: license-required\n' +
    '  - name: to North Korea\n    item: { eccn: 5A992 }\n    destination: KP\n    date: 2024-01-01\n    expect: license-required\n';
  const [ca, kp] = only('failing-test', text);
  assert.equal(ca.message, 'expected license-required, got no-license-required (no rule applied)');
  assert.equal(text.slice(ca.span.start, ca.span.end), 'to Canada');
  assert.equal(kp.message, 'expected license-required, got prohibited (decided by t/r)');
});

test('incomplete context: a document the workspace has another version of gets no engine checks', () => {
  const ws = workspaceWith({ 'one.ecr.yaml': rule('[{ country: KP }]') });
  const newer = analyzeRuleText('file:///fixtures/one.ecr.yaml', rule('[{ regime: nowhere }]') + 'tests:\n  - name: x\n    item: { eccn: 5A992 }\n    destination: CA\n    date: 2024-01-01\n    expect: prohibited\n', 2);
  const codes = domainProblems(newer, ws, catalog).map((p) => p.code);
  assert.ok(codes.includes('unknown-regime'));
  assert.ok(!codes.includes('failing-test'));
});

test('incomplete context: an empty catalog reports no unknown codes', () => {
  const empty: Catalog = { ...catalog, data: { ...catalog.data, eccns: [], destinations: [], countryGroups: [], chartColumns: [], reasons: [] } };
  const { problems } = analyse('one.ecr.yaml', rule('[{ country: XZ, countryGroup: "E:9", chart: XX9 }]', '[{ eccn: 5A999, reason: QQ }]'), empty);
  assert.deepEqual(problems.map((p) => p.code).filter((c) => c.startsWith('unknown-') || c === 'matches-nothing'), []);
});

test('contradictory item selectors, by the catalog', () => {
  const c = (s: object) => itemContradiction({ pointer: '', ...s }, catalog);
  assert.ok(c({ ccl: true, ear99: true }));
  assert.ok(c({ eccn: ['EAR99'], category: ['3'] }));
  assert.ok(c({ eccn: ['3A001'], category: ['4'] }));
  assert.equal(c({ eccn: ['3A001'], category: ['3'], reason: ['NS'] }), undefined);
  assert.equal(c({ eccn: ['3A*'], reason: ['NS1'] }), undefined);
  assert.equal(c({ ear99: true, hs: ['8517'] }), undefined);
});

test('licence exception symbols: one letter off is an error with the fix, lower case a warning, a removed one is named', () => {
  const text = readFileSync(path.join(fixtures, 'exceptions.ecr.yaml'), 'utf8');
  const { doc, problems } = analyse('exceptions.ecr.yaml', text);
  const found = problems
    .filter((p) => p.code === 'unknown-exception')
    .map((p) => [doc.text.slice(p.span.start, p.span.end), p.severity, p.fixes?.map((f) => f.newText) ?? []]);
  assert.deepEqual(found, [
    ['LVX', 'error', ['LVS']],
    ['tmp', 'warning', ['TMP']],
    ['CIV', 'error', []],
    ['GSB', 'error', ['GBS']],
  ]);
  const civ = problems.find((p) => doc.text.slice(p.span.start, p.span.end) === 'CIV')!;
  assert.match(civ.message, /^CIV is not a licence exception of part 740 \(eCFR as of 2026-07-23 \/ 2026-09-24\): the symbols are LVS, GBS, SPP/);
});

test("a regime that replaces the starter pack's of the same id is no duplicate; two of the workspace's are", () => {
  // the workspace's own russia-belarus replaces the pack's (docs/starter-pack.md): the pack's
  // rules use it, so the editor must not call it a duplicate of ear-russia-belarus.ecr.yaml
  const own = 'ruleset: our-regimes\ntitle: Our destination sets\njurisdiction: INTERNAL\nregimes:\n  russia-belarus:\n    title: Russia and Belarus, as our policy names them\n    countries: [RU, BY]\n';
  const ws = new RuleWorkspace(catalog);
  ws.setStarterPack(loadStarterPack(), 'always');
  ws.set('file:///w/regimes.ecr.yaml', own, 1, true);
  const doc = ws.get('file:///w/regimes.ecr.yaml')!;
  assert.ok(ws.documents().some((d) => d.ruleSet.regimes.some((r) => r.id === 'russia-belarus') && ws.isStarterPack(d.uri)), "the pack defines russia-belarus too");
  assert.deepEqual(domainProblems(doc, ws, catalog).map((p) => p.code), []);
  // a second file of the workspace defining it is a duplicate, in both files
  ws.set('file:///w/again.ecr.yaml', own.replace(/^ruleset: .*$/m, 'ruleset: again'), 1, true);
  const again = ws.get('file:///w/again.ecr.yaml')!;
  const dup = (d: RuleDocument) => domainProblems(d, ws, catalog).filter((p) => p.code === 'duplicate-regime-id').map((p) => `${d.text.slice(p.span.start, p.span.end)}: ${p.message}`);
  const message = (file: string) => `russia-belarus: Regime "russia-belarus" is also defined in ${file}; regimes are shared by every rule file, so only one definition is used`;
  assert.deepEqual(dup(ws.get('file:///w/regimes.ecr.yaml')!), [message('again.ecr.yaml')]);
  assert.deepEqual(dup(again), [message('regimes.ecr.yaml')]);
});
