// The decision engine in-process: a single check's latency with 10,000 rules, and batch
// throughput (products x every destination).
import { loadStarterPack } from '../../server/src/workspace/starterPack';
import { getCatalog } from '../../server/src/catalog/catalog';
import { createEngine } from '../../server/src/engine/engine';
import { analyzeRuleText } from '../../server/src/model/document';
import { generateProducts, generateRules, rng } from './generate';
import { percentile, round } from './stats';

export interface EngineResult {
  rules: number;
  products: number;
  buildEngineMs: number;
  checks: number;
  checkP50Us: number;
  checkP99Us: number;
  /** `matchedPerCheck`: rules in each answer's trace (every check reports every applying rule), over the first 100 products. */
  batch: { products: number; destinations: number; checks: number; seconds: number; checksPerSecond: number; candidatesPerCheck: number; matchedPerCheck: number };
  /** How many checks decided something other than "no rule applied" (a sanity figure). */
  decidedShare: number;
  /** The same single check against the whole starter pack (samples/starter). */
  pack: PackCheckResult;
}

export interface PackCheckResult {
  rules: number;
  checks: number;
  checkP50Us: number;
  checkP99Us: number;
  /** Share of answers that are conditional (a rule matched in part). */
  conditionalShare: number;
}

/**
 * A single check with every rule of the starter pack loaded: ECCNs of the catalog, a third of
 * them asked by a paragraph the data names, to every destination at random.
 */
export function packCheckBench(checks: number): PackCheckResult {
  const catalog = getCatalog();
  const sets = loadStarterPack().map((d) => d.ruleSet);
  const engine = createEngine(sets, catalog, { today: '2026-09-24' });
  const r = rng(7);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const countries = catalog.data.destinations.filter((d) => !d.notAnExport && !d.unanswerable).map((d) => d.code);
  const inputs = Array.from({ length: checks }, () => {
    const e = pick(catalog.data.eccns);
    const eccn = e.paragraphs.length > 0 && r() < 0.33 ? pick(e.paragraphs) : e.code;
    return { item: { eccn }, destination: pick(countries) };
  });
  for (const i of inputs.slice(0, 2000)) engine.check(i);
  const times: number[] = [];
  let conditional = 0;
  for (const i of inputs) {
    const t0 = process.hrtime.bigint();
    const d = engine.check(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
    if (d.conditional) conditional++;
  }
  return {
    rules: engine.stats.rules,
    checks: times.length,
    checkP50Us: round(percentile(times, 50), 2),
    checkP99Us: round(percentile(times, 99), 2),
    conditionalShare: round(conditional / times.length, 3),
  };
}

export function engineBench(opts: { rules: number; products: number; checks: number; batchProducts: number }): EngineResult {
  const catalog = getCatalog();
  const rulesDoc = analyzeRuleText('file:///bench/rules.ecr.yaml', generateRules(opts.rules, 0).text);
  const productsDoc = analyzeRuleText('file:///bench/products.ecr.yaml', generateProducts(opts.products));
  let t = performance.now();
  const engine = createEngine([rulesDoc.ruleSet, productsDoc.ruleSet], catalog, { today: '2026-09-24' });
  const buildEngineMs = performance.now() - t;

  const r = rng(42);
  const eccns = catalog.data.eccns.map((e) => e.code);
  const countries = catalog.data.destinations.filter((d) => !d.notAnExport && !d.unanswerable).map((d) => d.code);
  const inputs = Array.from({ length: opts.checks }, () => {
    const e = eccns[Math.floor(r() * eccns.length)];
    return { item: { eccn: r() < 0.2 && e !== 'EAR99' ? `${e}.a` : e }, destination: countries[Math.floor(r() * countries.length)] };
  });
  // warm the JIT on a slice, then time each check on its own
  for (const i of inputs.slice(0, 2000)) engine.check(i);
  const times: number[] = [];
  let decided = 0;
  for (const i of inputs) {
    const t0 = process.hrtime.bigint();
    const d = engine.check(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
    if (!d.noRuleApplied) decided++;
  }

  const skus = productsDoc.ruleSet.products.slice(0, opts.batchProducts).map((p) => p.sku);
  const candidates0 = engine.stats.candidates;
  t = performance.now();
  let n = 0;
  let matched = 0;
  for (const sku of skus) {
    for (const destination of countries) {
      // as check --batch asks: the short answer, with the exceptions the data decides (LVS, GBS, TSR, SPP)
      engine.brief({ item: { product: sku }, destination, exceptions: 'decidable' });
      n++;
    }
  }
  const seconds = (performance.now() - t) / 1000;
  const candidatesPerCheck = round((engine.stats.candidates - candidates0) / n, 1);
  // rules in each answer's trace, from the full check (untimed) of the first 100 products
  let sampled = 0;
  for (const sku of skus.slice(0, 100)) {
    for (const destination of countries) {
      matched += engine.check({ item: { product: sku }, destination, exceptions: 'decidable' }).matched.length;
      sampled++;
    }
  }
  return {
    rules: engine.stats.rules,
    products: productsDoc.ruleSet.products.length,
    buildEngineMs: round(buildEngineMs),
    checks: times.length,
    checkP50Us: round(percentile(times, 50), 2),
    checkP99Us: round(percentile(times, 99), 2),
    batch: { products: skus.length, destinations: countries.length, checks: n, seconds: round(seconds, 2), checksPerSecond: Math.round(n / seconds), candidatesPerCheck, matchedPerCheck: round(matched / sampled, 1) },
    decidedShare: round(decided / times.length, 3),
    pack: packCheckBench(opts.checks),
  };
}
