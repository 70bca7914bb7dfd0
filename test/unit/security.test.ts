// Security in process: nothing in a rule file is evaluated as code (YAML tags stay inert,
// __proto__ keys pollute nothing), no remote schema is ever loaded, the workspace walk stays
// in its folder, unreadable bytes are reported rather than mangled, and the CLI's input limits
// answer with a message.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import { getCatalog } from '../../server/src/catalog/catalog';
import { MAX_BATCH_LINE } from '../../server/src/batchInput';
import { main } from '../../server/src/cli';
import { analyzeRuleText } from '../../server/src/model/document';
import { validateRuleTree } from '../../server/src/model/validate';
import { toData } from '../../server/src/model/yamlTree';
import { complete } from '../../server/src/service/completion';
import { domainProblems } from '../../server/src/service/domainDiagnostics';
import { hover } from '../../server/src/service/hover';
import { findRuleFiles, readRuleFile } from '../../server/src/workspace/files';
import { RuleWorkspace } from '../../server/src/workspace/workspace';

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-unit-security-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const catalog = getCatalog();

/** Runs a text through parse, schema, domain checks, engine, completion and hover. */
function everything(text: string): { codes: string[]; data: unknown } {
  const ws = new RuleWorkspace(catalog);
  const doc = ws.set('file:///t/sec.ecr.yaml', text, 1, true)!;
  const codes = [...doc.problems, ...domainProblems(doc, ws, catalog)].map((p) => p.code);
  ws.engine().check({ item: { eccn: '5A992' }, destination: 'RU', date: '2025-01-01' });
  ws.engine().runTests();
  for (let o = 0; o <= text.length; o += 7) {
    complete(doc, o, ws, catalog);
    hover(doc, o, ws, catalog);
  }
  return { codes, data: toData(doc.root) };
}

test('YAML tags that other loaders execute (!!js/function, !!python/object, ...) stay inert text', () => {
  const g = globalThis as { __ecrPwned?: boolean };
  const text = [
    'ruleset: tags',
    'title: !!js/function "function () { globalThis.__ecrPwned = true; return 1 }"',
    'jurisdiction: !!python/object/apply:os.system ["touch /tmp/ecr-pwned"]',
    'description: !!js/regexp /(a+)+$/',
    'asOf: !<tag:yaml.org,2002:js/undefined> ""',
    'notes: !!python/name:os.system',
    'rules: !!js/eval "globalThis.__ecrPwned = true"',
    '',
  ].join('\n');
  const { codes, data } = everything(text);
  assert.equal(g.__ecrPwned, undefined, 'nothing ran');
  assert.ok(!fs.existsSync('/tmp/ecr-pwned'));
  const d = data as Record<string, unknown>;
  for (const k of ['title', 'jurisdiction', 'description', 'rules']) {
    const v = d[k];
    assert.ok(v === null || ['string', 'number', 'boolean'].includes(typeof v) || Array.isArray(v), `${k} is plain data: ${typeof v}`);
    assert.notEqual(typeof v, 'function');
  }
  assert.match(String(d.title), /function/);
  // the unknown tags are reported, not honoured
  assert.ok(codes.includes('yaml-syntax'), codes.join(', '));
});

test('__proto__ and constructor.prototype keys pollute no prototype, anywhere in the pipeline', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const text = [
    '__proto__: { polluted: yes, ruleset: hijacked }',
    'ruleset: proto',
    'title: Proto',
    'jurisdiction: US-EAR',
    'constructor: { prototype: { polluted: yes } }',
    'regimes:',
    '  __proto__: { countries: [RU] }',
    '  constructor: { countries: [BY] }',
    'products:',
    '  - sku: __proto__',
    '    eccn: 5A992',
    'rules:',
    '  - id: __proto__',
    '    citation: x',
    '    when:',
    '      items: [{ __proto__: { ccl: true } }, { product: __proto__ }]',
    '      destinations: [{ regime: __proto__ }, { regime: constructor }, { country: RU }]',
    '    decision: prohibited',
    'tests:',
    '  - name: __proto__',
    '    item: { __proto__: { eccn: 5A992 }, eccn: 5A992 }',
    '    destination: RU',
    '    expect: prohibited',
    '',
  ].join('\n');
  const { codes, data } = everything(text);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(data), Object.prototype, 'the data object keeps its prototype');
  assert.equal(Object.getPrototypeOf((data as Record<string, unknown>).regimes), Object.prototype);
  // the key is an ordinary (unknown) key, not a way to smuggle in the ruleset's fields
  assert.ok(codes.includes('unknown-property'));
  assert.equal((data as Record<string, unknown>).ruleset, 'proto');
});

