// The first analysis of a file parses it onto a tape, validates the tape's plain data and makes
// the tree only when something asks for it (server/src/model/parse.ts). It must say exactly
// what the tree-first path says (the path every edit takes): the same problems, at the same
// places, and, once made, the same tree; the text is scanned once, and the first edit after it
// re-validates only the entry it touched. Counted, never timed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { getCatalog } from '../../server/src/catalog/catalog';
import { analyzeRuleText } from '../../server/src/model/document';
import { parseRuleText, scanStats, splitUnits, unbuiltFile, UnitCache } from '../../server/src/model/parse';
import { validateRuleTree, validateUnbuilt, validationStats } from '../../server/src/model/validate';
import { toData } from '../../server/src/model/yamlTree';
import { domainProblems } from '../../server/src/service/domainDiagnostics';
import { RuleWorkspace } from '../../server/src/workspace/workspace';
import { generateProducts, generateRules } from '../bench/generate';
import { largeRuleFile } from './helpers/largeRuleFile';

function walk(d: string): string[] {
  if (!fs.existsSync(d)) return [];
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : /\.ecr\.ya?ml$/.test(e.name) ? [path.join(d, e.name)] : []));
}

const fixtures = [...walk('samples'), ...walk('test/fixtures'), ...walk('test/e2e/workspace')];
/** Fixtures wholly in the fast parser's subset (the others hold block scalars, syntax errors, cursor marks). */
const inSubset = ['samples/russia-belarus.ecr.yaml', 'test/fixtures/validate/clean.ecr.yaml', 'test/fixtures/validate/schema-shapes.ecr.yaml', 'test/fixtures/domain/clean.ecr.yaml', 'test/fixtures/parties/parties.ecr.yaml', 'test/e2e/workspace/rules.ecr.yaml'];

/** Asserts that the first analysis of `text` says what the tree-first path says; returns whether the tree was left unmade. */
function agrees(text: string, label: string): boolean {
  const eager = parseRuleText(text, undefined, { tape: false });
  const lazy = parseRuleText(text);
  const unbuilt = unbuiltFile(lazy);
  // the problems, from the tape's data, before any tree is made
  const schema = unbuilt ? validateUnbuilt(unbuilt) : validateRuleTree(lazy.root);
  assert.deepStrictEqual(schema, validateRuleTree(eager.root), `${label}: schema problems`);
  // the data of each top-level key, read off the tape, is the tree's
  if (unbuilt && eager.root?.kind === 'map')
    assert.deepStrictEqual(
      unbuilt.keys.map((k) => [k.name, k.data()]),
      eager.root.items.map((p) => [String(p.key.value), toData(p.value)]),
      `${label}: data`,
    );
  // the tree made afterwards, and everything else the parse says
  assert.deepStrictEqual(lazy, eager, `${label}: parse`);
  assert.equal(unbuiltFile(lazy), undefined, `${label}: the tape is let go once the tree is made`);
  return unbuilt !== undefined;
}

test('fixtures and samples: the first analysis says what the tree-first path says', () => {
  assert.ok(fixtures.length >= 20, `fixtures found: ${fixtures.length}`);
  const unmade = fixtures.filter((f) => agrees(fs.readFileSync(f, 'utf8'), f)).map((f) => path.relative('.', f));
  for (const f of inSubset) assert.ok(unmade.includes(f), `${f}: the tree was made at once`);
});

test('generated files, with schema errors in entries: the same problems, the tree left unmade', () => {
  const texts = [generateRules(400, 5, 3).text, generateProducts(300), largeRuleFile(300)];
  for (const [i, text] of texts.entries()) assert.ok(agrees(text, `generated ${i}`), `generated ${i}: the tree was made at once`);
  // the planted errors are found from the data and located in the entry's own nodes
  const planted = generateRules(400, 5, 3);
  const problems = analyzeRuleText('file:///g.ecr.yaml', planted.text).problems;
  assert.equal(problems.length, 5);
  const lineOf = (o: number) => planted.text.slice(0, o).split('\n').length - 1;
  assert.deepEqual(problems.map((p) => lineOf(p.span.start)), planted.plantedLines);
});

test('findings in a regime, in the header and in an inline section are the same as from the tree', () => {
  const rule = (id: string, extra = '') => `  - id: ${id}\n    citation: x\n    when:\n      items: [{ eccn: 3A001 }]\n      destinations: [{ country: RU }]\n    decision: license-required\n${extra}`;
  const cases = [
    // a regime with an unknown key and without countries: reported on its key and inside it
    `ruleset: a\ntitle: A\njurisdiction: US-EAR\nregimes:\n  good:\n    countries: [RU]\n  bad:\n    title: B\n    countrys: [RU]\nrules:\n${rule('r1')}`,
    // errors in the header (located in the whole tree, made for them)
    `ruleset: Not Valid\ntitle: 5\nrules:\n${rule('r1')}${rule('r2', '    decison: x\n')}`,
    // a section written inline, not split into units
    `ruleset: a\ntitle: A\nproducts: [{ sku: A1, eccn: 3A001 }, { sku: A2, ecn: 3A001 }]\nrules:\n${rule('r1')}`,
    // a key `__proto__` in data and a section that is a mapping of the wrong kind
    `ruleset: a\ntitle: A\n__proto__: 1\nrules:\n${rule('r1', '    __proto__: { x: 1 }\n')}`,
    'ruleset: a\ntitle: A\nrules:\n  r1: 1\n',
  ];
  for (const [i, text] of cases.entries()) agrees(text, `case ${i}`);
  // the cases do find what they are about
  const codes = cases.map((t) => analyzeRuleText('file:///c.ecr.yaml', t).problems.map((p) => p.code));
  assert.ok(codes[0].includes('unknown-property'));
  assert.ok(codes[1].length >= 3);
  assert.ok(codes[2].includes('unknown-property'));
});

