// Property: wherever the splitter cuts a text into units, the per-unit parse (fast parser or
// yaml per entry, cached) reads the same data as yaml reading the whole text at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { UnitCache } from '../../server/src/model/parse';
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
    { numRuns: 600, seed },
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