test('no remote schema is ever loaded: the schema refers only to itself; $schema in a rule file is not followed, $ref is an unknown key', () => {
  const schemaText = fs.readFileSync(path.join(root, 'schemas/export-rules.schema.json'), 'utf8');
  const refs = [...schemaText.matchAll(/"\$ref"\s*:\s*"([^"]*)"/g)].map((m) => m[1]);
  assert.ok(refs.length > 0);
  assert.deepEqual(refs.filter((r) => !r.startsWith('#')), [], 'every $ref is local');
  // ajv is built without loadSchema (the only way it fetches), and compiled synchronously
  const validateSource = fs.readFileSync(path.join(root, 'server/src/model/validate.ts'), 'utf8');
  assert.doesNotMatch(validateSource.replace(/\/\/.*$/gm, ''), /loadSchema|compileAsync/);
  const doc = analyzeRuleText('file:///t/ref.ecr.yaml', '$schema: http://127.0.0.1:9/s.json\n$ref: https://127.0.0.1:9/r.json\nruleset: r\ntitle: R\n');
  // `$schema` is an allowed key (editors read it) and is never followed; `$ref` is unknown
  assert.deepEqual(doc.problems.map((p) => [p.code, p.message.slice(0, 20)]), [['unknown-property', 'Unknown key "$ref" i']]);
  assert.ok(Array.isArray(validateRuleTree(null)));
});

test('no module of the server or the client imports a network module', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) files.push(p);
    }
  };
  for (const d of ['server/src', 'client/src']) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  assert.ok(files.length > 20);
  const net = /from\s+'(node:)?(http|https|http2|net|tls|dns|dgram)'|require\('(node:)?(http|https|http2|net|tls|dns|dgram)'\)|\bfetch\s*\(\s*['"`]https?:|XMLHttpRequest|WebSocket/;
  const offenders = files.filter((f) => net.test(fs.readFileSync(f, 'utf8')));
  assert.deepEqual(offenders.map((f) => path.relative(root, f)), []);
});

test('the workspace walk stays in its folder: links out (file and folder) are not followed, a link loop ends', (t) => {
  const outside = path.join(tmp, 'outside');
  const folder = path.join(tmp, 'folder');
  fs.mkdirSync(path.join(outside, 'sub'), { recursive: true });
  fs.mkdirSync(path.join(folder, 'real'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'secret.ecr.yaml'), 'ruleset: secret\n');
  fs.writeFileSync(path.join(outside, 'sub', 'deep.ecr.yaml'), 'ruleset: deep\n');
  fs.writeFileSync(path.join(folder, 'real', 'mine.ecr.yaml'), 'ruleset: mine\n');
  try {
    fs.symlinkSync(path.join(outside, 'secret.ecr.yaml'), path.join(folder, 'out.ecr.yaml'));
    fs.symlinkSync(path.join(outside, 'sub'), path.join(folder, 'outdir'));
    fs.symlinkSync(path.join(folder, 'real', 'mine.ecr.yaml'), path.join(folder, 'alias.ecr.yaml'));
    fs.symlinkSync(folder, path.join(folder, 'real', 'loop'));
  } catch {
    t.skip('symbolic links cannot be made here');
    return;
  }
  const found = findRuleFiles(folder).map((f) => path.relative(folder, f));
  assert.ok(found.includes(path.join('real', 'mine.ecr.yaml')));
  assert.ok(found.includes('alias.ecr.yaml'), 'a link that stays inside is followed');
  assert.ok(!found.some((f) => f.startsWith('out')), `nothing through a link out: ${found.join(', ')}`);
  assert.ok(found.length < 100, 'the loop ended');
});

test("a folder's rule files come in code-unit order of their names, the same whatever the machine's locale", () => {
  const folder = fs.mkdtempSync(path.join(tmp, 'order-'));
  for (const name of ['b.ecr.yaml', 'B2.ecr.yaml', 'a.ecr.yaml', 'é.ecr.yaml', 'Z.ecr.yaml']) fs.writeFileSync(path.join(folder, name), 'ruleset: x\n');
  // (a locale's collation would give a, b, B2, é, Z)
  assert.deepEqual(findRuleFiles(folder).map((f) => path.basename(f)), ['B2.ecr.yaml', 'Z.ecr.yaml', 'a.ecr.yaml', 'b.ecr.yaml', 'é.ecr.yaml']);
});

