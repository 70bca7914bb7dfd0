// The long fuzz run: `npm run fuzz -- --count 100000 --seed 1 [--hostile]`.
// Same generators and invariants as the bounded run (core.ts, gen.ts), many more inputs,
// progress every few thousand, a summary at the end. A failure is shrunk by fast-check,
// printed, and saved as JSON for a regression fixture (test/fixtures/fuzz/).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { corpus, exercise, sameAsWhole, Timings } from './core';
import { hostile, mutationArb, mutate, randomYamlArb, ruleFileArb } from './gen';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? undefined : Number(process.argv[i + 1]);
  return v !== undefined && Number.isFinite(v) ? v : fallback;
}

const count = option('count', 10_000);
const seed = option('seed', Date.now() % 1_000_000);
const every = Math.max(1, Math.round(count / 20));
const seeds = corpus();
const timings = new Timings();
const started = Date.now();
let n = 0;
let compared = 0;
const kinds = new Map<string, number>();

const mutated = fc
  .record({ seed: fc.integer({ min: 0, max: seeds.length - 1 }), ms: fc.array(mutationArb, { minLength: 1, maxLength: 6 }) })
  .map(({ seed: i, ms }) => ({ kind: 'mutated sample', text: mutate(seeds[i].text, ms) }));
const input = fc.oneof(
  { arbitrary: mutated, weight: 6 },
  { arbitrary: randomYamlArb.map((text) => ({ kind: 'random yaml', text })), weight: 2 },
  { arbitrary: ruleFileArb.map((text) => ({ kind: 'generated rule file', text })), weight: 2 },
  { arbitrary: fc.uint8Array({ maxLength: 4000 }).map((b) => ({ kind: 'binary', text: Buffer.from(b).toString('latin1') })), weight: 1 },
);

console.log(`fuzz: ${count} inputs, seed ${seed}, ${seeds.length} seed files`);
const details = fc.check(
  fc.property(input, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), ({ kind, text }, probes) => {
    exercise(text, { probes, timings });
    if (sameAsWhole(text)) compared++;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if (++n % every === 0) {
      const s = (Date.now() - started) / 1000;
      console.log(`  ${n} inputs, ${s.toFixed(0)} s, ${(n / s).toFixed(0)}/s; slowest: ${timings.summary().split(', ').slice(0, 3).join(', ')}`);
    }
  }),
  { numRuns: count, seed },
);

if (process.argv.includes('--hostile')) {
  console.log('hostile inputs:');
  const cases: [string, () => string][] = [
    ['alias bomb', () => hostile.aliasBomb()],
    ['10,000 levels flow', () => hostile.deepFlow(10_000)],
    ['10,000 levels block', () => hostile.deepBlock(10_000)],
    ['5 MB line', () => hostile.longLine(5_000_000)],
    ['20 MB file', () => hostile.bigFile(20_000_000)],
    ['40,000 regimes', () => hostile.manyRegimes(40_000)],
    ['binary 5 MB', () => hostile.binary(5_000_000)],
  ];
  for (const [name, make] of cases) {
    const t0 = Date.now();
    const r = exercise(make(), { probes: [0.5], parseOnly: name.includes('20 MB'), timings });
    console.log(`  ${name}: ${Date.now() - t0} ms, findings ${r.codes.join(', ') || 'none'}`);
  }
}

const secs = (Date.now() - started) / 1000;
console.log(`\nsummary: ${n} inputs in ${secs.toFixed(1)} s (${(n / secs).toFixed(0)}/s), seed ${seed}`);
console.log(`  by kind: ${[...kinds].map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`  service calls: ${timings.calls}; units-vs-whole comparisons: ${compared}`);
console.log(`  slowest per operation: ${timings.summary()}`);
if (details.failed) {
  const file = path.join(os.tmpdir(), `ecr-fuzz-failure-${seed}.json`);
  const cx = details.counterexample as [{ kind: string; text: string }, number[]] | null;
  if (cx) fs.writeFileSync(file, JSON.stringify({ found: `npm run fuzz -- --seed ${seed} (${cx[0].kind})`, bug: String(details.errorInstance), fixed: '', text: cx[0].text, probes: cx[1] }, null, 2));
  console.log(`\nFAILED after ${details.numRuns} inputs (seed ${seed}, path ${details.counterexamplePath}):\n${String(details.errorInstance)}`);
  if (cx) console.log(`counterexample saved to ${file}`);
  process.exitCode = 1;
} else console.log('  no failure');
