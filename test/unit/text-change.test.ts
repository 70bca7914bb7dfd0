// changedRegion finds an edit by comparing blocks of text natively: it must find exactly the
// region a character-by-character comparison finds, wherever the edit falls against the blocks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedRegion, type ChangedRegion } from '../../server/src/model/textChange';
import { rng } from '../bench/generate';

/** The region as found a character at a time (what carryOver did before). */
function byCharacter(a: string, b: string): ChangedRegion {
  const max = Math.min(a.length, b.length);
  let pre = 0;
  while (pre < max && a.charCodeAt(pre) === b.charCodeAt(pre)) pre++;
  let suf = 0;
  while (suf < max - pre && a.charCodeAt(a.length - 1 - suf) === b.charCodeAt(b.length - 1 - suf)) suf++;
  return { start: pre, oldEnd: a.length - suf, newEnd: b.length - suf };
}

const rule = (i: number) => `  - id: r${String(i).padStart(5, '0')}\n    decision: license-required\n    when: { items: [{ eccn: 3A001 }], destinations: [{ country: RU }] }\n`;
const text = Array.from({ length: 200 }, (_, i) => rule(i)).join(''); // about 24,000 characters

test('changedRegion finds the region a character-by-character comparison finds, at and around block edges', () => {
  const edges = [0, 1, 4095, 4096, 4097, 8191, 8192, 8193, text.length - 4097, text.length - 4096, text.length - 1, text.length];
  const cases: [string, string][] = [
    [text, text],
    ['', ''],
    ['', text],
    [text, ''],
  ];
  for (const at of edges)
    for (const [cut, insert] of [
      [0, 'x'],
      [1, ''],
      [3, 'licence'],
      [4096, ''],
      [0, 'a'.repeat(5000)],
    ] as const)
      cases.push([text, text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut))]);
  // repeats: the common start and end overlap (one more "a" in a run of them)
  const run = 'a'.repeat(10_000);
  cases.push([run, `${run}a`], [`${run}a`, run], [`${run}b${run}`, `${run}ab${run}`]);
  for (const [a, b] of cases) assert.deepEqual(changedRegion(a, b), byCharacter(a, b), `old ${a.length}, new ${b.length}`);
});

test('changedRegion agrees with a character-by-character comparison on 500 random edits', () => {
  const next = rng(15); // seeded, so a failure can be replayed
  for (let k = 0; k < 500; k++) {
    const at = Math.floor(next() * text.length);
    const cut = Math.floor(next() * 10_000 * next());
    const insert = 'r'.repeat(Math.floor(next() * 9000 * next()));
    const b = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut));
    assert.deepEqual(changedRegion(text, b), byCharacter(text, b), `edit ${k}: at ${at}, cut ${cut}, insert ${insert.length}`);
  }
});
