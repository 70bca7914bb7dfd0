// The per-entry parser must agree with parsing the whole text, and re-use what an edit did
// not touch.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { parseRuleText, splitUnits, UnitCache, withoutExponentFloats } from '../../server/src/model/parse';
import { toData } from '../../server/src/model/yamlTree';

const samples = ['test/fixtures/validate/clean.ecr.yaml', 'test/fixtures/validate/schema-shapes.ecr.yaml']
  .concat(fs.existsSync('samples') ? walk('samples') : [])
  .filter((f) => !f.includes('broken'));

function walk(d: string): string[] {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.ecr.yaml') ? [path.join(d, e.name)] : []));
}

for (const f of samples) {
  test(`units and whole parse agree: ${f}`, () => {
    const text = fs.readFileSync(f, 'utf8');
    const r = parseRuleText(text);
    assert.equal(r.mode, 'units');
    assert.deepEqual(toData(r.root), parseDocument(text, { customTags: withoutExponentFloats }).toJS());
  });
}

test('an edit re-parses only the entry it touched', () => {
  const rule = (i: number) => `  - id: r${i}\n    citation: x\n    when:\n      items: [{ ccl: true }]\n      destinations: [{ country: RU }]\n    decision: license-required\n`;
  const text = `ruleset: big\ntitle: Big\nrules:\n${Array.from({ length: 200 }, (_, i) => rule(i)).join('')}`;
  const cache = new UnitCache();
  parseRuleText(text, cache);
  assert.equal(cache.size, 203);
  const edited = text.replace('id: r100\n', 'id: r100-edited\n');
  let misses = 0;
  const counting = new (class extends UnitCache {
    override get(t: string) {
      const hit = cache.get(t);
      if (!hit) misses++;
      return hit;
    }
  })();
  const r = parseRuleText(edited, counting);
  assert.equal(misses, 1);
  assert.equal((toData(r.root) as { rules: { id: string }[] }).rules[100].id, 'r100-edited');
});

test('text the splitter is unsure of is parsed whole', () => {
  for (const t of ['a: &x 1\nb: *x\n', '---\na: 1\n', 'a:\n\t- x\n', 'rules:\n- id: x\n', '[1, 2]\n', 'a: 1\r\nb: 2\r\n']) {
    assert.equal(splitUnits(t), undefined, JSON.stringify(t));
    assert.equal(parseRuleText(t).mode, 'whole');
  }
});

test('hostile input: alias bombs and deep nesting are refused with a finding, not a hang', () => {
  const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
  assert.deepEqual(parseRuleText(bomb).problems.map((p) => p.code), ['alias-limit']);
  const deep = `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
  assert.deepEqual(parseRuleText(deep).problems.map((p) => p.code), ['too-deep']);
  const deepBlock = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  assert.deepEqual(parseRuleText(deepBlock).problems.map((p) => p.code), ['too-deep']);
});

test('duplicate keys across split entries are reported', () => {
  const t = 'ruleset: x\ntitle: y\nregimes:\n  a:\n    countries: [RU]\n  a:\n    countries: [BY]\ntitle: z\n';
  const codes = parseRuleText(t).problems.map((p) => p.code);
  assert.deepEqual(codes, ['duplicate-key', 'duplicate-key']);
});

test('technology ECCNs such as 3E001 stay text, not exponent numbers', () => {
  const r = parseRuleText('ruleset: x\ntitle: y\nproducts:\n  - sku: A\n    directProductOf: [3E001, 0E982, 9E003]\n    eccn: 3E991\n');
  const data = toData(r.root) as { products: { directProductOf: unknown[]; eccn: unknown }[] };
  assert.deepEqual(data.products[0].directProductOf, ['3E001', '0E982', '9E003']);
  assert.equal(data.products[0].eccn, '3E991');
  assert.equal((toData(parseRuleText('a: 1.5\nb: 12\nc: true\n').root) as Record<string, unknown>).a, 1.5);
});
