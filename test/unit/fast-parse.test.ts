// fastParse must agree with `yaml` wherever it answers: the same tree (fromYaml), offsets
// included, and only for text yaml reads without an error or warning. It may decline
// (undefined) anything; the tests also check it declines little of what rule files hold.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { fastParse, fastParseRange } from '../../server/src/model/fastParse';
import { parseRuleText, splitUnits, UnitCache, withoutExponentFloats } from '../../server/src/model/parse';
import { fromYaml, toData, type YNode } from '../../server/src/model/yamlTree';
import { generateRules, generateProducts } from '../bench/generate';

function reference(text: string): { node: YNode | null; clean: boolean } {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, customTags: withoutExponentFloats });
  return { node: fromYaml(doc.contents, doc, 0), clean: doc.errors.length === 0 && doc.warnings.length === 0 };
}

/** Asserts agreement; returns whether fastParse answered. */
function agrees(text: string): boolean {
  const fast = fastParse(text);
  if (fast === undefined) return false;
  const ref = reference(text);
  assert.ok(ref.clean, `fastParse answered for text yaml finds fault with: ${JSON.stringify(text)}`);
  assert.deepStrictEqual(fast, ref.node, `trees differ for ${JSON.stringify(text)}`);
  return true;
}

function walk(d: string): string[] {
  if (!fs.existsSync(d)) return [];
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : /\.ecr\.ya?ml$/.test(e.name) ? [path.join(d, e.name)] : []));
}

const files = [...walk('samples'), ...walk('test/fixtures'), ...walk('test/e2e/workspace')];

/** The texts parse.ts hands to the parser: each unit, or the whole text. */
function unitsOf(text: string): string[] {
  const units = splitUnits(text);
  return units ? units.map((u) => text.slice(u.start, u.end)) : [text];
}

test('every sample file: whole text and each unit agree with yaml', () => {
  assert.ok(files.length >= 5, 'sample files found');
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    agrees(text);
    for (const u of unitsOf(text)) agrees(u);
  }
});

test('generated rule files: fastParse answers for (nearly) every unit, and agrees', () => {
  for (const text of [generateRules(300).text, generateProducts(300)]) {
    const units = unitsOf(text);
    const answered = units.filter(agrees).length;
    // the section key lines with comments are left to yaml; everything else is the subset
    assert.ok(answered >= units.length - 2, `answered ${answered} of ${units.length}`);
    assert.ok(agrees(text), 'the whole generated file is in the subset');
  }
});

test('sample units: fastParse answers for most of them', () => {
  let units = 0;
  let answered = 0;
  for (const f of files.filter((f) => !f.includes('broken') && !f.includes('four-mistakes'))) {
    for (const u of unitsOf(fs.readFileSync(f, 'utf8'))) {
      units++;
      if (agrees(u)) answered++;
    }
  }
  assert.ok(answered / units > 0.8, `answered ${answered} of ${units}`);
});

// ---- generated YAML, then mutated

// mostly what rule files hold; now and then something outside the subset
const GOOD_KEYS = ['id', 'a', 'x-ticket', 'my key', 'UA-43', '1', '007', 'true', 'null', '~', 'a.b', 'k/v', '"quoted"', "'single'", '"a b"', '"e:1"', 'a b c'];
const ODD_KEYS = ['<<', '? x', '[a]', '"a\\tb"', 'a :', '-a', '&x a', 'a#b'];
const GOOD_SCALARS = [
  'x', 'license-required', '3A001', '3E001', '0E982', '1e5', '5A992.c', '8517.13', '"8517.13"', '2022-04-08', '15 CFR 746.8(a)(1)', 'true', 'False', 'TRUE', 'null', 'Null', '~',
  '12', '+7', '1.5', '.5', '1.', 'it\'s', '"E:1"', "'E:2'", "'it''s'", '"a \\"b\\" \\\\ \\n \\t"', 'a, b [c] {d}', 'C#', 'a #b', 'Türkiye', 'Côte d\'Ivoire', 'yes', 'no', 'on', 'x,y', '""', "''",
];
const ODD_SCALARS = ['-3', '0o17', '0x1F', '.inf', '.NaN', '"\\u00e9"', 'a:b', 'a: b', '"', "'", '"x', 'x"', 'http://x.y/z', '@x', '`x`', '%x', '&a x', '*a', '!tag x', '|', '>', '? x', ': x', '- x', '-x', ',x', 'x:'];
const key = fc.oneof({ arbitrary: fc.constantFrom(...GOOD_KEYS), weight: 12 }, { arbitrary: fc.constantFrom(...ODD_KEYS), weight: 1 });

