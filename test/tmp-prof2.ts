import { readFileSync } from 'node:fs';
import { embeddedScreeningIndex } from '../server/src/screening/embedded';
import { screenName } from '../server/src/screening/match';
const idx = embeddedScreeningIndex();
const cases = readFileSync('test/eval/screening/eval-set.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const names = cases.filter((c: { kind: string }) => !['cyrillic', 'chinese'].includes(c.kind)).map((c: { input: string }) => c.input);
for (let k = 0; k < 2; k++) {
  const ts: number[] = [];
  for (const n of names) { const t = performance.now(); screenName(idx, { name: n }); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(names.length, 'median', ts[ts.length >> 1].toFixed(3), 'p90', ts[Math.floor(ts.length * 0.9)].toFixed(2), 'mean', (ts.reduce((a, b) => a + b, 0) / ts.length).toFixed(2));
}
