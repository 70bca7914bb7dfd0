// Bounded in-process fuzz (part of `npm test`): mutated samples, random YAML and generated rule
// files through every service, with the invariants of core.ts. A fixed seed keeps CI
// deterministic; FUZZ_SEED=n tries another, and `npm run fuzz` runs long.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { corpus, exercise, repoRoot, Timings } from './core';
import { mutationArb, mutate, randomYamlArb, ruleFileArb, TRICKY } from './gen';

const seed = Number(process.env.FUZZ_SEED ?? 20260924);
const seeds = corpus();
const probes = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 });
const timings = new Timings();
const run = <T>(arb: fc.Arbitrary<T>, toText: (v: T) => string, numRuns: number) =>
  fc.assert(
    fc.property(arb, probes, (v, p) => {
      exercise(toText(v), { probes: p, timings });
    }),
    { numRuns, seed },
  );

test('the corpus holds every sample and fixture', () => {
  assert.ok(seeds.length >= 10, `${seeds.length} seed files`);
  assert.ok(seeds.some((s) => s.name.startsWith('samples/')));
});

test('mutated rule files (lines deleted, duplicated, swapped; bytes inserted; tabs, indentation, CRLF, BOM)', () => {
  const mutated = fc.record({ seed: fc.integer({ min: 0, max: seeds.length - 1 }), ms: fc.array(mutationArb, { minLength: 1, maxLength: 5 }) });
  run(mutated, ({ seed: i, ms }) => mutate(seeds[i].text, ms), 300);
});

test('random YAML and generated rule files', () => {
  run(randomYamlArb, (t) => t, 100);
  run(ruleFileArb, (t) => t, 100);
});

test('unicode: right-to-left, zero-width and other tricky characters at random places of a sample', () => {
  const text = seeds.find((s) => s.name.endsWith('company/policy.ecr.yaml'))?.text ?? seeds[0].text;
  const inserts = fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), ch: fc.constantFrom(...TRICKY) }), { minLength: 1, maxLength: 6 });
  run(inserts, (xs) => xs.reduce((t, x) => mutate(t, [{ kind: 'insert', at: x.at, text: x.ch }]), text), 80);
});

test('a small file truncated at every offset (typing it from the top), completion at the cut', () => {
  const text = fs.readFileSync(path.join(repoRoot, 'samples/russia-belarus.ecr.yaml'), 'utf8');
  for (let i = 0; i <= text.length; i++) exercise(text.slice(0, i), { timings });
  assert.ok(timings.calls > text.length);
});

test('binary garbage', () => {
  run(fc.uint8Array({ maxLength: 2000 }), (b) => Buffer.from(b).toString('latin1'), 100);
  run(fc.string({ unit: 'binary', maxLength: 500 }), (s) => s, 100);
});

test('no call came near the hang bound', () => {
  // informational: the bound itself is enforced per call in core.ts
  console.log(`in-process fuzz: ${timings.calls} calls; ${timings.summary()}`);
});
