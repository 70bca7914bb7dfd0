// Licence exceptions and de minimis in-process: the cost of one evaluation (p50, p99) and the
// throughput of a batch, over a realistic mix of ECCNs (headings and paragraphs), destinations,
// reasons, values and party hits; and whole checks with the evaluation, through the engine on
// the starter pack (the figures `npm run bench` reports in its engine section). Alone:
//
//   node --import tsx test/bench/exceptionsBench.ts [--checks=20000] [--batch=200000]
import { loadStarterPack } from '../../server/src/workspace/starterPack';
import { getCatalog } from '../../server/src/catalog/catalog';
import { createEngine } from '../../server/src/engine/engine';
import type { CheckRequest } from '../../server/src/engine/types';
import { analyzeRuleText } from '../../server/src/model/document';
import { createExceptionEvaluator, type ExceptionQuery, type LicenceRequirement } from '../../server/src/exceptions';
import { rng } from './generate';
import { percentile, round } from './stats';

export interface ExceptionsBenchResult {
  queries: number;
  evaluateP50Us: number;
  evaluateP99Us: number;
  exceptionsPerAnswer: number;
  /** `cpuChecksPerSecond`: by this process's CPU time, which a loaded machine distorts less than the clock. */
  batch: { checks: number; seconds: number; checksPerSecond: number; cpuChecksPerSecond: number };
  /** The same batch, asking only "is an exception available?" (LVS, GBS, TSR, SPP): the matrix's question. */
  decidableBatch: { checks: number; seconds: number; checksPerSecond: number };
  deMinimis: { checks: number; p50Us: number; checksPerSecond: number };
}

const REASONS: string[][] = [['NS2'], ['NS1'], ['NS1', 'RS1'], ['NS2', 'MT1'], ['EI'], ['CC1'], ['AT1'], ['NS2', 'NP1']];

/** A mix of queries from the shipped data, seeded so runs compare. */
export function exceptionQueries(count: number, seed = 7): ExceptionQuery[] {
  const catalog = getCatalog();
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const eccns = catalog.data.eccns.map((e) => e.code);
  const withLines = catalog.data.eccns.filter((e) => e.licenseExceptions.LVS || e.licenseExceptions.GBS).map((e) => e.code);
  const places = catalog.data.destinations.map((d) => d.code);
  const paragraphs = ['a', 'b', 'a.1', 'b.2', 'c', 'd', 'x', 'z'];
  return Array.from({ length: count }, (): ExceptionQuery => {
    const code = r() < 0.6 ? pick(withLines) : pick(eccns);
    const eccn = code !== 'EAR99' && r() < 0.4 ? `${code}.${pick(paragraphs)}` : code;
    const requirements: LicenceRequirement[] = [{ rule: 'bench/chart', reasons: pick(REASONS), kind: 'ccl' }];
    if (r() < 0.1) requirements.push({ rule: 'bench/embargo', reasons: [], kind: 'embargo', programme: 'russia-belarus', citation: '15 CFR 746.8(a)(1)' });
    return {
      eccn,
      destination: pick(places),
      date: '2026-10-01',
      requirements,
      shipment: r() < 0.8 ? { value: Math.round(r() * 8000) } : {},
      ...(r() < 0.5 ? { parties: r() < 0.1 ? [{ list: 'entity-list', name: 'Bench Co' }] : [] } : {}),
    };
  });
}

export function exceptionsBench(opts: { checks: number; batch: number }): ExceptionsBenchResult {
  const evaluator = createExceptionEvaluator(getCatalog());
  const queries = exceptionQueries(opts.checks);
  for (const q of queries.slice(0, 2000)) evaluator.evaluate(q); // warm the JIT
  const times: number[] = [];
  let listed = 0;
  for (const q of queries) {
    const t0 = process.hrtime.bigint();
    const a = evaluator.evaluate(q);
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
    listed += a.exceptions.length;
  }
  let t = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < opts.batch; i++) evaluator.evaluate(queries[i % queries.length]);
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;

  t = performance.now();
  for (let i = 0; i < opts.batch; i++) evaluator.evaluate(queries[i % queries.length], { only: 'decidable' });
  const decidableSeconds = (performance.now() - t) / 1000;

  const r = rng(11);
  const places = getCatalog().data.destinations.map((d) => d.code);
  const contents = [['EAR99'], ['3A991'], ['5A992'], ['3A001'], ['9A610.a'], ['9E003'], ['5E002']];
  const dm = Array.from({ length: 5000 }, () => ({ destination: places[Math.floor(r() * places.length)], usContent: { percent: Math.round(r() * 400) / 10, eccns: contents[Math.floor(r() * contents.length)] } }));
  for (const q of dm.slice(0, 1000)) evaluator.deMinimis(q);
  const dmTimes: number[] = [];
  for (const q of dm) {
    const t0 = process.hrtime.bigint();
    evaluator.deMinimis(q);
    dmTimes.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  t = performance.now();
  for (let i = 0; i < 50_000; i++) evaluator.deMinimis(dm[i % dm.length]);
  const dmSeconds = (performance.now() - t) / 1000;

  return {
    queries: queries.length,
    evaluateP50Us: round(percentile(times, 50), 2),
    evaluateP99Us: round(percentile(times, 99), 2),
    exceptionsPerAnswer: round(listed / queries.length, 1),
    batch: { checks: opts.batch, seconds: round(seconds, 2), checksPerSecond: Math.round(opts.batch / seconds), cpuChecksPerSecond: Math.round(opts.batch / cpuSeconds) },
    decidableBatch: { checks: opts.batch, seconds: round(decidableSeconds, 2), checksPerSecond: Math.round(opts.batch / decidableSeconds) },
    deMinimis: { checks: dm.length, p50Us: round(percentile(dmTimes, 50), 2), checksPerSecond: Math.round(50_000 / dmSeconds) },
  };
}

