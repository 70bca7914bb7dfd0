// Input generators for the fuzz runs: mutations of real rule files (as data, so fast-check
// can shrink them), random YAML, rule-shaped YAML, and the classic hostile inputs.
import fc from 'fast-check';
import { stringify } from 'yaml';

/** Characters that break naive text handling: bidi controls, zero-width, odd line breaks. */
export const TRICKY = [
  '\u202e', // right-to-left override
  '\u200f', // right-to-left mark
  '\u2066', // left-to-right isolate
  '\u200b', // zero-width space
  '\u200d', // zero-width joiner
  '\ufeff', // BOM / zero-width no-break space
  '\u00a0', // no-break space
  '\u2028', // line separator (not a line break for LSP)
  '\u0085', // next line
  '\r',
  '\t',
  '\0',
  '\ud83d\ude00', // a surrogate pair
  '\ud800', // a lone surrogate
  'é', // precomposed
  'e\u0301', // combining accent
  'ДЕ', // Cyrillic look-alikes
  '\u05d0\u05d1', // Hebrew
  '\u0627\u0644', // Arabic
];

/** YAML punctuation, for insertions that upset the structure rather than the text. */
const PUNCT = [':', ': ', '- ', '-', '[', ']', '{', '}', ',', '"', "'", '#', '&a ', '*a', '!!', '!tag ', '|', '>', '%', '---', '...', '?', '@', '`', '\\', '\n', '  ', '    '];

export type Mutation =
  | { kind: 'deleteLine'; at: number }
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'deleteRange'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'tabs'; at: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'crlf' }
  | { kind: 'cr' }
  | { kind: 'bom' };

const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteLine' as const), at: frac }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: frac }),
  fc.record({ kind: fc.constant('swapLines' as const), a: frac, b: frac }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: frac,
    text: fc.oneof(
      fc.constantFrom(...TRICKY),
      fc.constantFrom(...PUNCT),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({ maxLength: 12 }),
      fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b).toString('latin1')),
    ),
  }),
  fc.record({ kind: fc.constant('deleteRange' as const), at: frac, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: frac }),
  fc.record({ kind: fc.constant('tabs' as const), at: frac }),
  fc.record({ kind: fc.constant('indent' as const), at: frac, by: fc.integer({ min: -4, max: 4 }) }),
  fc.constant({ kind: 'crlf' as const }),
  fc.constant({ kind: 'cr' as const }),
  fc.constant({ kind: 'bom' as const }),
);

export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = (f: number) => Math.floor(f * lines.length);
  const off = (f: number) => Math.floor(f * (text.length + 1));
  switch (m.kind) {
    case 'deleteLine':
      lines.splice(line(m.at), 1);
      return lines.join('\n');
    case 'duplicateLine': {
      const i = line(m.at);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'swapLines': {
      const [i, j] = [line(m.a), line(m.b)];
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 'insert': {
      const i = off(m.at);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'deleteRange': {
      const i = off(m.at);
      return text.slice(0, i) + text.slice(i + m.length);
    }
    case 'truncate':
      return text.slice(0, off(m.at));
    case 'tabs': {
      const i = line(m.at);
      lines[i] = lines[i].replace(/^( +)/, (s) => '\t'.repeat(Math.ceil(s.length / 2)));
      return lines.join('\n');
    }
    case 'indent': {
      const i = line(m.at);
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'cr':
      return text.replace(/\r?\n/g, '\r');
    case 'bom':
      return `\ufeff${text}`;
  }
}

export const mutate = (text: string, ms: Mutation[]) => ms.reduce(applyMutation, text);

// ---- random YAML ---------------------------------------------------------------------------

/** Keys of the rule format, so generated YAML often lands in the schema's paths. */
const KEYS = [
  'ruleset', 'title', 'jurisdiction', 'effective', 'expires', 'asOf', 'description', 'regimes', 'products', 'rules', 'tests',
  'id', 'citation', 'when', 'items', 'destinations', 'except', 'decision', 'review', 'exceptions', 'notes',
  'eccn', 'category', 'productGroup', 'reason', 'ccl', 'ear99', 'hs', 'product', 'origin', 'directProductOf',
  'country', 'countryGroup', 'chart', 'regime', 'any', 'countries', 'include', 'exclude', 'sku', 'name',
  'item', 'destination', 'date', 'expect', 'decidedBy', '__proto__', 'constructor', 'toString', '', '<<',
];
/** Values the services look up in the catalog and the workspace. */
const VALUES = [
  'RU', 'BY', 'UA-43', 'CN', 'KP', 'XX', 'E:1', 'D:5', 'NS1', 'AT', '5A992', '3A001.a.1', '3E001', '0E982', 'EAR99', '3A*', '9A991.a',
  'prohibited', 'license-required', 'no-license-required', 'US-EAR', 'foreign', 'us', '2024-01-01', '2024-02-30', '8517.13',
  'FMC-200', 'russia-belarus', 'GOV', 'TMP', true, false, null, 0, -1, 1e308, 3.5, '', ' ', '~', '.nan', '0x1F', '1_000',
];

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export const jsonArb: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...VALUES),
    fc.string({ maxLength: 10 }),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie('node'), { maxKeys: 5 }),
  ),
})).node;