interface Gen {
  text: (indent: number) => string;
}

const scalar = fc.oneof({ arbitrary: fc.constantFrom(...GOOD_SCALARS), weight: 15 }, { arbitrary: fc.constantFrom(...ODD_SCALARS), weight: 1 });
const flowItem: fc.Arbitrary<string> = fc.letrec<{ item: string }>((tie) => ({
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('item'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
    fc.array(fc.tuple(key, tie('item')), { maxLength: 3 }).map((ps) => `{ ${ps.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
  ),
})).item;

const block: fc.Arbitrary<Gen> = fc.letrec<{ block: Gen }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'medium', withCrossShrink: true },
    // a mapping
    fc
      .array(fc.tuple(key, fc.oneof(flowItem.map((v) => ({ inline: v })), tie('block').map((b) => ({ nested: b })), fc.constant({ empty: true }))), { minLength: 1, maxLength: 4 })
      .map((pairs) => ({
        text: (indent: number) =>
          pairs
            .map(([k, v]) => {
              const pad = ' '.repeat(indent);
              if ('inline' in v) return `${pad}${k}: ${v.inline}\n`;
              if ('nested' in v) return `${pad}${k}:\n${v.nested.text(indent + 2)}`;
              return `${pad}${k}:\n`;
            })
            .join(''),
      })),
    // a sequence (items inline, or compact mappings)
    fc
      .array(fc.oneof(flowItem.map((v) => ({ inline: v })), fc.array(fc.tuple(key, flowItem), { minLength: 1, maxLength: 3 }).map((ps) => ({ map: ps }))), { minLength: 1, maxLength: 4 })
      .map((items) => ({
        text: (indent: number) =>
          items
            .map((it) => {
              const pad = ' '.repeat(indent);
              if ('inline' in it) return `${pad}- ${it.inline}\n`;
              return it.map.map(([k, v], i) => `${i === 0 ? `${pad}- ` : `${pad}  `}${k}: ${v}\n`).join('');
            })
            .join(''),
      })),
  ),
})).block;

/** Edits that move text in and out of the subset: comments, blanks, indentation, odd characters. */
const mutation = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('comment' as const), line: fc.nat(), indent: fc.nat(8) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('blank' as const), line: fc.nat(), spaces: fc.nat(4) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), delta: fc.integer({ min: -3, max: 3 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(' ', ':', ': ', '#', ' #c', '-', '- ', '[', ']', '{', '}', ',', '"', "'", '\n', '\t', '\r', '&', '*', '!', '|', '---\n', '  ', 'x') }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 3 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('trailing' as const), line: fc.nat(), s: fc.constantFrom('   ', ' # note', '#x', ' ') }), weight: 2 },
  // comment lines at many boundaries at once, at indents near their neighbours'
  { arbitrary: fc.record({ kind: fc.constant('sprinkle' as const), seed: fc.nat() }), weight: 2 },
);

type Mutation = { kind: string } & Record<string, unknown>;

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const li = (n: unknown) => (Number(n) % Math.max(1, lines.length)) | 0;
  switch (m.kind) {
    case 'sprinkle': {
      let seed = Number(m.seed) | 1;
      const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 1000) / 1000;
      const out: string[] = [];
      for (const line of lines) {
        out.push(line);
        if (next() < 0.3) out.push(`${' '.repeat(Math.max(0, line.length - line.trimStart().length + Math.floor(next() * 7) - 4))}# s`);
      }
      return out.join('\n');
    }
    case 'comment':
      lines.splice(li(m.line), 0, `${' '.repeat(Number(m.indent))}# c`);
      return lines.join('\n');
    case 'blank':
      lines.splice(li(m.line), 0, ' '.repeat(Number(m.spaces)));
      return lines.join('\n');
    case 'indent': {
      const i = li(m.line);
      const d = Number(m.delta);
      lines[i] = d >= 0 ? ' '.repeat(d) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-d}}`), '');
      return lines.join('\n');
    }
    case 'trailing': {
      const i = li(m.line);
      lines[i] += String(m.s);
      return lines.join('\n');
    }
    case 'insert': {
      const at = Number(m.at) % (text.length + 1);
      return text.slice(0, at) + String(m.s) + text.slice(at);
    }
    default: {
      const at = Number(m.at) % (text.length + 1);
      return text.slice(0, at) + text.slice(at + Number(m.n));
    }
  }
}

test('generated and mutated YAML: whenever fastParse answers, it agrees with yaml', () => {
  let answered = 0;
  fc.assert(
    fc.property(block, fc.nat(4), fc.array(mutation, { maxLength: 6 }), fc.boolean(), (b, indent, ms, finalNewline) => {
      let text = b.text(indent);
      if (!finalNewline) text = text.replace(/\n$/, '');
      for (const m of ms) text = mutate(text, m);
      if (agrees(text)) answered++;
    }),
    { numRuns: Number(process.env.FAST_PARSE_RUNS ?? 4000) },
  );
  assert.ok(answered > 0.1 * Number(process.env.FAST_PARSE_RUNS ?? 4000), `fastParse answered only ${answered}`);
});

test('generated rule units, mutated: whenever fastParse answers, it agrees with yaml', () => {
  const units = unitsOf(generateRules(60, 3, 5).text);
  fc.assert(
    fc.property(fc.constantFrom(...units), fc.array(mutation, { minLength: 1, maxLength: 3 }), (unit, ms) => {
      let text = unit;
      for (const m of ms) text = mutate(text, m);
      agrees(text);
    }),
    { numRuns: Number(process.env.FAST_PARSE_RUNS ?? 3000) },
  );
});

/** Where comments and empty values put yaml's ends: each must be answered, and agree. */
const KNOWN = [
  'a: 1\n# c\nb: 2\n',
  'a:\n  x: 1\n    # deeper: extends the value\n  # same indent: stays with the inner map\n# outer\nb: 2\n',
  'a:\n  b:\n    x: 1\n    # stays, and the inner map ends at the next key\nz: 1\n',
  'a:\n  b:\n    x: 1\n  # less indented than b: passes up\nz: 1\n',
  '  - a: 1\n    # c4\n  # c2\n# c0\n  - a: 2\n',
  '- x\n  # e\n- y\n',
  'a:    # hello\n  x: 1   \nb: [1, 2]  # c\n',
  'a:\n  x: 1\n  # c\n\n\n',
  'a:\n  x:\nb: 1',
  'a:\n  x: 1\n\n  # c\n\n',
  'rules:\n',
  '# lead\n\nrules:   \n\n',
  'a:\n  x: 1\n\n    # deep\n\nb: 2',
  'a:\n  x: 1\n    # deep\n    # deep2\n\n    # deep3\nb: 2',
  '  - id: r1\n    when:\n      items: [{ eccn: "3E001" }]\n      destinations: [{ country: [RU, BY] }]\n    decision: prohibited\n\n  # next section\n',
  '  russia-belarus:\n    countries: [RU, BY]\n    include: [{ countryGroup: "E:1" }, { regime: x }]\n',
];

test('known comment and empty-value placements agree with yaml', () => {
  for (const t of KNOWN) assert.ok(agrees(t), `declined: ${JSON.stringify(t)}`);
});

test('scalar typing follows the core schema (technology ECCNs stay text)', () => {
  const typed = fastParse('a: [3E001, 12, 1.5, true, ~, null, x, "12", 2022-04-08, 0E982, +7, .5]\n');
  assert.ok(typed && typed.kind === 'map');
  agrees('a: [3E001, 12, 1.5, true, ~, null, x, "12", 2022-04-08, 0E982]\n');
  assert.equal(fastParse('a: 0x1F\n'), undefined);
  assert.equal(fastParse('a: .inf\n'), undefined);
});

test('outside the subset: declined, so yaml reports the problem', () => {
  for (const t of ['a: 1\na: 2\n', 'a: &x 1\n', 'a: |\n  x\n', 'a: "x\n  y"\n', 'a: b: c\n', 'a:\n  - x\n  y: 1\n', 'a: [1,\n  2]\n', '---\na: 1\n', 'a:\tx\n', 'a: 1\n  b: 2\n', '- \n', 'a: x\n  y\n', '{ a: 1 }\n', 'plain\n', '']) {
    assert.equal(fastParse(t), undefined, JSON.stringify(t));
  }
});

// ---- the unit cache: units that did not move are re-used, moved ones are copied

test('edits: the cached parse equals a fresh one, and unmoved units are the same objects', () => {
  const base = generateRules(40, 2, 9).text;
  const cache = new UnitCache();
  let previous = { text: base, parsed: parseRuleText(base, cache) };
  let reused = 0;
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 2 }), (ms) => {
      let text = base;
      for (const m of ms) text = mutate(text, m);
      const cached = parseRuleText(text, cache);
      assert.deepStrictEqual(cached, parseRuleText(text));
      // a rule whose unit is the same text at the same offset in both versions is the same object
      const firstRule = (r: typeof cached) => {
        const rules = r.root?.kind === 'map' ? r.root.items.find((p) => p.key.value === 'rules')?.value : undefined;
        return rules?.kind === 'seq' ? rules.items[0] : undefined;
      };
      const [a, b] = [firstRule(previous.parsed), firstRule(cached)];
      const unitAt = (t: string, at: number) => splitUnits(t)?.find((u) => u.start <= at && at < u.end);
      if (a && b && cached.mode === 'units' && previous.parsed.mode === 'units') {
        const [ua, ub] = [unitAt(previous.text, a.start), unitAt(text, a.start)];
        if (ua && ub && ua.start === ub.start && previous.text.slice(ua.start, ua.end) === text.slice(ub.start, ub.end)) {
          assert.equal(b, a);
          reused++;
        }
      }
      previous = { text, parsed: cached };
    }),
    { numRuns: Math.round(Number(process.env.FAST_PARSE_RUNS ?? 3000) / 15) },
  );
  assert.ok(reused > 0, 'some unit was re-used');
});

test('generated rule files, mutated: the unit parse reads what yaml reads', () => {
  const base = generateRules(30, 2, 11).text;
  fc.assert(
    fc.property(fc.array(mutation, { maxLength: 3 }), (ms) => {
      let text = base;
      for (const m of ms) text = mutate(text, m);
      const units = parseRuleText(text);
      const doc = parseDocument(text, { uniqueKeys: true, customTags: withoutExponentFloats });
      if (units.mode !== 'units' || doc.errors.length > 0 || units.problems.length > 0) return;
      assert.deepStrictEqual(toData(units.root), toData(fromYaml(doc.contents, doc, 0)));
    }),
    { numRuns: Math.round(Number(process.env.FAST_PARSE_RUNS ?? 3000) / 15) },
  );
});

/** The tree of a text parsed alone, every offset moved by `by`. */
function moved(n: YNode, by: number): YNode {
  if (n.kind === 'scalar') return { ...n, start: n.start + by, end: n.end + by };
  if (n.kind === 'seq') return { ...n, start: n.start + by, end: n.end + by, items: n.items.map((i) => (i ? moved(i, by) : null)) };
  return { ...n, start: n.start + by, end: n.end + by, items: n.items.map((p) => ({ key: moved(p.key, by) as typeof p.key, value: p.value ? moved(p.value, by) : null })) };
}

test('a unit parsed where it stands is the unit parsed alone, moved to its offset (mutated rule files)', () => {
  const base = generateRules(30, 2, 13).text;
  let compared = 0;
  fc.assert(
    fc.property(fc.array(mutation, { maxLength: 3 }), (ms) => {
      let text = base;
      for (const m of ms) text = mutate(text, m);
      for (const u of splitUnits(text) ?? []) {
        const alone = fastParse(text.slice(u.start, u.end));
        const inPlace = fastParseRange(text, u.start, u.end);
        assert.deepStrictEqual(inPlace, alone && moved(alone, u.start), JSON.stringify(text.slice(u.start, u.end)));
        if (alone) compared++;
      }
    }),
    { numRuns: Math.round(Number(process.env.FAST_PARSE_RUNS ?? 3000) / 15) },
  );
  assert.ok(compared > 1000, `only ${compared} units compared`);
});
