// Generated rule files for the benchmarks: realistic rules (real ECCNs, countries, Country
// Groups, chart columns, regimes, citations, reviews), about eight lines each, with a known
// number of planted errors (misspelt decisions) so a benchmark can wait for exactly those.
// Deterministic: the same size and seed give the same text.
import { getCatalog } from '../../server/src/catalog/catalog';

/** A small deterministic PRNG (mulberry32), so runs compare like with like. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedRules {
  text: string;
  rules: number;
  /** Planted errors: rules whose decision is misspelt (`licence-required`). */
  plantedErrors: number;
  /** 0-based line of the `decision:` of a rule in the middle (for completion at a value). */
  decisionLine: number;
  /** 0-based line of a whitespace-only line inside that rule (for completion at a key). */
  blankKeyLine: number;
  /** The indentation of rule keys. */
  keyIndent: number;
  /** 0-based line of a correct `decision: ` that an edit may break. */
  editLine: number;
  /** 0-based lines of the planted errors (the schema rejects each). */
  plantedLines: number[];
  /** 0-based line of the planted domain error (a regime no file defines): only the full
   *  check finds it, the schema cannot; -1 when none was planted. */
  domainErrorLine: number;
  /** 0-based line of a correct `destinations: ` that an edit may point at an undefined regime
   *  (a finding of the full check only). */
  domainEditLine: number;
}

/** A regime no rule file (nor the starter pack) defines. */
export const UNDEFINED_REGIME = 'sanctioned-states';

/** Technology ECCNs quoted, as the schema advises: YAML 1.2 (and so yaml-language-server)
 *  reads an unquoted 3E001 as a number. */
const q = (e: string): string => (/^\d[Ee]\d+$/.test(e) ? `"${e}"` : e);

const REGIMES = `regimes:
  russia-belarus:
    title: Russia and Belarus
    countries: [RU, BY]
  embargoed:
    title: Comprehensive embargoes (part 746)
    countries: [CU, IR, KP, SY]
    include: [{ country: [UA-43, UA-14, UA-09] }]
  strict-embargo:
    include: [{ countryGroup: "E:1" }, { countryGroup: "E:2" }, { regime: russia-belarus }]
    exclude: [{ country: SY }]
  arms-embargoed:
    include: [{ countryGroup: "D:5" }]
  close-allies:
    countries: [GB, CA, AU, NZ, JP]
`;

const CITATIONS = ['15 CFR 742.4(a)(1)', '15 CFR 742.6(a)(1)', '15 CFR 742.15(a)', '15 CFR 746.8(a)(1)', '15 CFR 744.21', '15 CFR 746.1(b)', 'Supp. No. 1 to part 738', '15 CFR 742.2(a)'];
const REVIEWS = ['case-by-case', 'policy of denial', 'presumption of approval', 'case-by-case; policy of denial for military end users'];
const DECISIONS = ['license-required', 'license-required', 'prohibited', 'no-license-required'];

/**
 * `rules` rules, `plantedErrors` of them (spread through the file) with the decision
 * `licence-required`, which the schema rejects, after a header and five regimes; with
 * `domainErrors`, one rule (past the middle) whose destination names a regime no file defines,
 * which only the domain checks find. No `tests:` section: a failing test would add errors.
 */