/** Line edits that break a rule file's schema (or its syntax) in the ways people do. */
const EDITS: ((line: string) => string)[] = [
  (l) => l.replace(/^(\s*(?:- )?)(\w+):/, '$1$2x:'), // a misspelt key
  (l) => l.replace(/: .*$/, ': [1, 2]'), // a list where text belongs
  (l) => l.replace(/: .*$/, ': { a: 1 }'), // a mapping where text belongs
  (l) => l.replace(/: .*$/, ': 12'), // a number
  (l) => l.replace(/: .*$/, ':'), // an empty value
  (l) => l.replace(/: .*$/, ': ""'), // an empty string
  () => '', // a line gone (a required key, say)
  (l) => `${l}\n${l}`, // a line twice (a duplicate key)
  (l) => l.replace(/^(\s*)/, '$1  '), // indented too deep
  (l) => l.replace(/\[.*\]/, '[]'), // an empty list
  (l) => l.replace(/\{ (\w+):/, '{ $1x:'), // a misspelt selector key
  (l) => l.replace(/^(\s*)(- )?(\w+): .*$/, '$1$2$3: x\n$1x-note: kept'), // an extension key
];

test('generated files, edited at random: the first analysis says what the tree-first path says', () => {
  const base = `${generateRules(12, 1, 4).text}products:\n${generateProducts(6).split('products:\n')[1]}`;
  const lines = base.split('\n');
  let unmade = 0;
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(lines.length - 1), fc.nat(EDITS.length - 1)), { minLength: 1, maxLength: 4 }), (edits) => {
      const out = [...lines];
      for (const [at, e] of edits) out[at] = EDITS[e](out[at]);
      if (agrees(out.join('\n'), JSON.stringify(edits))) unmade++;
    }),
    { numRuns: 300 },
  );
  assert.ok(unmade > 100, `the tree was left unmade in only ${unmade} of 300 files`);
});

test('outside the fast path: duplicate keys, odd shapes and syntax errors are parsed tree first, as before', () => {
  const cases = [
    'ruleset: a\ntitle: A\nregimes:\n  x:\n    countries: [RU]\n  x:\n    countries: [BY]\n',
    'ruleset: a\ntitle: A\ntitle: B\n',
    'ruleset: a\ntitle: A\nrules:\n  - id: r1\n    when: { items: [\n',
    'ruleset: a\ntitle: A\nrules:\n  - id: &x r1\n  - id: *x\n',
    'ruleset: a\ntitle: A\nrules:   # a comment\n  - id: r1\n',
  ];
  for (const [i, text] of cases.entries()) assert.equal(agrees(text, `case ${i}`), false, `case ${i} took the fast path`);
});

test('the text of a file opened is scanned once: its tree, typed rules and domain checks read the tape', () => {
  const catalog = getCatalog();
  const text = generateRules(300, 2, 5, 1).text;
  const ws = new RuleWorkspace(catalog);
  const before = scanStats.chars;
  const doc = ws.set('file:///once.ecr.yaml', text, 1, true)!;
  assert.equal(scanStats.chars - before, text.length, 'the first analysis scans each character once');
  assert.equal(doc.problems.length, 2);
  void doc.root;
  void doc.ruleSet;
  domainProblems(doc, ws, catalog);
  assert.equal(scanStats.chars - before, text.length, 'nothing after the first analysis scans the text again');
});

test('after a first analysis the unit cache holds every entry of it, tree made or not (filled when it is first read)', () => {
  const text = generateRules(200, 0, 9).text;
  const units = splitUnits(text)!;
  const distinct = new Set(units.map((u) => text.slice(u.start, u.end))).size;
  assert.ok(distinct > 200);
  for (const makeTreeFirst of [false, true]) {
    const cache = new UnitCache();
    const first = analyzeRuleText('file:///c.ecr.yaml', text, 1, cache);
    if (makeTreeFirst) void first.root;
    assert.equal(cache.size, distinct, `tree made first: ${makeTreeFirst}`);
  }
});

test('the first edit after a first analysis re-validates only the entry it touched, tree made or not', () => {
  const text = generateRules(200, 0, 9).text;
  for (const makeTreeFirst of [false, true]) {
    const cache = new UnitCache();
    const first = analyzeRuleText('file:///e.ecr.yaml', text, 1, cache);
    if (makeTreeFirst) void first.root;
    const edited = text.replace(/decision: prohibited/, 'decision: no-license-required');
    assert.notEqual(edited, text);
    const scanned = scanStats.chars;
    const validated = validationStats.entries;
    const second = analyzeRuleText('file:///e.ecr.yaml', edited, 2, cache);
    assert.equal(validationStats.entries - validated, 1, `entries re-validated (tree made first: ${makeTreeFirst})`);
    assert.ok(scanStats.chars - scanned < 1000, 'only the edited unit is parsed');
    assert.deepStrictEqual(second.root, parseRuleText(edited, undefined, { tape: false }).root);
    assert.deepStrictEqual(second.problems, []);
  }
});