test('a file that is not UTF-8 is reported, not mangled; a file over the size limit is not read', () => {
  const bad = path.join(tmp, 'latin1.ecr.yaml');
  fs.writeFileSync(bad, Buffer.from('ruleset: caf\xe9\ntitle: x\n', 'latin1'));
  const r = readRuleFile(bad, 1_000_000);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /not valid UTF-8/);
  const utf16 = path.join(tmp, 'utf16.ecr.yaml');
  fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ruleset: x\n', 'utf16le')]));
  assert.equal(readRuleFile(utf16, 1_000_000).ok, false);
  const bom = path.join(tmp, 'bom.ecr.yaml');
  fs.writeFileSync(bom, '\ufeffruleset: x\n');
  assert.deepEqual(readRuleFile(bom, 1_000_000), { ok: true, text: 'ruleset: x\n' });
  const big = path.join(tmp, 'big.ecr.yaml');
  fs.writeFileSync(big, `ruleset: x\n# ${'x'.repeat(2_000)}\n`);
  const rb = readRuleFile(big, 1_000);
  assert.equal(rb.ok, false);
  assert.match(!rb.ok ? rb.reason : '', /over the limit of 1000 bytes/);
});

async function cli(args: string[], cwd: string, stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const input = new PassThrough();
  input.end(stdin);
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; }, cwd, stdin: input });
  return { code, out, err };
}

test('the CLI reports a file that is not UTF-8 as file-unreadable', async () => {
  const dir = path.join(tmp, 'cli-utf8');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'bad.ecr.yaml'), Buffer.from([0x72, 0x75, 0x6c, 0x65, 0x73, 0x65, 0x74, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
  const r = await cli(['validate', '--format', 'json'], dir);
  assert.equal(r.code, 1);
  const problems = JSON.parse(r.out) as { code: string; message: string }[];
  assert.deepEqual(problems.map((p) => p.code), ['file-unreadable']);
  assert.match(problems[0].message, /UTF-8/);
});

test(`check --batch: a line longer than ${MAX_BATCH_LINE} characters is an error line, the others are answered`, async () => {
  const long = `${'5A992'.padEnd(MAX_BATCH_LINE + 10, 'x')},RU`;
  const r = await cli(['check', '--batch', '-', '--starter-pack', 'always'], tmp, `5A992,RU\n${long}\n7A994,CN\n`);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { line: number; error?: string; decision?: string });
  // 5A992 to Russia: 746.8(a)(1); 7A994 to China: AT only on the Country Chart, no licence
  assert.deepEqual(
    lines.map((l) => [l.line, l.decision ?? l.error]),
    [[1, 'license-required'], [2, `line longer than ${MAX_BATCH_LINE} characters`], [3, 'no-license-required']],
  );
});

test('check --batch: JSON lines with __proto__ keys pollute nothing', async () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const input = ['{"__proto__": {"polluted": 1}, "eccn": "5A992", "to": "RU"}', '{"item": {"__proto__": {"polluted": 1}, "eccn": "5A992"}, "destination": "RU"}', '{"constructor": {"prototype": {"polluted": 1}}, "eccn": "5A992", "to": "RU"}'].join('\n');
  const r = await cli(['check', '--batch', '-', '--starter-pack', 'always'], tmp, `${input}\n`);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim().split('\n').length, 3);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('rule-file text in hover and completion markdown is escaped: no image, link or HTML reaches the renderer', () => {
  const payload = '![p](http://127.0.0.1:9/p.png)<img src=x onerror=1>[c](command:workbench.action.quit)';
  const text = `ruleset: inj\ntitle: "${payload}"\njurisdiction: US-EAR\nregimes:\n  evil:\n    title: "${payload}"\n    countries: [RU]\nproducts:\n  - sku: SKU-1\n    name: "${payload}"\n    eccn: 5A992\nrules:\n  - id: r1\n    title: "${payload}"\n    citation: "${payload}"\n    review: "${payload}"\n    when:\n      items: [{ product: SKU-1 }]\n      destinations: [{ regime: evil }]\n    decision: prohibited\ntests:\n  - name: "${payload}"\n    item: { product: SKU-1 }\n    destination: RU\n    expect: prohibited\n`;
  const ws = new RuleWorkspace(catalog);
  const doc = ws.set('file:///t/inj.ecr.yaml', text, 1, true)!;
  const markdown: string[] = [];
  for (let o = 0; o <= text.length; o++) {
    const h = hover(doc, o, ws, catalog);
    if (h && typeof h.contents === 'object' && 'value' in h.contents) markdown.push(h.contents.value);
    for (const item of complete(doc, o, ws, catalog)?.items ?? []) {
      const d = item.documentation;
      if (d) markdown.push(typeof d === 'string' ? d : d.value);
    }
  }
  const shown = markdown.filter((m) => m.includes('p.png'));
  assert.ok(shown.length > 0, 'the payload is shown somewhere (as text)');
  // an unescaped "](" would make a link or image, an unescaped "<" raw HTML
  for (const m of shown) assert.doesNotMatch(m, /(?<!\\)\]\(|(?<!\\)<img/, m.slice(0, 200));
});