/** A random YAML text: a random value, written in a random style. */
export const randomYamlArb: fc.Arbitrary<string> = fc
  .record({ value: jsonArb, flow: fc.boolean(), indent: fc.integer({ min: 1, max: 4 }), seqIndent: fc.boolean() })
  .map(({ value, flow, indent, seqIndent }) =>
    stringify(value, { collectionStyle: flow ? 'flow' : 'block', indent, indentSeq: seqIndent, lineWidth: 0 }),
  );

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const list = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: 1, maxLength: 3 });
const itemSel = fc.oneof(
  fc.record({ eccn: list(pick(['5A992', '3A001', '3A*', 'EAR99', '3E001', '9x9', '7A994'])) }),
  fc.record({ ccl: fc.constant(true) }),
  fc.record({ reason: pick(['NS1', 'AT', 'XX9']) }),
  fc.record({ product: pick(['FMC-200', 'NOPE']) }),
  fc.record({ origin: pick(['foreign', 'us']), directProductOf: list(pick(['3E*', '3D001'])) }),
  fc.record({ hs: pick(['8517.13', '85']) }),
);
const destSel = fc.oneof(
  fc.record({ country: list(pick(['RU', 'BY', 'UA-43', 'ZZ', 'CN'])) }),
  fc.record({ countryGroup: pick(['E:1', 'D:5', 'Q:9']) }),
  fc.record({ regime: pick(['r0', 'r1', 'r2', 'missing']) }),
  fc.record({ chart: pick(['NS1', 'AT1']) }),
  fc.record({ any: fc.constant(true) }),
);
const decision = pick(['prohibited', 'license-required', 'no-license-required', 'maybe']);

/** A rule file that mostly validates, so the fuzz reaches the engine and domain checks. */
export const ruleFileArb: fc.Arbitrary<string> = fc
  .record({
    regimes: fc.array(fc.record({ countries: list(pick(['RU', 'BY', 'KP'])), include: fc.array(destSel, { maxLength: 2 }) }), { maxLength: 3 }),
    rules: fc.array(
      fc.record({
        id: pick(['a', 'b', 'c', 'a']),
        citation: fc.constant('15 CFR 746.8'),
        when: fc.record({ items: list(itemSel), destinations: list(destSel) }),
        decision,
        effective: pick(['2020-01-01', '2030-01-01', '2024-13-01']),
      }, { requiredKeys: ['id', 'citation', 'when', 'decision'] }),
      { maxLength: 6 },
    ),
    tests: fc.array(
      fc.record({ name: pick(['t1', 't2']), item: fc.record({ eccn: pick(['5A992', '3A001.a.1', 'EAR99']) }), destination: pick(['RU', 'CN', 'UA-43', 'XX']), expect: decision }),
      { maxLength: 3 },
    ),
    flow: fc.boolean(),
  })
  .map(({ regimes, rules, tests, flow }) => {
    const doc = {
      ruleset: 'fuzz',
      title: 'Fuzz',
      jurisdiction: 'US-EAR',
      regimes: Object.fromEntries(regimes.map((r, i) => [`r${i}`, r])),
      rules,
      tests,
    };
    return stringify(doc, { collectionStyle: flow ? 'flow' : 'any', lineWidth: 0 });
  });

// ---- hostile inputs ------------------------------------------------------------------------

