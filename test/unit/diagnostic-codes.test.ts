// One registry of diagnostic codes (server/src/model/diagnosticCodes.ts), each documented in
// docs/diagnostics.md with a wrong and a right example. The examples are run here: the wrong
// one must get its code, at a severity the registry allows; the right one no finding at all.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createCatalog, getCatalog } from '../../server/src/catalog/catalog';
import type { Catalog } from '../../server/src/catalog/types';
import { collectProblems } from '../../server/src/cli';
import { MAX_REGIME_DEPTH } from '../../server/src/engine/regimes';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_CODE_LIST, type DiagnosticCode } from '../../server/src/model/diagnosticCodes';
import { analyzeRuleText } from '../../server/src/model/document';
import { PARSE_LIMITS } from '../../server/src/model/parse';
import type { Severity } from '../../server/src/model/types';
import { readRuleFile } from '../../server/src/workspace/files';

const root = path.resolve(__dirname, '../..');
const docs = fs.readFileSync(path.join(root, 'docs/diagnostics.md'), 'utf8');

interface Section {
  code: string;
  head: string;
  wrong: string;
  right: string;
}

/** `### code`, its `**severity** · summary` line, and the yaml blocks after "Wrong" and "Right". */
function sections(): Section[] {
  return docs
    .split(/^### /m)
    .slice(1)
    .map((s) => {
      const code = s.slice(0, s.indexOf('\n')).trim();
      const block = (label: string) => new RegExp(`^${label}[^\\n]*:\\n\\n\`\`\`yaml\\n([\\s\\S]*?)\`\`\`$`, 'm').exec(s)?.[1] ?? '';
      return { code, head: s.split('\n')[2] ?? '', wrong: block('Wrong'), right: block('Right') };
    });
}

/** Examples too long to print: the docs show them shortened, the test writes them whole. */
const GENERATED: Partial<Record<DiagnosticCode, () => string>> = {
  'too-deep': () => `ruleset: acme\ntitle: ${'['.repeat(PARSE_LIMITS.maxDepth + 1)}${']'.repeat(PARSE_LIMITS.maxDepth + 1)}\n`,
  'too-large': () => {
    const list = Array(Math.ceil(PARSE_LIMITS.maxNodes / PARSE_LIMITS.maxAliasCount) + 1).fill('x').join(', ');
    return `ruleset: acme\ntitle: ACME\ndescription: [&list [${list}], ${Array(PARSE_LIMITS.maxAliasCount).fill('*list').join(', ')}]\n`;
  },
  'regime-too-deep': () =>
    `ruleset: acme\ntitle: ACME\nregimes:\n${Array.from({ length: MAX_REGIME_DEPTH + 1 }, (_, i) => `  r${i}: { include: [{ regime: r${i + 1} }] }\n`).join('')}  r${MAX_REGIME_DEPTH + 1}: { countries: [RU] }\n`,
};

/** The catalog an example needs: two codes are only reachable with a thinner catalog than ours. */
function catalogFor(code: string): Catalog {
  const full = getCatalog();
  if (code === 'unknown-category') return createCatalog({ ...full.data, categories: full.data.categories.filter((c) => c.code !== '9') });
  if (code === 'unknown-product-group') return createCatalog({ ...full.data, productGroups: full.data.productGroups.filter((g) => g.code !== 'E') });
  return full;
}

/** Every finding of an example, as `export-rules validate` reports them. */
function findings(code: string, example: string, latin1 = false): { code: string; severity: Severity; file: string }[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-diag-'));
  const files = example.split(/^---\n/m).map((text, i) => ({ name: /^# file: (\S+)/.exec(text)?.[1] ?? `example-${i}.ecr.yaml`, text }));
  const docsRead = [];
  const unreadable = [];
  for (const f of files) {
    const p = path.join(dir, f.name);
    // the wrong example of file-unreadable is the same text saved as Windows-1252
    fs.writeFileSync(p, latin1 ? Buffer.from(f.text, 'latin1') : f.text);
    const r = readRuleFile(p, 50_000_000);
    if (r.ok) docsRead.push(analyzeRuleText(`file://${p}`, r.text));
    else unreadable.push({ file: p, reason: r.reason });
  }
  return collectProblems(docsRead, unreadable, catalogFor(code), dir, { starterPack: 'auto' });
}

test('every code of the registry has a section in docs/diagnostics.md, and every section a code', () => {
  assert.deepEqual(sections().map((s) => s.code).sort(), [...DIAGNOSTIC_CODE_LIST].sort());
});

test('each section states the registry severity and summary, and has a wrong and a right example', () => {
  for (const s of sections()) {
    const info = DIAGNOSTIC_CODES[s.code as DiagnosticCode];
    assert.equal(s.head, `**${info.severity}** · ${info.summary}`, s.code);
    assert.ok(s.wrong.trim(), `${s.code}: a wrong example`);
    assert.ok(s.right.trim(), `${s.code}: a right example`);
  }
});

for (const s of sections()) {
  const code = s.code as DiagnosticCode;
  test(`${code}: the wrong example gets it, the right one gets nothing`, () => {
    const info: { severity: Severity; also?: readonly Severity[] } = DIAGNOSTIC_CODES[code];
    const wrong = findings(code, GENERATED[code]?.() ?? s.wrong, code === 'file-unreadable');
    const hits = wrong.filter((p) => p.code === code);
    assert.ok(hits.length > 0, `${code}: the wrong example gets ${JSON.stringify(wrong)}`);
    for (const h of hits) assert.ok([info.severity, ...(info.also ?? [])].includes(h.severity), `${code} reported as ${h.severity}`);
    assert.deepEqual(findings(code, s.right), [], `${code}: the right example`);
  });
}

test('every code the fixtures and samples get is in the registry (the type Problem.code holds it at compile time)', () => {
  const files = ['test/fixtures', 'samples'].flatMap((d) =>
    fs.readdirSync(path.join(root, d), { recursive: true, encoding: 'utf8' }).filter((f) => /\.ecr\.ya?ml$/.test(f)).map((f) => path.join(root, d, f)),
  );
  const analysed = files.map((f) => analyzeRuleText(`file://${f}`, fs.readFileSync(f, 'utf8')));
  const codes = new Set(collectProblems(analysed, [], getCatalog(), root, { starterPack: 'auto' }).map((p) => p.code));
  assert.ok(codes.size >= 25, `the fixtures exercise most codes (${codes.size})`);
  assert.deepEqual([...codes].filter((c) => !(c in DIAGNOSTIC_CODES)), []);
});
