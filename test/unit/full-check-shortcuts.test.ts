// The shortcuts of the full check that keep its findings while doing less work, each held to
// the answer worked out from the rule text and the reference data: selector texts classed
// once (unless an alias, anchor, tag or merge key may make one text mean two things), the
// except-destination judgement made from what each selector covers, scope keys made from
// numbered signatures, the selectors linked to a rule set read from the build's cache, and
// line ranges found from the start's line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCatalog } from '../../server/src/catalog/catalog';
import { analyzeRuleText, type RuleDocument } from '../../server/src/model/document';
import { createLineIndex } from '../../server/src/model/lines';
import { mayHaveNodeProperties } from '../../server/src/model/selectors';
import type { Problem, RuleSet } from '../../server/src/model/types';
import { domainProblems } from '../../server/src/service/domainDiagnostics';
import { RuleWorkspace } from '../../server/src/workspace/workspace';

const catalog = getCatalog();

function check(text: string): { text: string; problems: Problem[] } {
  const ws = new RuleWorkspace(catalog);
  const doc = ws.set('file:///t/one.ecr.yaml', text, 1, true)!;
  return { text, problems: [...doc.problems, ...domainProblems(doc, ws, catalog)] };
}

/** "code text@line" of each finding, in order. */
function where({ text, problems }: { text: string; problems: Problem[] }, code?: string): string[] {
  return problems.filter((p) => !code || p.code === code).map((p) => `${p.code} ${text.slice(p.span.start, p.span.end).trim()}@${text.slice(0, p.span.start).split('\n').length}`);
}

const HEAD = 'ruleset: t\ntitle: T\nrules:\n';
const rule = (id: string, items: string, destinations: string, more = '', decision = 'prohibited') =>
  `  - id: ${id}\n    citation: c\n    when:\n      items: ${items}\n      destinations: ${destinations}\n${more}    decision: ${decision}\n`;

test('a selector text may hold an alias, anchor or tag only at the start of a node; a * or ! inside a value is none', () => {
  const cases: [string, boolean][] = [
    ['{ eccn: "9B6*" }', false],
    ['{ eccn: 3A* }', false],
    ['{ product: "R&D-1" }', false],
    ['{ product: Wow! }', false],
    ['{ eccn: *x }', true],
    ['[*x]', true],
    ['{ eccn: [3A001,*x] }', true],
    ['{a:*b}', true],
    ['{ eccn: &x 3A001 }', true],
    ['{ eccn: !!str 3A001 }', true],
    ['*x', true],
    ['<<: { eccn: 3A001 }', true],
    ['eccn: 3A001\n      country: &a RU', true],
  ];
  for (const [text, may] of cases) assert.equal(mayHaveNodeProperties(text), may, text);
});

test('one selector text that an alias makes mean two ECCNs is judged at each place', () => {
  // the anchor x is defined twice: the first `{ eccn: *x }` is 3A001 (listed), the second 9Z999
  const got = check(
    HEAD +
      rule('a', '[{ eccn: &x 3A001 }]', '[{ country: RU }]') +
      rule('b', '[{ eccn: *x }]', '[{ country: BY }]') +
      rule('c', '[{ eccn: &x 9Z999 }]', '[{ country: CN }]') +
      rule('d', '[{ eccn: *x }]', '[{ country: IR }]'),
  );
  assert.deepEqual(where(got), ['malformed-eccn 9Z999@19', 'malformed-eccn *x@25']);
});

test('an ECCN pattern in quotes does not stop a repeated selector text from being judged once per class', () => {
  // three equal texts with a * inside the value, one of them wrong three times over
  const got = check(
    HEAD +
      rule('a', '[{ eccn: "3Z*" }]', '[{ country: RU }]') +
      rule('b', '[{ eccn: "3Z*" }]', '[{ country: BY }]') +
      rule('c', '[{ eccn: "3Z*" }]', '[{ country: CN }]'),
  );
  assert.deepEqual(where(got, 'malformed-eccn'), ['malformed-eccn "3Z*"@7', 'malformed-eccn "3Z*"@13', 'malformed-eccn "3Z*"@19']);
});

