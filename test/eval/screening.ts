// npm run eval:screening [-- --split test|tune|all] [--threshold T] [--sweep] [--misses KIND]
//
// Measures the screening on the labelled evaluation set (test/eval/screening/eval-set.jsonl,
// built by scripts/build-screening-eval.ts): recall per kind of variation (the expected entry
// hit with status "match"), the top-5 rate (the expected entry among the first five hits of
// any status), and false alerts per 1,000 clean names (a "match" on a name that is on no
// list; "possible" matches, which ask for review, are counted apart). Settings are chosen on
// the `tune` half (--sweep); the figures to report are those of the `test` half (the default).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { embeddedScreeningIndex } from '../../server/src/screening/embedded';
import { DEFAULT_THRESHOLD, POSSIBLE_MARGIN, screenName } from '../../server/src/screening/match';
import type { ScreeningHit } from '../../server/src/screening/types';

interface Case {
  kind: string;
  split: 'tune' | 'test';
  input: string;
  country?: string;
  expect?: { list: string; name: string };
  note?: string;
}

export const GOALS: Record<string, number> = {
  exact: 0.99,
  alias: 0.99,
  'legal-form': 0.99,
  'word-order': 0.99,
  punctuation: 0.99,
  typo: 0.95,
  cyrillic: 0.9,
  chinese: 0.8,
};
export const MAX_FALSE_ALERTS_PER_1000 = 5;
const KINDS = ['exact', 'alias', 'legal-form', 'word-order', 'punctuation', 'typo', 'cyrillic', 'chinese'];

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const split = opt('split') ?? 'test';
const threshold = Number(opt('threshold') ?? DEFAULT_THRESHOLD);
const misses = opt('misses');

const file = path.resolve(__dirname, 'screening/eval-set.jsonl');
const cases = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Case)
  .filter((c) => split === 'all' || c.split === split);

const t0 = performance.now();
const index = embeddedScreeningIndex();
const ready = performance.now() - t0;

/** Screened once at a low threshold; each threshold of a sweep is then a filter on the scores. */
const floor = Math.min(threshold, 0.7) - POSSIBLE_MARGIN;
const times: number[] = [];
const results = cases.map((c) => {
  const t = performance.now();
  const r = screenName(index, { name: c.input, country: c.country }, { threshold: floor + POSSIBLE_MARGIN, maxHits: 10 });
  times.push(performance.now() - t);
  return { c, hits: r.hits };
});

const isExpected = (c: Case, h: ScreeningHit) => !!c.expect && h.list === c.expect.list && h.name === c.expect.name;
/** The status a hit has at threshold t (a same-name hit is a match whatever the threshold). */
const matchesAt = (h: ScreeningHit, t: number) =>
  h.score >= t ||
  h.why.rules.includes('exact') ||
  (h.why.tokens.length > 0 &&
    h.why.unmatchedQuery.length === 0 &&
    h.why.unmatchedListed.length === 0 &&
    h.why.tokens.every((x) => x.similarity === 1) &&
    h.why.rules.includes('country-mismatch'));

interface Figures {
  recall: Map<string, { found: number; top5: number; n: number }>;
  falseAlerts: number;
  reviews: number;
  negatives: number;
}

function figures(t: number): Figures {
  const recall = new Map<string, { found: number; top5: number; n: number }>();
  let falseAlerts = 0;
  let reviews = 0;
  let negatives = 0;
  for (const { c, hits } of results) {
    if (c.kind === 'negative') {
      negatives++;
      if (hits.some((h) => matchesAt(h, t))) falseAlerts++;
      else if (hits.some((h) => h.score >= t - POSSIBLE_MARGIN)) reviews++;
      continue;
    }
    const f = recall.get(c.kind) ?? { found: 0, top5: 0, n: 0 };
    f.n++;
    const shown = hits.filter((h) => matchesAt(h, t) || h.score >= t - POSSIBLE_MARGIN);
    if (shown.some((h) => isExpected(c, h) && matchesAt(h, t))) f.found++;
    if (shown.slice(0, 5).some((h) => isExpected(c, h))) f.top5++;
    recall.set(c.kind, f);
  }
  return { recall, falseAlerts, reviews, negatives };
}

