// The regression fixtures (test/fixtures/fuzz/*.json): inputs the fuzzers once broke a service
// with. Each must pass every invariant of the in-process fuzz target (core.ts) and keep its
// expectation. Small ones run in regressions.test.ts, generated large ones in
// regressions-large.test.ts, so the two run side by side.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { exercise, repoRoot, Timings } from './core';
import { hostile } from './gen';

export interface FuzzFixture {
  found: string;
  bug: string;
  fixed: string;
  /** The input itself, or how to make it (too large to keep): a generator of gen.ts `hostile`. */
  text?: string;
  generate?: { kind: keyof typeof hostile; args?: number[] };
  /** Where completion and hover were asked (fractions of the length); the end always is. */
  probes?: number[];
  /** Parse, diagnostics and symbols only, no completion or hover (huge inputs whose bug was there). */
  parseOnly?: boolean;
  /** Optional expectations: these problem codes are among the findings. */
  expectCodes?: string[];
}

const dir = path.join(repoRoot, 'test/fixtures/fuzz');

export function fixtureTests(large: boolean): void {
  const fixtures = (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [])
    .map((f) => ({ f, fx: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as FuzzFixture }))
    .filter(({ fx }) => !!fx.generate === large);
  test(`there are ${large ? 'generated' : 'literal'} regression fixtures`, () => {
    assert.ok(fixtures.length > 0);
  });
  for (const { f, fx } of fixtures) {
    test(`fuzz regression ${f}: ${fx.bug.slice(0, 80)}`, () => {
      const text = fx.text ?? (hostile[fx.generate!.kind] as (...a: number[]) => string)(...(fx.generate!.args ?? []));
      const { codes } = exercise(text, { probes: fx.probes ?? [0, 0.25, 0.5, 0.75, 1], parseOnly: fx.parseOnly, timings: new Timings() });
      for (const code of fx.expectCodes ?? []) assert.ok(codes.includes(code), `expected a ${code} finding among ${codes.join(', ')}`);
    });
  }
}
