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
/**
 * Runs `numRuns` inputs through every service and checks that each input reached each one:
 * the document-wide services once per input, completion, hover and the rest once per probe
 * (the random ones and the end). exercise() checks the answers and bounds each call's work.
 */
function run<T>(arb: fc.Arbitrary<T>, toText: (v: T) => string, numRuns: number): void {
  const timings = new Timings();
  let probed = 0;
  fc.assert(
    fc.property(arb, probes, (v, p) => {
      exercise(toText(v), { probes: p, timings });
      probed += p.length + 1;
    }),
    { numRuns, seed },
  );
  expectEveryService(timings, numRuns, probed);
}

const PER_DOCUMENT = ['analyze', 'domainProblems', 'quickFixes', 'documentSymbols', 'codeLens', 'workspaceSymbols', 'runTests'];
const PER_PROBE = ['complete', 'hover', 'definition', 'references', 'prepareRename'];

function expectEveryService(timings: Timings, inputs: number, probed: number): void {
  const counts = Object.fromEntries([...PER_DOCUMENT, ...PER_PROBE].map((op) => [op, timings.counts.get(op) ?? 0]));
  assert.deepEqual(counts, Object.fromEntries([...PER_DOCUMENT.map((op) => [op, inputs]), ...PER_PROBE.map((op) => [op, probed])]));
}

test('the corpus holds every sample and fixture rule file', () => {
  const onDisk = ['samples', 'test/fixtures', 'test/e2e/workspace'].flatMap((d) =>
    fs.readdirSync(path.join(repoRoot, d), { recursive: true, encoding: 'utf8' }).filter((f) => /\.ecr\.ya?ml$/.test(f)).map((f) => path.join(d, f)),
  );
  assert.deepEqual(seeds.map((s) => s.name).sort(), onDisk.sort());
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
  const timings = new Timings();
  for (let i = 0; i <= text.length; i++) exercise(text.slice(0, i), { timings });
  // every prefix, the empty one included, through every service, completion at its end
  expectEveryService(timings, text.length + 1, text.length + 1);
});

test('binary garbage', () => {
  run(fc.uint8Array({ maxLength: 2000 }), (b) => Buffer.from(b).toString('latin1'), 100);
  run(fc.string({ unit: 'binary', maxLength: 500 }), (s) => s, 100);
});