test('except destinations that remove everything are found from what each selector covers', () => {
  const except = (list: string) => `      except:\n        destinations: ${list}\n`;
  const got = check(
    HEAD +
      // Germany and France are both in Country Group A:1: nothing is left
      rule('e1', '[{ eccn: 5A992 }]', '[{ country: [DE, FR] }]', except('[{ countryGroup: "A:1" }]')) +
      // every destination but A:1: Russia, among others, is left
      rule('e2', '[{ eccn: 5A991 }]', '[{ any: true }]', except('[{ countryGroup: "A:1" }]')) +
      // everything less everything
      rule('e3', '[{ eccn: 4A994 }]', '[{ any: true }]', except('[{ any: true }]')) +
      // Russia is not in A:1
      rule('e4', '[{ eccn: 4A003 }]', '[{ country: [DE, RU] }]', except('[{ countryGroup: "A:1" }]')) +
      // two selectors on each side: France by name, Germany through A:1
      rule('e5', '[{ eccn: 5A002 }]', '[{ country: DE }, { country: FR }]', except('[{ country: FR }, { countryGroup: "A:1" }]')) +
      // Ukraine less three of its regions: Ukraine and its other regions are left
      rule('e6', '[{ eccn: 5A001 }]', '[{ country: UA }]', except('[{ country: [UA-43, UA-14, UA-09] }]')) +
      // a region less its country (which covers its regions)
      rule('e7', '[{ eccn: 5D002 }]', '[{ country: UA-43 }]', except('[{ country: UA }]')),
  );
  assert.deepEqual(where(got, 'matches-nothing'), ['matches-nothing destinations@10', 'matches-nothing destinations@26', 'matches-nothing destinations@42', 'matches-nothing destinations@58']);
});

test('rules of one scope are found whatever the shape of their lists; a condition or an except makes another scope', () => {
  const got = check(
    HEAD +
      rule('one', '[{ eccn: 5A992 }]', '[{ country: RU }]') +
      // the same selector twice is the same list
      rule('twice', '[{ eccn: 5A992 }, { eccn: "5a992" }]', '[{ country: RU }, { country: ru }]') +
      // two selectors in either order
      rule('pair', '[{ eccn: 5A992 }, { category: "3" }]', '[{ country: RU }]') +
      rule('pair-again', '[{ category: 3 }, { eccn: 5A992 }]', '[{ country: RU }]') +
      // a condition narrows: another scope, unless it is the same condition
      rule('conditional', '[{ eccn: 5A992 }]', '[{ country: RU }]', '', 'prohibited').replace('    decision:', '    condition: only for the navy\n    decision:') +
      rule('conditional-again', '[{ eccn: 5A992 }]', '[{ country: RU }]').replace('    decision:', '    condition: only for the navy\n    decision:') +
      // an except narrows too
      rule('excepted', '[{ eccn: 5A992 }]', '[{ country: RU }]', '      except:\n        items: [{ eccn: 5A992.a }]\n') +
      rule('excepted-again', '[{ eccn: 5A992 }]', '[{ country: RU }]', '      except:\n        items: [{ eccn: 5A992.A }]\n'),
  );
  assert.deepEqual(where(got, 'duplicate-rule'), ['duplicate-rule twice@10', 'duplicate-rule pair-again@22', 'duplicate-rule conditional-again@35', 'duplicate-rule excepted-again@50']);
});

test("a rule set read from the build's cache (the starter pack's) is linked to its tree by pointer: the same findings", () => {
  const text =
    HEAD +
    rule('a', '[{ eccn: 5A992 }, { ccl: true, ear99: true }]', '[{ country: RU }, { country: [DE, FR], countryGroup: "E:1" }]') +
    rule('b', '[{ eccn: 5A992 }]', '[{ country: RU }]', '      except:\n        destinations: [{ countryGroup: "D:1" }]\n') +
    rule('c', '[{ eccn: 5A992 }]', '[{ country: RU }]') +
    rule('d', '[{ eccn: "5A992" }]', '[{ country: [RU] }]');
  const analysed = analyzeRuleText('file:///t/one.ecr.yaml', text);
  // as packDocument makes it: the rule set from JSON, the tree parsed again when asked for
  const ruleSet = JSON.parse(JSON.stringify(analysed.ruleSet)) as RuleSet;
  const cached: RuleDocument = { ...analyzeRuleText('file:///t/one.ecr.yaml', text), ruleSet };
  const findings = (doc: RuleDocument) => {
    const ws = new RuleWorkspace(catalog);
    ws.adopt(doc, true);
    return domainProblems(doc, ws, catalog);
  };
  const want = findings(analysed);
  // the item selector that cannot hold, the destination selector that covers nothing, the
  // except that removes Russia (Country Group D:1), the rule that repeats c
  assert.deepEqual(where({ text, problems: want }), [
    'matches-nothing { ccl: true, ear99: true }@7',
    'matches-nothing { country: [DE, FR], countryGroup: "E:1" }@8',
    'matches-nothing destinations@16',
    'duplicate-rule d@24',
  ]);
  assert.deepEqual(findings(cached), want);
});

test('a range is the positions of its start and end, on one line or across lines, with LF, CRLF and CR breaks', () => {
  for (const text of ['a: 1\nbb: 22\n\nccc: [x, y]\n', 'a: 1\r\nbb: 22\r\n\r\nccc: [x, y]\r\n', 'a: 1\rbb: 22\r\rccc\n: x\r\n']) {
    const lines = createLineIndex(text);
    for (let start = 0; start <= text.length; start++)
      for (let end = start; end <= text.length; end++)
        assert.deepEqual(lines.rangeOf({ start, end }), { start: lines.positionAt(start), end: lines.positionAt(end) }, `${JSON.stringify(text)} ${start}-${end}`);
  }
});
