// Each limit answers with a clear finding instead of a crash or a hang, at the value that
// docs/limits-and-security.md states.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCatalog } from '../../server/src/catalog/catalog';
import { MAX_BATCH_LINE } from '../../server/src/batchInput';
import { MAX_REGIME_DEPTH } from '../../server/src/engine/regimes';
import { PARSE_LIMITS } from '../../server/src/model/parse';
import { domainProblems } from '../../server/src/service/domainDiagnostics';
import { RuleWorkspace } from '../../server/src/workspace/workspace';
import { exercise } from './core';

test('the limits have the values the documentation states', () => {
  assert.deepEqual(PARSE_LIMITS, { maxAliasCount: 100, maxDepth: 200, maxNodes: 2_000_000 });
  assert.equal(MAX_REGIME_DEPTH, 64);
  assert.equal(MAX_BATCH_LINE, 65_536);
});

test(`aliases: ${PARSE_LIMITS.maxAliasCount} expansions read, one more is alias-limit`, () => {
  const withAliases = (n: number) => `ruleset: a\ntitle: &t T\njurisdiction: US-EAR\ndescription: [${Array(n).fill('*t').join(', ')}]\n`;
  assert.ok(!exercise(withAliases(PARSE_LIMITS.maxAliasCount)).codes.includes('alias-limit'));
  assert.ok(exercise(withAliases(PARSE_LIMITS.maxAliasCount + 1)).codes.includes('alias-limit'));
});

test(`nesting: ${PARSE_LIMITS.maxDepth} levels is the limit, beyond it too-deep`, () => {
  const flow = (n: number) => `ruleset: d\ntitle: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  assert.ok(!exercise(flow(PARSE_LIMITS.maxDepth - 2)).codes.includes('too-deep'));
  assert.ok(exercise(flow(PARSE_LIMITS.maxDepth + 1)).codes.includes('too-deep'));
});

test(`regimes including regimes more than ${MAX_REGIME_DEPTH} deep: regime-too-deep, and checks still answer`, () => {
  const chain = (n: number) =>
    `ruleset: chain\ntitle: Chain\nregimes:\n${Array.from({ length: n }, (_, i) => `  r${i}:\n    ${i + 1 < n ? `include: [{ regime: r${i + 1} }]` : 'countries: [RU]'}\n`).join('')}rules:\n  - id: x\n    citation: x\n    when:\n      items: [{ ccl: true }]\n      destinations: [{ regime: r0 }]\n    decision: prohibited\n`;
  const codes = (n: number) => {
    const ws = new RuleWorkspace(getCatalog());
    const doc = ws.set('file:///t/chain.ecr.yaml', chain(n), 1, true)!;
    ws.engine().check({ item: { eccn: '5A992' }, destination: 'RU', date: '2025-01-01' });
    return domainProblems(doc, ws, getCatalog()).map((p) => p.code);
  };
  assert.ok(!codes(MAX_REGIME_DEPTH).includes('regime-too-deep'));
  assert.ok(codes(MAX_REGIME_DEPTH + 2).includes('regime-too-deep'));
  assert.ok(codes(2_000).includes('regime-too-deep'));
  // a cycle is a finding too, not a hang
  const cycle = 'ruleset: c\ntitle: C\nregimes:\n  a:\n    include: [{ regime: b }]\n  b:\n    include: [{ regime: a }]\n';
  assert.ok(exercise(cycle).codes.includes('regime-cycle'));
});
