// The JSON schema of rule files: it compiles, its definitions compile one by one (the server
// validates entry by entry), its documentation is complete (hover and completion read it), and
// it accepts the documented format while rejecting typos with one clear ajv error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { withoutExponentFloats } from '../../server/src/model/parse';

/** Parses as the product does: 3E001 stays an ECCN, not the number 30. */
const parseYaml = (text: string): unknown => parse(text, { customTags: withoutExponentFloats });

const ROOT = join(__dirname, '..', '..');
const SCHEMA_PATH = join(ROOT, 'schemas', 'export-rules.schema.json');

/** A JSON Schema node as far as these tests look at it. */
interface SchemaNode {
  [key: string]: unknown;
  $id?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  enumDescriptions?: unknown;
  markdownEnumDescriptions?: unknown;
  defaultSnippets?: { label?: unknown; description?: unknown; body?: unknown }[];
}

const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as SchemaNode;
const SCHEMA_ID = String(schema.$id);

/** Definitions the validator compiles one by one; they must exist under exactly these names. */
const REQUIRED_DEFINITIONS = [
  'regime',
  'product',
  'rule',
  'ruleTest',
  'itemSelector',
  'destinationSelector',
  'when',
  'except',
  'testItem',
  'decision',
  'date',
  'codeOrList',
];

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(schema);
  return ajv;
}

