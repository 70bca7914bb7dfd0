// Property: wherever the splitter cuts a text into units, the per-unit parse (fast parser or
// yaml per entry, cached) reads the same data as yaml reading the whole text at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { analyzeRuleText } from '../../server/src/model/document';
import { UnitCache, withoutExponentFloats } from '../../server/src/model/parse';
import { toData } from '../../server/src/model/yamlTree';
import { corpus, sameAsWhole } from './core';
import { mutationArb, mutate, randomYamlArb, ruleFileArb } from './gen';

const seed = Number(process.env.FUZZ_SEED ?? 20260924);
const seeds = corpus();

test('units and whole parse read the same data: samples, mutated samples, random YAML, generated rule files', () => {
  let compared = 0;
  for (const s of seeds) if (sameAsWhole(s.text)) compared++;
  const mutated = fc
    .record({ seed: fc.integer({ min: 0, max: seeds.length - 1 }), ms: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) })
    .map(({ seed: i, ms }) => mutate(seeds[i].text, ms));
  fc.assert(
    fc.property(fc.oneof(mutated, randomYamlArb, ruleFileArb), (t) => {
      if (sameAsWhole(t)) compared++;
    }),
    { numRuns: 400, seed },
  );
  // the property must have had something to compare
  assert.ok(compared > 100, `compared ${compared}`);
});

test('an edit sequence through one cache reads what a fresh whole parse reads', () => {
  const base = seeds.find((s) => s.name.endsWith('starter/ear-embargoes.ecr.yaml'))?.text ?? seeds[0].text;
  fc.assert(
    fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (ms) => {
      const cache = new UnitCache();
      let t = base;
      sameAsWhole(t, cache);
      for (const m of ms) {
        t = mutate(t, [m]);
        sameAsWhole(t, cache);
      }
    }),
    { numRuns: 60, seed },
  );
});

test('a CRLF file reads as its LF twin: same data, same findings at the same lines and columns, parsed per entry', () => {
  const lfOnly = fc
    .oneof(
      randomYamlArb,
      ruleFileArb,
      fc
        .record({ seed: fc.integer({ min: 0, max: seeds.length - 1 }), ms: fc.array(mutationArb, { maxLength: 3 }) })
        .map(({ seed: i, ms }) => mutate(seeds[i].text, ms)),
    )
    .map((t) => t.replace(/\r\n?/g, '\n'));
  let withData = 0;
  fc.assert(
    fc.property(lfOnly, (lf) => {
      const crlf = lf.replace(/\n/g, '\r\n');
      const a = analyzeRuleText('file:///t/a.ecr.yaml', lf);
      const b = analyzeRuleText('file:///t/a.ecr.yaml', crlf);
      assert.equal(b.parseMode, a.parseMode);
      assert.deepEqual(
        b.problems.map((p) => [p.code, p.message, b.lines.rangeOf(p.span)]),
        a.problems.map((p) => [p.code, p.message, a.lines.rangeOf(p.span)]),
      );
      assert.deepEqual(toData(b.root), toData(a.root));
      assert.deepEqual(b.ruleSet.rules.map((r) => r.location.range), a.ruleSet.rules.map((r) => r.location.range));
      // and it is what yaml reads from the CRLF text itself (empty keys aside: toData names them "null")
      const whole = parseDocument(crlf, { customTags: withoutExponentFloats });
      if (/^[ -]*[:?]/m.test(lf) || whole.errors.length || b.problems.some((p) => ['too-deep', 'alias-limit', 'too-large'].includes(p.code))) return;
      assert.deepEqual(toData(b.root), whole.toJS());
      withData++;
    }),
    { numRuns: 200, seed },
  );
  assert.ok(withData > 100, `compared with yaml ${withData}`);
  const sample = seeds.find((s) => s.name.endsWith('starter/ear-embargoes.ecr.yaml'))!.text.replace(/\n/g, '\r\n');
  assert.equal(analyzeRuleText('file:///t/s.ecr.yaml', sample).parseMode, 'units');
});