export function generateRules(rules: number, plantedErrors = 3, seed = 1, domainErrors: 0 | 1 = 0): GeneratedRules {
  const catalog = getCatalog();
  const r = rng(seed + rules);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const eccns = catalog.data.eccns.map((e) => e.code).filter((c) => c !== 'EAR99');
  const countries = catalog.data.destinations.filter((d) => !d.parent && !d.notAnExport && !d.unanswerable).map((d) => d.code);
  const groups = catalog.data.countryGroups.map((g) => g.code);
  // columns with members only: a rule on an empty column matches nothing (a warning)
  const columns = catalog.data.chartColumns.map((c) => c.code).filter((c) => catalog.chartMembers(c).length > 0);
  // reasons some entry is controlled for as a whole (others match no ECCN: a warning)
  const reasons = [...new Set(catalog.data.eccns.flatMap((e) => e.entireEntryColumns))].sort();
  const regimes = ['russia-belarus', 'embargoed', 'strict-embargo', 'arms-embargoed'];
  const lines: string[] = [
    '# Generated for the benchmarks (test/bench/generate.ts): realistic shapes, not real policy.',
    '# Data: eCFR as of 2026-07-23 / 2026-09-24. Reference only, not legal advice.',
    `ruleset: bench-${rules}`,
    `title: Benchmark rules (${rules})`,
    'jurisdiction: US-EAR',
    'effective: 2020-01-01',
    'asOf: 2026-09-24',
    '',
    ...REGIMES.trimEnd().split('\n'),
    '',
    'rules:',
  ];
  const middle = Math.floor(rules / 2);
  const errorAt = new Set<number>();
  // spread through the file, never the middle rule (completion and hover probe it)
  for (let k = 0; k < plantedErrors; k++) errorAt.add(Math.floor(((k + 1) * rules) / (plantedErrors + 1)) + 3);
  let decisionLine = -1;
  let blankKeyLine = -1;
  let editLine = -1;
  let domainErrorLine = -1;
  let domainEditLine = -1;
  const plantedLines: number[] = [];
  const domainErrorAt = domainErrors ? Math.floor((rules * 5) / 8) + 1 : -1;
  function selectors(): [code: string, items: string, destinations: string] {
    const code = pick(eccns);
    const eccn = q(code);
    const itemKind = r();
    const items =
      itemKind < 0.55
        ? `[{ eccn: ${eccn} }]`
        : itemKind < 0.7
          ? `[{ eccn: [${eccn}, ${q(pick(eccns))}] }]`
          : itemKind < 0.8
            ? `[{ category: "${code[0]}", productGroup: ${code[1]} }]`
            : itemKind < 0.9
              ? `[{ reason: ${pick(reasons)} }]`
              : `[{ eccn: "${code.slice(0, 3)}*" }]`;
    const destKind = r();
    const destinations =
      destKind < 0.45
        ? `[{ country: ${pick(countries)} }]`
        : destKind < 0.65
          ? `[{ country: [${pick(countries)}, ${pick(countries)}, ${pick(countries)}] }]`
          : destKind < 0.8
            ? `[{ countryGroup: "${pick(groups)}" }]`
            : destKind < 0.9
              ? `[{ chart: ${pick(columns)} }]`
              : `[{ regime: ${pick(regimes)} }]`;
    return [code, items, destinations];
  }
  // no two rules with the same selectors (a duplicate is a hint, and not what people write)
  const used = new Set<string>();
  for (let i = 0; i < rules; i++) {
    let [code, items, destinations] = selectors();
    while (used.has(items + destinations)) [code, items, destinations] = selectors();
    used.add(items + destinations);
    const id = `r${String(i).padStart(5, '0')}-${code.toLowerCase()}`;
    const decision = errorAt.has(i) ? 'licence-required' : pick(DECISIONS);
    lines.push(`  - id: ${id}`);
    lines.push(`    title: ${code} items to the listed destinations (${decision.replace(/-/g, ' ')})`);
    lines.push(`    citation: ${pick(CITATIONS)}`);
    if (i === middle) {
      blankKeyLine = lines.length;
      lines.push('    ');
    }
    lines.push('    when:');
    lines.push(`      items: ${items}`);
    if (i === domainErrorAt) domainErrorLine = lines.length;
    if (i === middle + 11 && i !== domainErrorAt) domainEditLine = lines.length;
    // chosen after the draw, so the rest of the file stays the same with or without it
    lines.push(`      destinations: ${i === domainErrorAt ? `[{ regime: ${UNDEFINED_REGIME} }]` : destinations}`);
    // an except on a broad selector (on a single country it could remove everything)
    if (r() < 0.25 && !destinations.startsWith('[{ country')) lines.push(`      except: { destinations: [{ country: ${pick(countries)} }] }`);
    if (i === middle) decisionLine = lines.length;
    if (i === middle + 7 && !errorAt.has(i)) editLine = lines.length;
    if (errorAt.has(i)) plantedLines.push(lines.length);
    lines.push(`    decision: ${decision}`);
    if (decision !== 'no-license-required') lines.push(`    review: ${pick(REVIEWS)}`);
    if (r() < 0.15) lines.push(`    exceptions: [${pick(['LVS', 'GBS', 'TMP', 'ENC', 'STA'])}, ${pick(['GOV', 'TSU', 'BAG'])}]`);
    if (r() < 0.2) lines.push(`    effective: 20${String(15 + Math.floor(r() * 10))}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`);
  }
  lines.push('');
  return { text: lines.join('\n'), rules, plantedErrors: errorAt.size, decisionLine, blankKeyLine, keyIndent: 4, editLine, plantedLines, domainErrorLine, domainEditLine };
}

/** A product master of `n` products with real ECCNs and HS headings. */
export function generateProducts(n: number, seed = 7): string {
  const catalog = getCatalog();
  const r = rng(seed + n);
  const eccns = ['EAR99', 'EAR99', ...catalog.data.eccns.map((e) => e.code).filter((c) => c !== 'EAR99')];
  const hs = ['8517.13', '8471.30', '8542.31', '8526.91', '8457.10', '9504.50', '8528.72', '9013.80', '8543.70'];
  const lines = ['# Generated product master for the benchmarks.', 'ruleset: bench-products', 'title: Benchmark products', 'jurisdiction: INTERNAL', '', 'products:'];
  for (let i = 0; i < n; i++) {
    const eccn = eccns[Math.floor(r() * eccns.length)];
    lines.push(`  - sku: P-${String(i).padStart(5, '0')}`);
    lines.push(`    name: Product ${i} (${eccn})`);
    lines.push(`    eccn: ${q(eccn)}`);
    lines.push(`    hs: "${hs[Math.floor(r() * hs.length)]}"`);
    if (r() < 0.05) {
      lines.push('    origin: foreign');
      lines.push('    directProductOf: ["3E001", 3D001]');
    }
  }
  lines.push('');
  return lines.join('\n');
}