export interface CheckWithExceptionsResult {
  rules: number;
  checks: number;
  /** Share of the checks that are license-required (the ones with exceptions to evaluate). */
  licenceShare: number;
  exceptionsPerLicence: number;
  /** Every check, every exception evaluated (`all`, a check a person reads). */
  checkP50Us: number;
  checkP99Us: number;
  /** The license-required checks alone. */
  licenceCheckP50Us: number;
  /** Products (with shipment values, a tenth with U.S. content) x destinations, as `check --batch` asks (`decidable`). */
  batch: { products: number; destinations: number; checks: number; seconds: number; checksPerSecond: number; availableShare: number };
  /** The same batch asking for every exception. */
  batchAll: { checks: number; seconds: number; checksPerSecond: number };
  /** The same batch without the evaluation (what it costs). */
  batchNone: { checks: number; seconds: number; checksPerSecond: number };
}

/**
 * Whole checks with the exception evaluation, on the starter pack: single checks of ECCNs with
 * exception lines (a third by a paragraph), random destinations and values, each question new
 * (no cache hit); then a batch of products with values over every destination.
 */
export function checkWithExceptionsBench(opts: { checks: number; products: number }): CheckWithExceptionsResult {
  const catalog = getCatalog();
  const sets = loadStarterPack().map((d) => d.ruleSet);
  const r = rng(23);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const withLines = catalog.data.eccns.filter((e) => e.licenseExceptions.LVS || e.licenseExceptions.GBS);
  const destinations = catalog.data.destinations.filter((d) => !d.notAnExport && !d.unanswerable).map((d) => d.code);
  const products = Array.from({ length: opts.products }, (_, i) => {
    const e = pick(withLines);
    const foreign = r() < 0.1;
    const lines = [`  - sku: S-${i}`, `    eccn: "${e.paragraphs.length && r() < 0.33 ? pick(e.paragraphs) : e.code}"`, `    value: ${Math.round(r() * 8000)}`];
    if (foreign) lines.push(`    usContent: { percent: ${Math.round(r() * 300) / 10}, eccns: ["${pick(['3A991', 'EAR99', '5A992', '9A515.a'])}"] }`);
    return lines.join('\n');
  });
  const master = analyzeRuleText('file:///bench/shipments.ecr.yaml', `ruleset: bench-shipments\ntitle: Shipments\njurisdiction: INTERNAL\nproducts:\n${products.join('\n')}\n`).ruleSet;
  const engine = createEngine([...sets, master], catalog, { today: '2026-09-24' });
  const inputs: CheckRequest[] = Array.from({ length: opts.checks }, () => {
    const e = pick(withLines);
    const eccn = e.paragraphs.length && r() < 0.33 ? pick(e.paragraphs) : e.code;
    return { item: { eccn, value: Math.round(r() * 8000) }, destination: pick(destinations), date: '2026-09-24' };
  });
  // warm the JIT on other questions (their answers must not be cached for the timed ones)
  for (const i of inputs.slice(0, 2000)) engine.check({ ...i, item: { ...i.item, value: (i.item.value ?? 0) + 0.5 } });
  const times: number[] = [];
  const licence: number[] = [];
  let listed = 0;
  for (const i of inputs) {
    const t0 = process.hrtime.bigint();
    const d = engine.check(i);
    const us = Number(process.hrtime.bigint() - t0) / 1000;
    times.push(us);
    if (d.decision === 'license-required') {
      licence.push(us);
      listed += d.exceptions.length;
    }
  }
  const skus = master.products.map((p) => p.sku);
  const batchOf = (mode: 'decidable' | 'all' | 'none') => {
    let n = 0;
    let available = 0;
    const t = performance.now();
    for (const sku of skus) {
      for (const destination of destinations) {
        // as check --batch asks: the short answer
        const d = engine.brief({ item: { product: sku }, destination, date: '2026-09-24', exceptions: mode });
        if (d.exceptions.length > 0) available++;
        n++;
      }
    }
    return { n, available, seconds: (performance.now() - t) / 1000 };
  };
  const none = batchOf('none');
  const decidable = batchOf('decidable');
  const all = batchOf('all');
  return {
    rules: engine.stats.rules,
    checks: times.length,
    licenceShare: round(licence.length / times.length, 3),
    exceptionsPerLicence: round(listed / Math.max(1, licence.length), 1),
    checkP50Us: round(percentile(times, 50), 2),
    checkP99Us: round(percentile(times, 99), 2),
    licenceCheckP50Us: round(percentile(licence, 50), 2),
    batch: {
      products: skus.length,
      destinations: destinations.length,
      checks: decidable.n,
      seconds: round(decidable.seconds, 2),
      checksPerSecond: Math.round(decidable.n / decidable.seconds),
      availableShare: round(decidable.available / decidable.n, 3),
    },
    batchAll: { checks: all.n, seconds: round(all.seconds, 2), checksPerSecond: Math.round(all.n / all.seconds) },
    batchNone: { checks: none.n, seconds: round(none.seconds, 2), checksPerSecond: Math.round(none.n / none.seconds) },
  };
}

if (process.argv[1]?.endsWith('exceptionsBench.ts')) {
  const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]));
  const result = exceptionsBench({ checks: Number(args.get('checks') ?? 20_000), batch: Number(args.get('batch') ?? 200_000) });
  console.log(JSON.stringify(result, null, 2));
  console.log(JSON.stringify(checkWithExceptionsBench({ checks: Number(args.get('checks') ?? 20_000), products: 1000 }), null, 2));
}
