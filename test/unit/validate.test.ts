// Parse and schema validation over fixture rule files. Each fixture marks the lines that must
// get a diagnostic with `# want <code>`; every other line must get none.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeRuleText } from '../../server/src/model/document';
import type { DiagnosticCode } from '../../server/src/model/diagnosticCodes';
import { carryOver } from '../../server/src/service/diagnostics';

const dir = path.join(__dirname, '../fixtures/validate');

function wants(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /#\s*want\s+([a-z-]+)/.exec(l);
    if (m) out.push(`${i + 1} ${m[1]}`);
  });
  return out.sort();
}

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ecr.yaml'))) {
  test(`fixture ${file}: exactly the wanted diagnostics`, () => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const doc = analyzeRuleText(`file:///${file}`, text);
    const got = doc.problems.map((p) => `${doc.lines.positionAt(p.span.start).line + 1} ${p.code}`).sort();
    assert.deepEqual(got, wants(text), doc.problems.map((p) => `${doc.lines.positionAt(p.span.start).line + 1}: ${p.message}`).join('\n'));
  });
}

test('the four mistakes are each on the offending token, in plain words', () => {
  const text = fs.readFileSync(path.join(dir, 'four-mistakes.ecr.yaml'), 'utf8');
  const doc = analyzeRuleText('file:///four.ecr.yaml', text);
  const byCode = new Map(doc.problems.map((p) => [p.code, p]));
  const token = (code: DiagnosticCode) => {
    const p = byCode.get(code)!;
    return text.slice(p.span.start, p.span.end);
  };
  assert.equal(token('unknown-property'), 'decison');
  assert.match(byCode.get('unknown-property')!.message, /did you mean "decision"/);
  assert.deepEqual(byCode.get('unknown-property')!.fixes?.[0], { title: 'Change to "decision"', newText: 'decision' });
  assert.equal(token('missing-property'), 'id');
  assert.match(byCode.get('missing-property')!.message, /needs "citation"/);
  assert.equal(token('invalid-value'), 'licence-needed');
  assert.equal(byCode.get('invalid-value')!.message, 'decision must be one of: prohibited, license-required, no-license-required');
  const syntax = byCode.get('yaml-syntax')!;
  assert.equal(doc.lines.positionAt(syntax.span.start).line + 1, 34);
  assert.equal(doc.problems.length, 4);
  // rules with a decision the engine can use are still read, even the one next to the syntax error
  assert.deepEqual(
    doc.ruleSet.rules.map((r) => r.id),
    ['by-all-ccl', 'ru-fdp'],
  );
});

test('a file that is not a mapping gets one clear finding', () => {
  for (const text of ['', '- just\n- a list\n', 'plain text']) {
    const doc = analyzeRuleText('file:///x.ecr.yaml', text);
    assert.equal(doc.problems.filter((p) => p.code === 'not-a-rule-file').length, 1, JSON.stringify(text));
  }
});

test('typed model: header dates default the rules, products and tests are read', () => {
  const text = fs.readFileSync(path.join(dir, 'clean.ecr.yaml'), 'utf8');
  const { ruleSet } = analyzeRuleText('file:///clean.ecr.yaml', text);
  assert.equal(ruleSet.id, 'acme-clean');
  assert.equal(ruleSet.effective, '2024-01-01');
  assert.deepEqual(ruleSet.regimes[0].countries, ['RU', 'BY', 'UA-43']);
  assert.deepEqual(ruleSet.regimes[0].include, [{ pointer: '/regimes/acme-watch/include/0', countryGroup: ['E:1'] }]);
  assert.equal(ruleSet.products[0].eccn, '7A994');
  assert.equal(ruleSet.rules[0].items.length, 2);
  assert.equal(ruleSet.rules[0].location.range.start.line, 19); // zero-based: line 20 of the file
  assert.deepEqual(ruleSet.tests.map((t) => t.item.product), ['FMC-200', 'FMC-200']);
});

test('carryOver keeps findings before an edit, moves those after it, drops those it touched', () => {
  const oldText = 'aaaa XXXX bbbb YYYY cccc';
  const newText = 'aaaa XXXX bbQQbb YYYY cccc'; // two characters inserted inside "bbbb"
  const p = (start: number, end: number, label: string) => ({ code: 'yaml-syntax' as const, severity: 'error' as const, message: label, span: { start, end } });
  const moved = carryOver([p(5, 9, 'before'), p(10, 14, 'touched'), p(15, 19, 'after')], oldText, newText);
  assert.deepEqual(moved.map((x) => [x.message, newText.slice(x.span.start, x.span.end)]), [['before', 'XXXX'], ['after', 'YYYY']]);
  assert.deepEqual(carryOver([p(0, 4, 'same')], oldText, oldText).map((x) => x.message), ['same']);
  // a finding inside an entry the edit touched is dropped too, though it lies before the change
  assert.deepEqual(carryOver([p(5, 9, 'in-entry'), p(0, 4, 'other')], oldText, newText, [{ start: 5, end: 16 }]).map((x) => x.message), ['other']);
});
