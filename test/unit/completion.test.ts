// Completion over fixture rule files with a `|` cursor marker: keys at every depth, snippets,
// catalog codes found by code and by words, workspace regimes and products, inserted as YAML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-types';
import { analyzeRuleText } from '../../server/src/model/document';
import { RuleWorkspace } from '../../server/src/workspace/workspace';
import { getCatalog } from '../../server/src/catalog/catalog';
import { complete, SEARCH_LIMIT } from '../../server/src/service/completion';
import { hover } from '../../server/src/service/hover';
import { cursorContext } from '../../server/src/service/yamlContext';

const FIXTURES = join(__dirname, '..', 'fixtures', 'completion');
const catalog = getCatalog();

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.ecr.yaml`), 'utf8');
}

/** A workspace with the shared regimes file and the base file, as the server would hold them. */
function workspace(): RuleWorkspace {
  const ws = new RuleWorkspace(catalog);
  ws.set('file:///w/other-regimes.ecr.yaml', fixture('other-regimes'), 1, false);
  ws.set('file:///w/base.ecr.yaml', fixture('base'), 1, false);
  return ws;
}
const ws = workspace();

/** Text with one `|` marker: the text without it, and the marker's offset. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0 && marked.indexOf('|', offset + 1) === -1, 'exactly one | marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** Completion at the marker of a fixture, with `typed` written before the marker. */
function completeIn(name: string, typed = '', ...replace: [string, string][]): CompletionList {
  let marked = fixture(name);
  for (const [from, to] of replace) marked = marked.replace(from, to);
  marked = marked.replace('|', `${typed}|`);
  const { text, offset } = at(marked);
  return complete(analyzeRuleText('file:///w/draft.ecr.yaml', text), offset, ws, catalog);
}

const labels = (l: CompletionList) => l.items.map((i) => i.label);
const newText = (i: CompletionItem) => (i.textEdit as TextEdit).newText;
const item = (l: CompletionList, label: string) => {
  const found = l.items.find((i) => i.label === label);
  assert.ok(found, `no item ${label} in ${labels(l).slice(0, 20).join(', ')}`);
  return found;
};
const docText = (i: CompletionItem) => (typeof i.documentation === 'string' ? i.documentation : (i.documentation?.value ?? ''));

// ---- ECCN values ---------------------------------------------------------------------------

test('eccn value: every ECCN by code prefix, each with title and documentation', () => {
  const l = completeIn('item-selector', '3A0');
  assert.ok(l.items.length > 0);
  assert.ok(labels(l).every((c) => c.startsWith('3A0')), labels(l).join(' '));
  const e = item(l, '3A001');
  assert.equal(e.detail, catalog.eccn('3A001')?.title);
  const doc = docText(e);
  for (const part of ['Reasons for control', 'NS2', 'Licence exceptions', 'LVS', 'eCFR as of 2026-07-23 / 2026-09-24']) assert.ok(doc.includes(part), part);
  assert.equal(l.isIncomplete, true, 'a search list is asked again as the user types');
});

test('eccn value: words of the title find entries (avionics, machine tool, smartphone)', () => {
  assert.ok(labels(completeIn('item-selector', 'avionics')).includes('7A994'));
  assert.ok(labels(completeIn('item-selector', 'machine tool')).includes('2B001'));
  assert.ok(labels(completeIn('item-selector', 'smartphone')).includes('5A992'));
});

test('eccn value: word hits keep what is typed in filterText, and replace the whole typed text', () => {
  const l = completeIn('item-selector', 'machine tool');
  const hit = item(l, '2B001');
  assert.ok(hit.filterText?.startsWith('machine tool'), hit.filterText);
  const edit = hit.textEdit as TextEdit;
  assert.equal(edit.range.end.character - edit.range.start.character, 'machine tool'.length);
  assert.equal(edit.newText, '2B001');
});

test('eccn value: an empty value lists ECCNs, truncated and incomplete', () => {
  const l = completeIn('item-selector');
  assert.equal(l.items.length, SEARCH_LIMIT);
  assert.equal(l.isIncomplete, true);
});

test('eccn value: technology ECCNs that YAML reads as numbers are inserted quoted', () => {
  const l = completeIn('test-item', 'eccn: 3E00');
  assert.equal(newText(item(l, '3E001')), '"3E001"');
  const plain = completeIn('test-item', 'eccn: 5A99');
  assert.equal(newText(item(plain, '5A992')), '5A992');
});

test('eccn value: product eccn and directProductOf items complete ECCNs too', () => {
  const product = completeIn('root-keys', '', ['|', 'products:\n  - sku: X-1\n    eccn: 7A9|']);
  assert.ok(labels(product).includes('7A994'));
  const dp = completeIn('root-keys', '', ['|', 'products:\n  - sku: X-1\n    directProductOf: ["3E001", 3D0|]']);
  assert.ok(labels(dp).includes('3D001'));
});

// ---- destinations --------------------------------------------------------------------------

test('country value: names find codes (germ -> DE first, russia -> RU first)', () => {
  assert.equal(completeIn('destination-block', 'country: germ').items[0]?.label, 'DE');
  assert.equal(completeIn('destination-block', 'country: russia').items[0]?.label, 'RU');
  const de = completeIn('destination-block', 'country: germ').items[0];
  assert.equal(de.detail, 'Germany');
  for (const part of ['Country Groups', 'A:1', 'Country Chart', 'NS1', 'eCFR as of']) assert.ok(docText(de).includes(part), part);
});

test('country value inside a flow list: codes with names, the listed ones left out', () => {
  const l = completeIn('destination-flow', 'B');
  assert.ok(labels(l).includes('BY'));
  assert.ok(!labels(l).includes('RU'));
  const all = completeIn('destination-flow');
  assert.ok(!labels(all).includes('RU'), 'RU is already in the list');
  assert.equal(item(all, 'DE').detail, 'Germany');
});

test('country value: regions complete (UA-43 Crimea), and test destinations and regime countries too', () => {
  const l = completeIn('destination-block', 'country: UA-4');
  assert.equal(item(l, 'UA-43').detail, 'Crimea');
  const dest = completeIn('test-item', '', ['item:\n      |', 'item: { eccn: 5A992 }\n    destination: ger|']);
  assert.equal(dest.items[0]?.label, 'DE');
  const regime = completeIn('new-regime', 'x:\n    countries: [bel');
  assert.ok(labels(regime).includes('BY'));
});

test('countryGroup value: every group with its member count, inserted quoted', () => {
  const l = completeIn('destination-block', 'countryGroup: ');
  for (const g of ['A:1', 'B', 'D:1', 'D:5', 'E:1', 'E:2']) assert.ok(labels(l).includes(g), g);
  const e1 = item(l, 'E:1');
  assert.match(e1.detail ?? '', /\(\d+ members?\)/);
  assert.equal(newText(e1), '"E:1"');
  assert.ok(docText(e1).includes('members'));
});

test('countryGroup value after an opening quote: the quotes are kept once', () => {
  const l = completeIn('destination-flow', '', ['[{ country: [RU, |] }]', '[{ countryGroup: "E| }]']);
  const e1 = item(l, 'E:1');
  assert.equal(newText(e1), '"E:1"');
  const edit = e1.textEdit as TextEdit;
  assert.equal(edit.range.end.character - edit.range.start.character, 2, 'replaces the typed "E');
  const closed = completeIn('destination-flow', '', ['[{ country: [RU, |] }]', '[{ countryGroup: "E|" }]']);
  const edit2 = item(closed, 'E:1').textEdit as TextEdit;
  assert.equal(edit2.newText, '"E:1"');
  assert.equal(edit2.range.end.character - edit2.range.start.character, 3, 'replaces "E" with both quotes');
});

// ---- workspace names -----------------------------------------------------------------------

test('regime value: regimes of every rule file in the workspace', () => {
  const l = completeIn('destination-block', 'regime: ');
  assert.ok(labels(l).includes('strict-embargo'), 'defined in another file');
  assert.ok(labels(l).includes('eastern-embargo'));
  assert.match(item(l, 'strict-embargo').detail ?? '', /Strict embargo/);
});

test('product value: skus of the workspace', () => {
  const l = completeIn('test-item', 'product: ');
  assert.ok(labels(l).includes('FMC-200'));
  assert.ok(docText(item(l, 'FMC-200')).includes('7A994'));
});

test('decidedBy value: rule ids of the workspace', () => {
  const l = completeIn('test-item', '', ['item:\n      |', 'item: { eccn: 5A992 }'], ['destination: RU', 'destination: RU\n    decidedBy: [|]']);
  assert.ok(labels(l).includes('east-all-ccl'));
});

// ---- other values --------------------------------------------------------------------------

test('category, productGroup, chart and reason values', () => {
  const cat = completeIn('item-selector', '', ['eccn: |', 'category: |']);
  assert.deepEqual(labels(cat), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.equal(newText(item(cat, '3')), '"3"');
  assert.equal(item(cat, '3').detail, 'Electronics');
  const pg = completeIn('item-selector', '', ['eccn: |', 'productGroup: |']);
  assert.deepEqual(labels(pg), ['A', 'B', 'C', 'D', 'E']);
  const chart = completeIn('destination-block', 'chart: ');
  assert.equal(chart.items.length, 16);
  assert.ok(docText(item(chart, 'NS1')).length > 20);
  const reason = completeIn('item-selector', '', ['eccn: |', 'reason: [NS1, |]']);
  assert.ok(labels(reason).includes('NS'));
  assert.ok(labels(reason).includes('MT1'));
  assert.ok(!labels(reason).includes('NS1'));
});

test('decision, origin and jurisdiction values from the schema enums, with their descriptions', () => {
  const d = completeIn('rule-keys', 'decision: ');
  assert.deepEqual(labels(d), ['prohibited', 'license-required', 'no-license-required']);
  assert.match(docText(item(d, 'prohibited')), /most restrictive/);
  const o = completeIn('item-selector', '', ['eccn: |', 'origin: |']);
  assert.deepEqual(labels(o).sort(), ['foreign', 'us']);
  const j = completeIn('root-keys', 'jurisdiction: ');
  assert.ok(labels(j).includes('US-EAR'));
  const e = completeIn('test-item', '', ['item:\n      |', 'item: { eccn: 5A992 }'], ['expect: license-required', 'expect: n|']);
  assert.ok(labels(e).includes('no-license-required'));
});

test('exceptions and review values', () => {
  const ex = completeIn('rule-keys', 'exceptions: [GOV, ');
  for (const code of ['LVS', 'GBS', 'TSR', 'ENC', 'TMP']) assert.ok(labels(ex).includes(code), code);
  assert.ok(!labels(ex).includes('GOV'));
  assert.match(item(ex, 'LVS').detail ?? '', /740\.3/);
  // the catalog of part 740: SPP (740.5, Syria) is there, CIV (removed from part 740) is not
  assert.match(item(ex, 'SPP').detail ?? '', /^15 CFR 740\.5 .*\(SPP\)$/);
  assert.ok(!labels(ex).includes('CIV'));
  assert.match(docText(item(ex, 'LVS')), /decided from the data/);
  assert.match(docText(item(ex, 'TMP')), /for a person to confirm/);
  const review = completeIn('rule-keys', 'review: ');
  for (const p of ['policy of denial', 'case-by-case', 'presumption of approval', 'presumption of denial']) assert.ok(labels(review).includes(p), p);
});

test('a test\'s expectExceptions and usContent complete from part 740 and the CCL', () => {
  const ex = completeIn('test-item', '', ['item:\n      |', 'item: { eccn: 2B007.a, value: 400 }'], ['expect: license-required', 'expect: license-required\n    expectExceptions: [|]']);
  assert.ok(labels(ex).includes('LVS'));
  const eccns = completeIn('test-item', '5A99', ['item:\n      |', 'item: { eccn: 3A001, usContent: { percent: 8, eccns: [|] } }']);
  assert.ok(labels(eccns).includes('5A992'), labels(eccns).slice(0, 10).join(' '));
});

test('ccl, ear99 and any complete to true', () => {
  assert.deepEqual(labels(completeIn('item-selector', '', ['eccn: |', 'ccl: |'])), ['true']);
  assert.deepEqual(labels(completeIn('item-selector', '', ['eccn: |', 'ear99: |'])), ['true']);
  assert.deepEqual(labels(completeIn('destination-block', 'any: ')), ['true']);
});

test('a value right after the colon gets its space, in block and in flow', () => {
  const l = completeIn('destination-block', 'countryGroup:');
  assert.equal(newText(item(l, 'E:1')), ' "E:1"');
  const flow = completeIn('destination-flow', '', ['[{ country: [RU, |] }]', '[{ chart:| }]']);
  assert.equal(newText(item(flow, 'NS1')), ' NS1');
});

test('a file with CRLF line ends completes the same', () => {
  const marked = fixture('item-selector').replace('|', '3A0|').replace(/\n/g, '\r\n');
  const { text, offset } = at(marked);
  const l = complete(analyzeRuleText('file:///w/crlf.ecr.yaml', text), offset, ws, catalog);
  assert.ok(labels(l).includes('3A001'));
  const edit = item(l, '3A001').textEdit as TextEdit;
  assert.deepEqual(edit.range, { start: { line: 7, character: 16 }, end: { line: 7, character: 19 } });
});

// ---- keys ----------------------------------------------------------------------------------

test('root keys: the schema keys not yet present', () => {
  const l = completeIn('root-keys');
  for (const k of ['title', 'jurisdiction', 'regimes', 'products', 'tests', 'effective']) assert.ok(labels(l).includes(k), k);
  assert.ok(!labels(l).includes('ruleset'), 'present above');
  assert.ok(!labels(l).includes('rules'), 'present below');
  assert.match(docText(item(l, 'jurisdiction')), /body of law/);
  assert.equal(newText(item(l, 'tests')), 'tests:\n  - $0');
});

test('rule keys: a partly typed key inside a rule, present keys left out', () => {
  const l = completeIn('rule-keys', 'dec');
  assert.ok(labels(l).includes('decision'));
  assert.ok(!labels(l).includes('id') && !labels(l).includes('when') && !labels(l).includes('citation'));
  const decision = item(l, 'decision');
  assert.equal(newText(decision), 'decision: ');
  assert.equal(decision.command?.command, 'editor.action.triggerSuggest', 'values follow');
  const edit = decision.textEdit as TextEdit;
  assert.equal(edit.range.end.character - edit.range.start.character, 3, 'replaces "dec"');
});

test('when keys: destinations, except and parties, inserted as blocks at the right indentation', () => {
  const l = completeIn('when-keys');
  assert.deepEqual(labels(l).sort(), ['destinations', 'except', 'parties']);
  assert.equal(newText(item(l, 'destinations')), 'destinations:\n        - $0');
  assert.equal(newText(item(l, 'except')), 'except:\n        $0');
  assert.equal(newText(item(l, 'parties')), 'parties:\n        - $0');
});

test('selector keys: destination selector keys under destinations, item selector keys in flow', () => {
  const d = completeIn('destination-block');
  for (const k of ['country', 'countryGroup', 'chart', 'regime', 'any']) assert.ok(labels(d).includes(k), k);
  assert.equal(newText(item(d, 'any')), 'any: true');
  const flow = completeIn('destination-flow', '', ['[{ country: [RU, |] }]', '[{ country: RU, | }]']);
  assert.ok(labels(flow).includes('chart'));
  assert.ok(!labels(flow).includes('country'));
  const items = completeIn('item-selector', '', ['eccn: |', '|']);
  for (const k of ['eccn', 'category', 'productGroup', 'reason', 'ccl', 'ear99', 'hs', 'product', 'origin', 'directProductOf']) assert.ok(labels(items).includes(k), k);
});

test('test item keys, and the item snippets', () => {
  const l = completeIn('test-item');
  for (const k of ['eccn', 'hs', 'product', 'origin', 'directProductOf']) assert.ok(labels(l).includes(k), k);
  assert.ok(labels(l).includes('item by ECCN'));
  const flow = completeIn('test-item', '', ['item:\n      |', 'item: |']);
  assert.ok(labels(flow).includes('item by ECCN'));
  assert.equal(newText(item(flow, 'item by ECCN')), '{ eccn: ${1:5A992} }');
});

test('a key being typed where a list is expected gets its dash', () => {
  const l = completeIn('new-rule', '', ['  - |', '  |']);
  const id = item(l, 'id');
  assert.equal(newText(id), '- id: ');
  assert.ok(labels(l).includes('rule'));
  assert.ok(newText(item(l, 'rule')).startsWith('- id: '));
});

// ---- snippets ------------------------------------------------------------------------------

test('snippets: a whole rule, regime, product, test and selector, as valid YAML', () => {
  const rule = item(completeIn('new-rule'), 'rule');
  assert.equal(rule.kind, 15);
  const text = `rules:\n  - ${plain(newText(rule))}\n`;
  const parsed = parseYaml(text) as { rules: Record<string, unknown>[] };
  assert.equal(parsed.rules[0].id, 'new-rule');
  assert.deepEqual(parsed.rules[0].when, { items: [{ eccn: '3A001' }], destinations: [{ country: 'RU' }] });

  const regime = item(completeIn('new-regime'), 'regime');
  const r = parseYaml(`regimes:\n  ${plain(newText(regime))}\n`) as { regimes: Record<string, { countries: string[] }> };
  assert.deepEqual(r.regimes['russia-belarus'].countries, ['RU', 'BY']);

  const product = item(completeIn('root-keys', '', ['|', 'products:\n  - |']), 'product');
  const p = parseYaml(`products:\n  - ${plain(newText(product))}\n`) as { products: Record<string, unknown>[] };
  assert.equal(p.products[0].hs, '8526.91', 'the HS code stays quoted text');

  const t = item(completeIn('root-keys', '', ['|', 'tests:\n  - |']), 'test');
  const tp = parseYaml(`tests:\n  - ${plain(newText(t))}\n`) as { tests: Record<string, unknown>[] };
  assert.deepEqual(tp.tests[0].item, { eccn: '5A992' });

  const sel = item(completeIn('destination-block'), 'countryGroup selector');
  assert.equal(newText(sel), 'countryGroup: "${1:E:1}"');
});

test('snippets: a new file gets the whole-file snippet', () => {
  const l = complete(analyzeRuleText('file:///w/new.ecr.yaml', ''), 0, ws, catalog);
  const file = item(l, 'new rule file');
  const parsed = parseYaml(plain(newText(file))) as { ruleset: string; rules: unknown[]; tests: unknown[] };
  assert.equal(parsed.ruleset, 'my-company-rules');
  assert.equal(parsed.rules.length, 1);
  assert.equal(parsed.tests.length, 1);
});

// ---- context edge cases --------------------------------------------------------------------

test('no completion in comments or inside block scalars', () => {
  assert.equal(completeIn('rule-keys', '# dec').items.length, 0);
  const inText = completeIn('rule-keys', 'notes: >\n      some text\n      more ');
  assert.equal(inText.items.length, 0);
});

test('the cursor context reads incomplete lines', () => {
  const { text, offset } = at(fixture('item-selector').replace('|', '3A0|'));
  const ctx = cursorContext(analyzeRuleText('file:///x', text), offset);
  assert.deepEqual(ctx?.path, ['rules', '[]', 'when', 'items', '[]', 'eccn']);
  assert.equal(ctx?.position, 'value');
  assert.equal(ctx?.typed, '3A0');
});

test('a large file: completion reads only the lines it needs', () => {
  const rules = Array.from({ length: 5000 }, (_, i) => `  - id: r${i}\n    citation: c\n    when:\n      items: [{ eccn: 3A001 }]\n      destinations: [{ country: RU }]\n    decision: license-required\n`).join('');
  const { text, offset } = at(`ruleset: big\ntitle: Big\nrules:\n${rules}  - id: last\n    citation: c\n    when:\n      items: [{ eccn: 5A99| }]\n`);
  const doc = analyzeRuleText('file:///big.ecr.yaml', text);
  const l = complete(doc, offset, ws, catalog);
  assert.ok(labels(l).includes('5A992'));
});

/** Snippet text with placeholders replaced by their defaults (what a user gets on Tab). */
function plain(s: string): string {
  return s
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

test('completion and hover answer at every offset of every fixture without throwing', () => {
  for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith('.ecr.yaml'))) {
    const text = readFileSync(join(FIXTURES, f), 'utf8').replace('|', '');
    const doc = analyzeRuleText(`file:///w/${f}`, text);
    for (let o = 0; o <= text.length; o++) {
      const l = complete(doc, o, ws, catalog);
      assert.ok(Array.isArray(l.items), `${f}@${o}`);
      hover(doc, o, ws, catalog);
    }
  }
});

test('party ids: in a rule\'s party selector and in a test\'s party, with name, country and role', () => {
  const inRule = completeIn('party-ids');
  assert.deepEqual(labels(inRule), ['acme-trading', 'hebei-semi']);
  assert.equal(item(inRule, 'hebei-semi').detail, 'Hebei Semiconductor Research Institute · CN · end-user');
  const inTest = completeIn('party-ids', '', ['[{ id: | }]', '[{ id: hebei-semi }]'], ['party: hebei-semi', 'party: |']);
  assert.deepEqual(labels(inTest), ['acme-trading', 'hebei-semi']);
  // a rule's own id is not a party id
  const ruleId = completeIn('party-ids', '', ['[{ id: | }]', '[{ id: hebei-semi }]'], ['- id: our-end-users', '- id: |']);
  assert.ok(!labels(ruleId).includes('hebei-semi'));
});