const pct = (a: number, b: number) => (b ? (a / b).toFixed(3) : '-');

if (args.includes('--sweep')) {
  console.log(`threshold sweep on the ${split} split (${cases.length} cases)`);
  console.log(['threshold', ...KINDS, 'FA/1000'].map((h) => h.padStart(11)).join(''));
  for (let t = 0.7; t <= 0.981; t += 0.02) {
    const f = figures(t);
    const row = KINDS.map((k) => pct(f.recall.get(k)?.found ?? 0, f.recall.get(k)?.n ?? 0));
    console.log([t.toFixed(2), ...row, ((f.falseAlerts / f.negatives) * 1000).toFixed(1)].map((h) => h.padStart(11)).join(''));
  }
  process.exit(0);
}

const f = figures(threshold);
const sorted = [...times].sort((a, b) => a - b);
console.log(`Screening evaluation: ${path.relative(process.cwd(), file)}, ${split} split, ${cases.length} cases, threshold ${threshold}`);
console.log(`List: ${index.list.info.file} (${index.list.info.date}), ${index.names.length} names; index ready in ${ready.toFixed(0)} ms`);
console.log('');
console.log(`${'kind'.padEnd(13)}${'cases'.padStart(7)}${'recall'.padStart(9)}${'goal'.padStart(7)}${'top-5'.padStart(8)}`);
let allMet = true;
let top5 = 0;
let positives = 0;
for (const k of KINDS) {
  const r = f.recall.get(k);
  if (!r) continue;
  const rate = r.found / r.n;
  const met = rate >= GOALS[k];
  allMet &&= met;
  top5 += r.top5;
  positives += r.n;
  console.log(
    `${k.padEnd(13)}${String(r.n).padStart(7)}${rate.toFixed(3).padStart(9)}${GOALS[k].toFixed(2).padStart(7)}${pct(r.top5, r.n).padStart(8)}${met ? '' : '   below goal'}`,
  );
}
const fa = (f.falseAlerts / f.negatives) * 1000;
allMet &&= fa <= MAX_FALSE_ALERTS_PER_1000;
console.log('');
console.log(`top-5 rate over all positives: ${pct(top5, positives)}`);
console.log(
  `clean names: ${f.negatives}; false alerts (a "match"): ${f.falseAlerts} = ${fa.toFixed(1)} per 1,000 (goal <= ${MAX_FALSE_ALERTS_PER_1000}); possible matches for review: ${f.reviews} = ${((f.reviews / f.negatives) * 1000).toFixed(1)} per 1,000`,
);
console.log(`time per name: median ${sorted[sorted.length >> 1].toFixed(2)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(2)} ms`);
console.log(allMet ? 'All goals met.' : 'Some goals are not met (see above).');

if (misses) {
  console.log(`\nmisses of kind ${misses}:`);
  for (const { c, hits } of results) {
    if (c.kind !== misses) continue;
    const ok = c.kind === 'negative' ? !hits.some((h) => matchesAt(h, threshold)) : hits.some((h) => isExpected(c, h) && matchesAt(h, threshold));
    if (ok) continue;
    const exp = c.expect ? hits.find((h) => isExpected(c, h)) : undefined;
    console.log(
      `- ${c.input}${c.country ? ` [${c.country}]` : ''} -> ${c.expect ? `${c.expect.list} "${c.expect.name}"` : 'no match'}${c.note ? ` (${c.note})` : ''}`,
    );
    if (exp) console.log(`    expected at ${exp.score}: ${exp.why.summary}`);
    for (const h of hits.slice(0, 2)) if (h !== exp) console.log(`    top ${h.score} ${h.status}: ${h.list} "${h.name}": ${h.why.summary}`);
  }
}
