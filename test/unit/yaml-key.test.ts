// One definition of a YAML block-mapping key (server/src/model/yamlKey.ts), used by the
// splitter, the fast parser and the cursor context; and the yaml version it was checked against.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { fastParse } from '../../server/src/model/fastParse';
import { splitUnits } from '../../server/src/model/parse';
import { scanKey } from '../../server/src/model/yamlKey';
import { fromYaml, type YNode } from '../../server/src/model/yamlTree';
import { cursorContext } from '../../server/src/service/yamlContext';
import { analyzeRuleText } from '../../server/src/model/document';

const root = path.resolve(__dirname, '../..');

test('what a key is: plain, several words, quoted; the colon ends the line or precedes a space or tab', () => {
  const cases: [string, { name: string; end: number; colon: number } | undefined][] = [
    ['ruleset: x', { name: 'ruleset', end: 7, colon: 7 }],
    ['ruleset:', { name: 'ruleset', end: 7, colon: 7 }],
    ['ruleset:\tx', { name: 'ruleset', end: 7, colon: 7 }],
    ['my key: x', { name: 'my key', end: 6, colon: 6 }],
    ['key  : x', { name: 'key', end: 3, colon: 5 }],
    ['3A001.a/b: x', { name: '3A001.a/b', end: 9, colon: 9 }],
    ['$ref: x', { name: '$ref', end: 4, colon: 4 }],
    ['"E:1": x', { name: 'E:1', end: 5, colon: 5 }],
    ["'a b': x", { name: 'a b', end: 5, colon: 5 }],
    ['key:x', undefined],
    ['http://x: y', undefined],
    ['a  b: x', undefined],
    ['-a: x', undefined],
    ['"a\\"b": x', undefined],
    ["'it''s': x", undefined],
    ['"open: x', undefined],
    ['# c: x', undefined],
    ['key', undefined],
  ];
  for (const [text, want] of cases) {
    const k = scanKey(text, 0);
    assert.deepEqual(k && { name: k.name, end: k.end, colon: k.colon }, want, text);
  }
  assert.equal(scanKey(`${'k'.repeat(1001)}: x`, 0), undefined, 'longer than yaml reads as an implicit key');
});

test('the splitter, the fast parser and the cursor context agree on a key of several words', () => {
  const text = 'ruleset: acme\ntitle: ACME\nmy notes: kept\nrules:\n  - id: r\n';
  // the splitter cuts at it (a unit per top-level key, a unit per rule)
  assert.deepEqual(splitUnits(text)?.map((u) => text.slice(u.start, u.end)), ['ruleset: acme\n', 'title: ACME\n', 'my notes: kept\n', 'rules:\n', '  - id: r\n']);
  // the fast parser reads it as yaml does
  const doc = parseDocument(text);
  assert.deepEqual(fastParse(text), fromYaml(doc.contents, doc, 0) as YNode);
  // and the cursor after it is at the value of "my notes"
  const at = text.indexOf('kept');
  const ctx = cursorContext(analyzeRuleText('file:///x.ecr.yaml', text), at);
  assert.equal(ctx?.position, 'value');
  assert.equal(ctx?.key, 'my notes');
});

test('yaml is pinned to 2.9.1, whose comment ranges the fast parser reproduces', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  assert.equal(pkg.dependencies.yaml, '2.9.1', 'an exact version: an upgrade is a deliberate change, checked by this test');
  const installed = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/yaml/package.json'), 'utf8')) as { version: string };
  assert.equal(installed.version, '2.9.1');
  // where yaml 2.9.1 ends a mapping followed by comments: a deeper comment extends the inner
  // mapping (to 42), a comment at its own indentation does not; these are fastParse's ends too
  const cases: [string, number[]][] = [
    ['a:\n  x: 1\n    # deeper: extends the value\n  # same indent: stays with the inner map\n# outer\nb: 2\n', [0, 97, 5, 42]],
    ['a:\n  b:\n    x: 1\n  # less indented than b: passes up\nz: 1\n', [0, 58, 5, 17]],
    ['a:\n  x: 1\n\n    # deep\n\nb: 2', [0, 27, 5, 22]],
  ];
  for (const [text, [start, end, innerStart, innerEnd]] of cases) {
    const doc = parseDocument(text);
    for (const tree of [fromYaml(doc.contents, doc, 0), fastParse(text)]) {
      assert.ok(tree?.kind === 'map', JSON.stringify(text));
      const inner = tree.items[0].value;
      assert.deepEqual([tree.start, tree.end, inner?.start, inner?.end], [start, end, innerStart, innerEnd], JSON.stringify(text));
    }
  }
});

test('an offset that is no position (NaN, 1.5, -1) is no key, and a position of 1.5 lines reads as line 1', () => {
  for (const p of [Number.NaN, 1.5, -1]) assert.equal(scanKey('ruleset: x', p), undefined, String(p));
  const doc = analyzeRuleText('file:///x.ecr.yaml', 'ruleset: x\ntitle: y\n');
  assert.equal(doc.lines.offsetAt({ line: 1.5, character: 0.5 }), 11);
  assert.equal(doc.lines.offsetAt({ line: Number.NaN, character: 3 }), 3);
});