function validateWith(pointer: string, data: unknown): ErrorObject[] {
  const validate = newAjv().getSchema(pointer === '' ? SCHEMA_ID : `${SCHEMA_ID}#${pointer}`);
  assert.ok(validate, `no compiled schema at #${pointer}`);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

const validateFile = (data: unknown): ErrorObject[] => validateWith('', data);

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every schema node with its JSON pointer, and whether it is a documented position. */
function* walk(node: SchemaNode, pointer = '', documented = true): Generator<{ node: SchemaNode; pointer: string; documented: boolean }> {
  yield { node, pointer, documented };
  for (const key of ['properties', 'patternProperties', 'definitions']) {
    const children = node[key];
    if (!isNode(children)) continue;
    for (const [name, child] of Object.entries(children)) {
      if (isNode(child)) yield* walk(child, `${pointer}/${key}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, true);
    }
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames']) {
    const child = node[key];
    if (isNode(child)) yield* walk(child, `${pointer}/${key}`, false);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const [i, child] of list.entries()) if (isNode(child)) yield* walk(child, `${pointer}/${key}/${i}`, false);
  }
}

/** A valid rule file: the example of docs/rule-format.md, as data. */
function exampleFile(): Record<string, unknown> {
  return {
    $schema: '../schemas/export-rules.schema.json',
    ruleset: 'us-ear-russia-belarus',
    title: 'Russia and Belarus (15 CFR 746.8)',
    jurisdiction: 'US-EAR',
    effective: '2022-02-24',
    expires: '2030-01-01',
    asOf: '2026-09-24',
    description: 'Licence requirements of 15 CFR 746.8.\n',
    regimes: {
      'russia-belarus': { title: 'Russia and Belarus', countries: ['RU', 'BY'] },
      'strict-embargo': {
        include: [{ countryGroup: 'E:1' }, { countryGroup: 'E:2' }, { regime: 'russia-belarus' }],
        exclude: [{ country: 'SY' }],
      },
    },
    products: [
      { sku: 'FMC-200', name: 'Flight management computer', eccn: '7A994', hs: '8526.91' },
      {
        sku: 'FAB-CHIP-7',
        name: 'Foreign-made logic chip (made abroad with US technology)',
        eccn: '3A991',
        origin: 'foreign',
        directProductOf: ['3E001', '3D001'],
      },
    ],
    rules: [
      {
        id: 'ru-by-all-ccl',
        title: 'Every item on the Commerce Control List needs a license',
        citation: '15 CFR 746.8(a)(1)',
        when: {
          items: [{ ccl: true }],
          destinations: [{ regime: 'russia-belarus' }],
          except: { destinations: [{ country: 'UA' }] },
        },
        decision: 'license-required',
        review: 'policy of denial',
        exceptions: ['GOV', 'TMP'],
        effective: '2022-04-08',
        expires: '2030-01-01',
        notes: 'free text',
      },
    ],
    tests: [
      {
        name: 'smartphones to Russia',
        item: { eccn: '5A992' },
        destination: 'RU',
        date: '2024-01-01',
        expect: 'license-required',
        decidedBy: ['ru-by-all-ccl'],
      },
    ],
  };
}

type Rule = Record<string, unknown>;
function withRule(change: (rule: Rule) => void): Record<string, unknown> {
  const file = exampleFile();
  change((file.rules as Rule[])[0]);
  return file;
}

/** The ajv errors reduced to what a diagnostic needs: keyword and place. */
const brief = (errors: ErrorObject[]): { keyword: string; instancePath: string }[] =>
  errors.map((e) => ({ keyword: e.keyword, instancePath: e.instancePath }));

test('the schema is draft-07 and compiles with ajv 8', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.ok(SCHEMA_ID.startsWith('https://'), 'the $id is a URL (never fetched)');
  const ajv = new Ajv({ allErrors: true, strict: false });
  assert.equal(typeof ajv.compile(schema), 'function');
});

test('each definition compiles on its own by $id#/definitions/<name>', () => {
  const ajv = newAjv();
  const definitions = schema.definitions as Record<string, unknown>;
  for (const name of REQUIRED_DEFINITIONS) assert.ok(name in definitions, `definition ${name} is missing`);
  for (const name of Object.keys(definitions)) {
    assert.equal(typeof ajv.getSchema(`${SCHEMA_ID}#/definitions/${name}`), 'function', name);
  }
});

test('every property and definition has title, plain description and markdownDescription', () => {
  const missing: string[] = [];
  let count = 0;
  for (const { node, pointer, documented } of walk(schema)) {
    if (!documented) continue;
    count++;
    for (const key of ['title', 'description', 'markdownDescription'] as const) {
      const text = node[key];
      if (typeof text !== 'string' || text.trim() === '') missing.push(`${pointer || '/'} ${key}`);
    }
    // The plain description is shown where markdown is not rendered.
    if (typeof node.description === 'string' && /`|\*\*|\n/.test(node.description)) missing.push(`${pointer} description has markdown`);
  }
  assert.deepEqual(missing, []);
  assert.ok(count > 60, `walked only ${count} documented nodes`);
});

test('every enum has enumDescriptions and markdownEnumDescriptions, one per value', () => {
  let enums = 0;
  for (const { node, pointer } of walk(schema)) {
    if (!Array.isArray(node.enum)) continue;
    enums++;
    for (const key of ['enumDescriptions', 'markdownEnumDescriptions'] as const) {
      const list = node[key];
      assert.ok(Array.isArray(list), `${pointer} ${key}`);
      assert.equal(list.length, node.enum.length, `${pointer} ${key} length`);
      for (const text of list) assert.ok(typeof text === 'string' && text.length > 0, `${pointer} ${key} entry`);
    }
  }
  assert.ok(enums >= 5, 'decision, origin, jurisdiction, category and product group are enums');
});

test('code lists have no oneOf/anyOf, so a bad value gives one error', () => {
  const defs = schema.definitions as Record<string, SchemaNode>;
  const codeOrList = defs.codeOrList;
  assert.deepEqual(codeOrList.type, ['string', 'array']);
  assert.ok(!('anyOf' in codeOrList) && !('oneOf' in codeOrList) && !('enum' in codeOrList) && !('pattern' in codeOrList));
  assert.deepEqual(brief(validateWith('/definitions/destinationSelector', { country: 7 })), [
    { keyword: 'type', instancePath: '/country' },
  ]);
  assert.deepEqual(brief(validateWith('/definitions/destinationSelector', { country: [] })), [
    { keyword: 'minItems', instancePath: '/country' },
  ]);
});

test('the example of docs/rule-format.md, as data, is valid', () => {
  assert.deepEqual(brief(validateFile(exampleFile())), []);
});

// Plain YAML reads an unquoted technology ECCN such as 3E001 as a number (3E001 = 30); the
// product's parser switches exponent floats off, so the example is valid as written.
test('the YAML example in docs/rule-format.md is valid', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'rule-format.md'), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/rule-format.md has a yaml example');
  assert.deepEqual(brief(validateFile(parseYaml(block[1]))), []);
});

test('the bundled samples (samples/**/*.ecr.yaml) are valid, except those marked with # want', (t) => {
  const dir = join(ROOT, 'samples');
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ecr\.ya?ml$/.test(f))
    : [];
  if (files.length === 0) return t.skip('no samples yet');
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    if (/#\s*want\b/.test(text)) continue; // broken on purpose: its `# want` comments name the diagnostics
    const data: unknown = parseYaml(text);
    assert.deepEqual(brief(validateFile(data)), [], file);
  }
});

test('a minimal file, x- keys at the top and on entries, and every selector key are accepted', () => {
  assert.deepEqual(validateFile({ ruleset: 'empty', title: 'Nothing yet' }), []);
  const file = exampleFile();
  file['x-owner'] = 'trade compliance';
  (file.rules as Rule[])[0]['x-ticket'] = 'TC-12';
  (file.rules as Rule[])[0].when = {
    items: [
      { eccn: ['3A*', '4A994'], category: '3', productGroup: ['A', 'E'], reason: 'NS1' },
      { ear99: true, hs: '8517.13', product: 'FMC-200' },
      { origin: 'foreign', directProductOf: ['3E*'] },
    ],
    destinations: [{ country: 'UA-43' }, { countryGroup: ['E:1', 'E:2'], chart: 'NS1' }, { any: true }],
    except: { items: [{ ear99: true }] },
  };
  assert.deepEqual(brief(validateFile(file)), []);
});

test('a misspelt key fails with additionalProperties at its object', () => {
  const errors = validateFile(withRule((rule) => {
    rule.exeptions = rule.exceptions;
    delete rule.exceptions;
  }));
  assert.deepEqual(brief(errors), [{ keyword: 'additionalProperties', instancePath: '/rules/0' }]);
  assert.equal(errors[0].params.additionalProperty, 'exeptions');

  const inSelector = validateFile(withRule((rule) => {
    rule.when = { items: [{ ccl: true }], destinations: [{ countries: ['RU'] }] };
  }));
  assert.deepEqual(brief(inSelector), [{ keyword: 'additionalProperties', instancePath: '/rules/0/when/destinations/0' }]);

  assert.deepEqual(brief(validateFile({ ...exampleFile(), test: [] })), [{ keyword: 'additionalProperties', instancePath: '' }]);
});

test('a wrong decision value fails with enum at the decision', () => {
  const errors = validateFile(withRule((rule) => {
    rule.decision = 'licence-required';
  }));
  assert.deepEqual(brief(errors), [{ keyword: 'enum', instancePath: '/rules/0/decision' }]);
});

test('a missing citation fails with required at the rule', () => {
  const errors = validateFile(withRule((rule) => {
    delete rule.citation;
  }));
  assert.deepEqual(brief(errors), [{ keyword: 'required', instancePath: '/rules/0' }]);
  assert.equal(errors[0].params.missingProperty, 'citation');
});

test('other format mistakes each give one error in the right place', () => {
  const cases: [string, (rule: Rule) => void, string, string][] = [
    ['date not yyyy-mm-dd', (r) => { r.effective = '8 April 2022'; }, 'pattern', '/rules/0/effective'],
    ['upper-case id', (r) => { r.id = 'RU-All'; }, 'pattern', '/rules/0/id'],
    ['ccl: false', (r) => { r.when = { items: [{ ccl: false }], destinations: [{ any: true }] }; }, 'const', '/rules/0/when/items/0/ccl'],
    ['empty selector', (r) => { r.when = { items: [{}], destinations: [{ any: true }] }; }, 'minProperties', '/rules/0/when/items/0'],
    ['empty item list', (r) => { r.when = { items: [], destinations: [{ any: true }] }; }, 'minItems', '/rules/0/when/items'],
    ['category 10', (r) => { r.when = { items: [{ category: '10' }], destinations: [{ any: true }] }; }, 'pattern', '/rules/0/when/items/0/category'],
    ['category unquoted', (r) => { r.when = { items: [{ category: 3 }], destinations: [{ any: true }] }; }, 'type', '/rules/0/when/items/0/category'],
    ['origin typo', (r) => { r.when = { items: [{ origin: 'abroad' }], destinations: [{ any: true }] }; }, 'enum', '/rules/0/when/items/0/origin'],
  ];
  for (const [what, change, keyword, instancePath] of cases) {
    assert.deepEqual(brief(validateFile(withRule(change))), [{ keyword, instancePath }], what);
  }
  const file = exampleFile();
  (file.tests as Rule[])[0].item = {};
  assert.deepEqual(brief(validateFile(file)), [{ keyword: 'minProperties', instancePath: '/tests/0/item' }]);
});

test('a regime needs countries or include', () => {
  const errors = validateWith('/definitions/regime', { title: 'Nobody', exclude: [{ country: 'RU' }] });
  assert.ok(errors.some((e) => e.keyword === 'anyOf' && e.instancePath === ''));
  assert.deepEqual(validateWith('/definitions/regime', { include: [{ chart: 'NS1' }] }), []);
});

/**
 * A snippet string as the editor inserts it and YAML then reads it: placeholders take their
 * default (`${1:RU}` -> RU, `${1|a,b|}` -> a), then the text is read as a YAML scalar, so an
 * unquoted "3" would become a number just as it would in the file.
 */
function fillSnippet(value: unknown): unknown {
  if (typeof value === 'string') {
    const text = value.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1');
    assert.ok(!/\$\{?\d/.test(text), `placeholder without a default in ${value}`);
    return parseYaml(text) as unknown;
  }
  if (Array.isArray(value)) return value.map(fillSnippet);
  if (isNode(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [fillSnippet(k) as string, fillSnippet(v)]));
  }
  return value;
}

test('defaultSnippets bodies validate where they sit once placeholders are filled', () => {
  const expected = ['', '/properties/regimes', '/definitions/rule', '/definitions/regime', '/definitions/product', '/definitions/ruleTest', '/definitions/itemSelector', '/definitions/destinationSelector'];
  const seen: string[] = [];
  for (const { node, pointer } of walk(schema)) {
    if (!node.defaultSnippets) continue;
    seen.push(pointer);
    const labels = new Set<unknown>();
    for (const snippet of node.defaultSnippets) {
      assert.ok(typeof snippet.label === 'string' && typeof snippet.description === 'string', `${pointer} snippet label/description`);
      assert.ok(!labels.has(snippet.label), `${pointer} duplicate snippet ${String(snippet.label)}`);
      labels.add(snippet.label);
      assert.deepEqual(brief(validateWith(pointer, fillSnippet(snippet.body))), [], `${pointer} snippet ${String(snippet.label)}`);
    }
  }
  for (const pointer of expected) assert.ok(seen.includes(pointer), `snippets at ${pointer || '/'}`);
});

test('the item and destination selectors have one snippet per key', () => {
  const defs = schema.definitions as Record<string, SchemaNode>;
  for (const name of ['itemSelector', 'destinationSelector']) {
    const keys = Object.keys(defs[name].properties as object);
    const covered = new Set((defs[name].defaultSnippets ?? []).flatMap((s) => Object.keys(s.body as object)));
    assert.deepEqual(keys.filter((k) => !covered.has(k)), [], name);
  }
});
