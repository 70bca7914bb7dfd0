// The classic hostile inputs, in process: each gets exactly its findings (or reads fine)
// through every service, with no exception and each call within its bound of counted work
// (core.ts): a hang would be work out of all proportion, not a slow clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PARSE_LIMITS } from '../../server/src/model/parse';
import { exercise, Timings } from './core';
import { hostile } from './gen';

/** The codes (sorted) and the number of findings of a text, after every service ran on it. */
const findings = (text: string, parseOnly = false) => {
  const r = exercise(text, { probes: [0, 0.3, 0.6, 0.99], parseOnly, timings: new Timings() });
  return { codes: [...r.codes].sort(), count: r.diagnostics };
};

test('alias bombs ("billion laughs") are refused with alias-limit, and the file is not read', () => {
  // refused whole: no rule file is left to check (not-a-rule-file)
  assert.deepEqual(findings(hostile.aliasBomb()), { codes: ['alias-limit', 'not-a-rule-file'], count: 2 });
  assert.deepEqual(findings(hostile.aliasBombInRule()), { codes: ['alias-limit', 'not-a-rule-file'], count: 2 });
  // a few aliases are fine: the limit is on expansion, not on using YAML
  assert.deepEqual(findings('ruleset: a\ntitle: &t Title\ndescription: *t\njurisdiction: US-EAR\n'), { codes: [], count: 0 });
});

test(`10,000 levels of nesting (flow and block) are refused with too-deep (limit ${PARSE_LIMITS.maxDepth})`, () => {
  // the nested entry is refused, so the file lacks it (missing-property: title)
  const refused = { codes: ['missing-property', 'too-deep'], count: 2 };
  assert.deepEqual(findings(hostile.deepFlow(10_000)), refused);
  assert.deepEqual(findings(hostile.deepFlowMap(10_000)), refused);
  // block nesting of 10,000 levels is 50 MB of indentation; 1,000 levels show the same
  // (the 10,000-level file is a regression fixture, test/fixtures/fuzz/deep-block-completion.json)
  assert.deepEqual(findings(hostile.deepBlock(1_000)), refused);
  // a nested sequence ends in a scalar after its dashes, which YAML reports too
  assert.deepEqual(findings(hostile.deepBlockSeq(1_000)), { codes: ['missing-property', 'too-deep', 'yaml-syntax'], count: 3 });
  // compact nested sequences on one line
  assert.deepEqual(findings(`ruleset: x\ntitle: y\nrules:\n  - ${'- '.repeat(10_000)}x\n`), { codes: ['too-deep', 'yaml-syntax'], count: 2 });
  // just under the limit still reads: the title is a (deep) list, not text
  assert.deepEqual(findings(`ruleset: x\ntitle: ${'['.repeat(PARSE_LIMITS.maxDepth - 5)}${']'.repeat(PARSE_LIMITS.maxDepth - 5)}\n`), { codes: ['wrong-type'], count: 1 });
});

test('a 5 MB single line reads; a 400,000-item flow list on one line reads', () => {
  assert.deepEqual(findings(hostile.longLine(5_000_000)), { codes: [], count: 0 });
  // the title is a list (one wrong-type), its items are fine
  assert.deepEqual(findings(hostile.longFlowLine(400_000), true), { codes: ['wrong-type'], count: 1 });
});

test('a 5 MB rule file of 30,000 rules: analysed and checked', () => {
  // the generator repeats one rule with new ids: every rule but the first repeats it
  const text = hostile.bigFile(5_000_000);
  const rules = text.split('\n  - id: ').length - 1;
  assert.deepEqual(findings(text, true), { codes: ['duplicate-rule'], count: rules - 1 });
});

test('binary garbage and control characters get findings, not an exception', () => {
  // seeded garbage: the same bytes each run, so the same findings
  assert.deepEqual(findings(hostile.binary(200_000, 1)), { codes: ['not-a-rule-file', 'yaml-syntax'], count: 2 });
  assert.deepEqual(findings(hostile.binary(200_000, 2)), { codes: ['missing-property', 'unknown-property', 'yaml-syntax'], count: 8 });
  assert.deepEqual(findings(hostile.binary(200_000, 3)), { codes: ['not-a-rule-file', 'yaml-syntax'], count: 2 });
  // NUL in an id: not an id's form (invalid-format); in the title, text
  assert.deepEqual(findings(`ruleset: x\0\ntitle: \u0000\u0001\u0002\n`), { codes: ['invalid-format'], count: 1 });
});
