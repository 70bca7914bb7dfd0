// The regression fixtures (test/fixtures/fuzz/*.json): inputs the fuzzers once broke a service
// with. Each must pass every invariant of the in-process fuzz target (core.ts), within its
// bound of counted work (not of time), and get exactly its expected findings. Small ones run
// in regressions.test.ts, generated large ones in regressions-large.test.ts, side by side.
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
  /** The problem codes of the findings, exactly (sorted). */
  expectCodes: string[];
  /** How many findings, exactly. */
  expectDiagnostics: number;
  /** Why those are the findings, where the input is generated. */
  expectWhy?: string;
}

const dir = path.join(repoRoot, 'test/fixtures/fuzz');

export function fixtureTests(large: boolean): void {
  const fixtures = (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [])
    .map((f) => ({ f, fx: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as FuzzFixture }))
    .filter(({ fx }) => !!fx.generate === large);
  test(`the ${large ? 'generated' : 'literal'} regression fixtures`, () => {
    assert.deepEqual(
      fixtures.map(({ f }) => f),
      large
        ? ['big-file-one-scope.json', 'deep-block-completion.json', 'many-keys-completion.json', 'many-keys-duplicate.json', 'many-regimes.json', 'many-tagged-values.json', 'many-wrong-values.json']
        : ['crlf-error-at-line-break.json', 'empty-regime-id.json', 'empty-value-at-end.json', 'proto-key.json', 'tostring-key.json'],
    );
  });
  for (const { f, fx } of fixtures) {
    test(`fuzz regression ${f}: ${fx.bug.slice(0, 80)}`, () => {
      const text = fx.text ?? (hostile[fx.generate!.kind] as (...a: number[]) => string)(...(fx.generate!.args ?? []));
      const { codes, diagnostics } = exercise(text, { probes: fx.probes ?? [0, 0.25, 0.5, 0.75, 1], parseOnly: fx.parseOnly, timings: new Timings() });
      assert.deepEqual([...codes].sort(), fx.expectCodes);
      assert.equal(diagnostics, fx.expectDiagnostics, fx.expectWhy);
    });
  }
}
