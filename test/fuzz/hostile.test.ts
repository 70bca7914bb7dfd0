// The classic hostile inputs, in process: each gets a clear finding (or reads fine) through
// every service, with no exception and no call near the hang bound (core.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PARSE_LIMITS } from '../../server/src/model/parse';
import { exercise, Timings } from './core';
import { hostile } from './gen';

const timings = new Timings();
const codesOf = (text: string, parseOnly = false) => exercise(text, { probes: [0, 0.3, 0.6, 0.99], parseOnly, timings }).codes;

test('alias bombs ("billion laughs") are refused with alias-limit', () => {
  assert.ok(codesOf(hostile.aliasBomb()).includes('alias-limit'));
  assert.ok(codesOf(hostile.aliasBombInRule()).includes('alias-limit'));
  // a few aliases are fine: the limit is on expansion, not on using YAML
  const few = 'ruleset: a\ntitle: &t Title\ndescription: *t\njurisdiction: US-EAR\n';
  assert.deepEqual(codesOf(few), []);
});

test(`10,000 levels of nesting (flow and block) are refused with too-deep (limit ${PARSE_LIMITS.maxDepth})`, () => {
  assert.ok(codesOf(hostile.deepFlow(10_000)).includes('too-deep'));
  assert.ok(codesOf(hostile.deepFlowMap(10_000)).includes('too-deep'));
  // block nesting of 10,000 levels is 50 MB of indentation; 1,000 levels show the same
  // (the 10,000-level file is a regression fixture, test/fixtures/fuzz/deep-block-completion.json)
  assert.ok(codesOf(hostile.deepBlock(1_000)).includes('too-deep'));
  assert.ok(codesOf(hostile.deepBlockSeq(1_000)).includes('too-deep'));
  // compact nested sequences on one line
  const compact = `ruleset: x\ntitle: y\nrules:\n  - ${'- '.repeat(10_000)}x\n`;
  assert.ok(codesOf(compact).some((c) => c === 'too-deep' || c === 'yaml-syntax'));
  // just under the limit still reads
  assert.ok(!codesOf(`ruleset: x\ntitle: ${'['.repeat(PARSE_LIMITS.maxDepth - 5)}${']'.repeat(PARSE_LIMITS.maxDepth - 5)}\n`).includes('too-deep'));
});

test('a 5 MB single line reads; a 400,000-item flow list on one line reads', () => {
  assert.deepEqual(codesOf(hostile.longLine(5_000_000)), []);
  assert.deepEqual(codesOf(hostile.longFlowLine(400_000), true), ['wrong-type']);
});

test('a 5 MB rule file of 30,000 rules: analysed and checked', () => {
  const codes = codesOf(hostile.bigFile(5_000_000), true);
  assert.deepEqual(codes, ['duplicate-rule']);
});

test('binary garbage gets findings, not an exception', () => {
  for (const seed of [1, 2, 3]) assert.ok(codesOf(hostile.binary(200_000, seed)).length > 0);
  const nul = `ruleset: x\0\ntitle: \u0000\u0001\u0002\n`;
  assert.ok(Array.isArray(codesOf(nul)));
});

test('timings of the hostile inputs', () => {
  console.log(`hostile: ${timings.calls} calls; ${timings.summary()}`);
});