export const hostile = {
  /** "Billion laughs": nine levels of nine aliases each. */
  aliasBomb(): string {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    return `${lines.join('\n')}\nruleset: *a8\n`;
  },
  /** The same inside a rules section, so the splitter must refuse to split. */
  aliasBombInRule(): string {
    return `ruleset: bomb\ntitle: Bomb\nrules:\n  - id: x\n    citation: &c [a, a, a, a, a, a, a, a]\n    notes: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n    review: &e [*d, *d, *d, *d, *d, *d, *d, *d]\n    title: [*e, *e, *e, *e, *e, *e, *e, *e]\n`;
  },
  deepFlow(n = 10_000): string {
    return `ruleset: deep\ntitle: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  },
  deepFlowMap(n = 10_000): string {
    return `ruleset: deep\ntitle: ${'{a: '.repeat(n)}x${'}'.repeat(n)}\n`;
  },
  deepBlock(n = 10_000): string {
    return `ruleset: deep\ntitle:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`;
  },
  deepBlockSeq(n = 10_000): string {
    return `ruleset: deep\ntitle:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}-`).join('\n')} x\n`;
  },
  /** One line of `bytes` characters. */
  longLine(bytes = 5_000_000): string {
    return `ruleset: long\ntitle: ${'x'.repeat(bytes)}\n`;
  },
  longFlowLine(items = 100_000): string {
    return `ruleset: long\ntitle: [${'RU, '.repeat(items)}BY]\n`;
  },
  /** A mapping with many keys in one entry (a parser checking duplicates pairwise is quadratic). */
  manyKeys(keys = 40_000): string {
    return `ruleset: keys\ntitle:\n${Array.from({ length: keys }, (_, i) => `  k${i}: x\n`).join('')}`;
  },
  manyKeysFlow(keys = 40_000): string {
    return `ruleset: keys\ntitle: {${Array.from({ length: keys }, (_, i) => `k${i}: x`).join(', ')}}\n`;
  },
  /** The same with a repeated key at the end and CRLF line breaks, so `yaml` itself parses it. */
  manyKeysDuplicateCrlf(keys = 40_000): string {
    return `${hostile.manyKeys(keys)}  k1: again\n`.replace(/\n/g, '\r\n');
  },
  /** One flow list of `n` tagged values: yaml warns once per item (the warnings were compared pairwise). */
  manyTagged(n = 80_000): string {
    return `ruleset: tags\ntitle: [${Array(n).fill('!t a').join(', ')}]\n`;
  },
  /** One list of `n` values of the wrong type: a schema finding per value. */
  manyWrongValues(n = 400_000): string {
    return `ruleset: wrong\ntitle: Wrong\njurisdiction: US-EAR\nregimes:\n  r:\n    countries: [${Array(n).fill('1').join(', ')}]\n`;
  },
  /** A regime with `n` keys: completion near the top collects the keys below. */
  manyKeysInRegime(n = 300_000): string {
    return `ruleset: x\ntitle: y\nregimes:\n  a:\n    ${Array.from({ length: n }, (_, i) => `k${i}: x`).join('\n    ')}\n`;
  },
  /** Many regimes: split into one unit each, then merged. */
  manyRegimes(n = 40_000): string {
    return `ruleset: regimes\ntitle: Regimes\nregimes:\n${Array.from({ length: n }, (_, i) => `  r${i}:\n    countries: [RU]\n`).join('')}`;
  },
  /** A realistic rule file grown to `bytes` by repeating a rule with distinct ids. */
  bigFile(bytes: number): string {
    const head = 'ruleset: big\ntitle: Big\njurisdiction: US-EAR\nrules:\n';
    const parts = [head];
    let size = head.length;
    for (let i = 0; size < bytes; i++) {
      const r = `  - id: r${i}\n    citation: 15 CFR 746.8(a)(1)\n    when:\n      items: [{ eccn: "5A992" }]\n      destinations: [{ country: RU }]\n    decision: license-required\n`;
      parts.push(r);
      size += r.length;
    }
    return parts.join('');
  },
  binary(bytes = 1_000_000, seed = 1): string {
    let x = seed >>> 0 || 1;
    const b = Buffer.alloc(bytes);
    for (let i = 0; i < bytes; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      b[i] = x & 0xff;
    }
    return b.toString('latin1');
  },
};
