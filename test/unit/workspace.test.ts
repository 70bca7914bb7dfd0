// The workspace index: open buffers win over disk, the starter pack modes, dependents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCatalog } from '../../server/src/catalog/catalog';
import { analyzeRuleText } from '../../server/src/model/document';
import { factsOf, type StarterPack } from '../../server/src/workspace/starterPack';
import { RuleWorkspace } from '../../server/src/workspace/workspace';

const file = (id: string, rule: string, jurisdiction = 'US-EAR') =>
  `ruleset: ${id}\ntitle: ${id}\njurisdiction: ${jurisdiction}\nrules:\n  - id: ${rule}\n    citation: x\n    when:\n      items: [{ ccl: true }]\n      destinations: [{ country: RU }]\n    decision: license-required\n`;
const pack = [analyzeRuleText('file:///pack/a.ecr.yaml', file('pack-a', 'a1')), analyzeRuleText('file:///pack/b.ecr.yaml', file('pack-b', 'b1'))];
const ids = (ws: RuleWorkspace) => ws.ruleSets().map((s) => s.id).sort();

test('auto: the pack answers unless the workspace has rules of its own for the same jurisdiction', () => {
  const ws = new RuleWorkspace(getCatalog());
  ws.setStarterPack(pack, 'auto');
  assert.deepEqual(ids(ws), ['pack-a', 'pack-b']);
  assert.equal(ws.usingStarterPack, true);
  // products only, and a company policy: the pack still answers for the regulation
  ws.set('file:///w/products.ecr.yaml', 'ruleset: products\ntitle: Products\njurisdiction: US-EAR\nproducts:\n  - { sku: P1, eccn: 5A992 }\n', 1, false);
  ws.set('file:///w/policy.ecr.yaml', file('policy', 'p1', 'INTERNAL'), 1, false);
  assert.deepEqual(ids(ws), ['pack-a', 'pack-b', 'policy', 'products']);
  assert.equal(ws.engine().check({ item: { eccn: '5A992' }, destination: 'RU' }).matched.some((m) => m.rule === 'a1'), true);
  // rules of its own for US-EAR: the pack's US-EAR files step aside
  ws.set('file:///w/mine.ecr.yaml', file('mine', 'm1'), 1, false);
  assert.deepEqual(ids(ws), ['mine', 'policy', 'products']);
  assert.equal(ws.usingStarterPack, false);
  assert.deepEqual(ws.ownRuleSets().map((s) => s.id).sort(), ['mine', 'policy', 'products']);
});

test('auto: a pack whose every file steps aside is never read, only its facts', () => {
  let read = 0;
  const lazy: StarterPack = {
    facts: () => pack.map(factsOf),
    documents: () => (read++, pack),
  };
  const ws = new RuleWorkspace(getCatalog());
  ws.setStarterPack(lazy, 'auto');
  ws.set('file:///w/mine.ecr.yaml', file('mine', 'm1'), 1, false);
  assert.deepEqual(ids(ws), ['mine']);
  assert.equal(ws.usingStarterPack, false);
  assert.equal(read, 0, 'the pack was read although no file of it is used');
  // the workspace's rules become internal policy only: the pack answers for US-EAR again
  ws.set('file:///w/mine.ecr.yaml', file('mine', 'm1', 'INTERNAL'), 2, false);
  assert.deepEqual(ids(ws), ['mine', 'pack-a', 'pack-b']);
  assert.equal(read, 1);
  const always = new RuleWorkspace(getCatalog());
  always.setStarterPack(lazy, 'always');
  always.set('file:///w/mine.ecr.yaml', file('mine', 'm1'), 1, false);
  assert.deepEqual(ids(always), ['mine', 'pack-a', 'pack-b']);
});

test('a regime the workspace defines replaces the pack regime of the same id', () => {
  const withRegime = (id: string, countries: string) => `ruleset: ${id}\ntitle: ${id}\njurisdiction: INTERNAL\nregimes:\n  shared: { countries: [${countries}] }\n`;
  const ws = new RuleWorkspace(getCatalog());
  ws.setStarterPack([analyzeRuleText('file:///pack/r.ecr.yaml', `${withRegime('pack-r', 'RU').replace('INTERNAL', 'US-EAR')}rules:\n  - id: r1\n    citation: x\n    when:\n      items: [{ ccl: true }]\n      destinations: [{ regime: shared }]\n    decision: license-required\n`)], 'always');
  assert.equal(ws.engine().check({ item: { eccn: '5A992' }, destination: 'BY' }).decision, 'no-license-required');
  ws.set('file:///w/ours.ecr.yaml', withRegime('ours', 'RU, BY'), 1, false);
  assert.deepEqual(ws.engine().regimeProblems, [], 'no duplicate reported');
  assert.equal(ws.engine().check({ item: { eccn: '5A992' }, destination: 'BY' }).decision, 'license-required', "the pack rule uses the workspace's definition");
  assert.deepEqual(ws.regimes().map((r) => r.ruleset), ['ours']);
});

test('always: the workspace is layered on the pack; the same ruleset id overrides the pack file', () => {
  const ws = new RuleWorkspace(getCatalog());
  ws.setStarterPack(pack, 'always');
  ws.set('file:///w/mine.ecr.yaml', file('mine', 'm1'), 1, false);
  assert.deepEqual(ids(ws), ['mine', 'pack-a', 'pack-b']);
  ws.set('file:///w/override.ecr.yaml', file('pack-b', 'ours'), 1, false);
  assert.deepEqual(ids(ws), ['mine', 'pack-a', 'pack-b']);
  assert.deepEqual(ws.engine().rules.map((r) => r.id).sort(), ['a1', 'm1', 'ours']);
  assert.equal(ws.isStarterPack('file:///pack/a.ecr.yaml'), true);
  assert.equal(ws.isStarterPack('file:///pack/b.ecr.yaml'), false, 'overridden, so not in use');
});

test('off: never the pack', () => {
  const ws = new RuleWorkspace(getCatalog());
  ws.setStarterPack(pack, 'off');
  assert.deepEqual(ids(ws), []);
});

test('an open buffer is not replaced by its file on disk; closing goes back to the disk text', () => {
  const ws = new RuleWorkspace(getCatalog());
  const uri = 'file:///w/x.ecr.yaml';
  ws.set(uri, file('typed', 't'), 3, true);
  assert.equal(ws.set(uri, file('disk', 'd'), 0, false), undefined);
  assert.deepEqual(ids(ws), ['typed']);
  ws.close(uri, file('disk', 'd'));
  assert.deepEqual(ids(ws), ['disk']);
  ws.close(uri, undefined);
  assert.deepEqual(ids(ws), [], 'a buffer that was never on disk is forgotten when closed');
});

test('a selector that cannot be read (a misspelt key) errs on the side of a licence, with an error to fix', () => {
  const text = 'ruleset: typo\ntitle: Typo\nrules:\n  - id: r\n    citation: x\n    when:\n      items: [{ eccnn: 5A992 }]\n      destinations: [{ country: RU }]\n    decision: license-required\n';
  const ws = new RuleWorkspace(getCatalog());
  const doc = ws.set('file:///w/typo.ecr.yaml', text, 1, true)!;
  assert.ok(doc.problems.some((p) => p.code === 'unknown-property'));
  assert.equal(ws.engine().check({ item: { eccn: 'EAR99' }, destination: 'RU', date: '2025-01-01' }).decision, 'license-required');
  assert.equal(ws.engine().check({ item: { eccn: 'EAR99' }, destination: 'DE', date: '2025-01-01' }).decision, 'no-license-required');
});
