// Parties in the editor (service/parties.ts): diagnostics on listed parties with the quick fix
// that records a cleared false positive, clearances that hold and that lapse, unknown party
// ids, the hover, and party ids in completion. Screened against the small list fixture.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeRuleText } from '../../server/src/model/document';
import { loadListFile } from '../../server/src/screening/listFile';
import { ScreeningIndex } from '../../server/src/screening/nameIndex';
import { createScreener } from '../../server/src/screening/screener';
import { clearanceFix, partyHover, partyProblems } from '../../server/src/service/parties';

const root = path.resolve(__dirname, '../..');
const screener = createScreener(new ScreeningIndex(loadListFile(path.join(root, 'test/fixtures/screening/consolidated.csv'), 'consolidated.csv')), 0.86);
const file = path.join(root, 'test/fixtures/parties/parties.ecr.yaml');
const text = readFileSync(file, 'utf8');
const doc = analyzeRuleText('file:///parties.ecr.yaml', text);
const problems = partyProblems(doc, screener, doc.ruleSet.parties ?? []);
const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;

describe('parties: diagnostics', () => {
  it('marks exactly the lines with a # want comment', () => {
    const wanted = text
      .split('\n')
      .map((l, i) => [i + 1, /# want (\S+)/.exec(l)?.[1]] as const)
      .filter(([, w]) => w)
      .map(([line, code]) => `${line} ${code}`);
    const got = problems.map((p) => `${lineOf(p.span.start)} ${p.code}`);
    // sme-bank's clearance lapsed (its fingerprint is not the entry's): the hit alerts again
    const sme = problems.find((p) => text.slice(p.span.start, p.span.end) === 'SME Bank JSC');
    assert.ok(sme, 'the lapsed clearance alerts again');
    assert.deepEqual(
      got.filter((g) => !g.startsWith(`${lineOf(sme.span.start)} `)),
      wanted,
    );
  });

  it('says which entry, list, score and names matched, and what it means', () => {
    const p = problems.find((x) => x.code === 'party-listed' && text.slice(x.span.start, x.span.end).startsWith('Hebei'))!;
    assert.equal(p.severity, 'warning');
    assert.equal(text.slice(p.span.start, p.span.end), 'Hebei Semiconducter Research Institute Co., Ltd.');
    assert.match(
      p.message,
      /^Party "hebei-semi" matches the Entity List entry "China Electronics Technology Group Corporation 13th Research Institute \(CETC 13\)" \[EL 99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be\], score 0\.9\d+; matched its alternate name "Hebei Semiconductor Research Institute"\. Why: .*semiconducter ~ semiconductor \(typo\).*Entity List: licence required for all items subject to the EAR; .*no licence exceptions \(§ 744\.16\(b\)\)\. \(consolidated\.csv, list of \d{4}-\d{2}-\d{2}\)$/,
    );
  });

  it('leaves a cleared hit alone while the entry is as cleared, and alerts when it changed', () => {
    assert.ok(!problems.some((p) => text.slice(p.span.start, p.span.end).includes('Banco')));
    const sme = problems.find((p) => text.slice(p.span.start, p.span.end) === 'SME Bank JSC')!;
    assert.match(sme.message, /It was cleared on 2025-01-10, but the entry changed after it was cleared on 2025-01-10: review it again\./);
    assert.equal(sme.related?.[0].message, 'the clearance that no longer holds');
  });

  it('names unknown party ids in rules (an error) and tests (a warning: the name is screened)', () => {
    const u = problems.filter((p) => p.code === 'unknown-party');
    assert.deepEqual(
      u.map((p) => [p.severity, text.slice(p.span.start, p.span.end)]),
      [
        ['error', 'unknown-co'],
        ['warning', 'nobody-gmbh'],
      ],
    );
    assert.equal(
      u[0].message,
      'No party "unknown-co" is defined in the rule files of the workspace; the parties are: bnc-zurich, hebei-semi, nordwind, sme-bank',
    );
  });
});

describe('parties: the quick fix records a cleared false positive', () => {
  const apply = (src: string, fix: { newText: string; span?: { start: number; end: number } }) =>
    src.slice(0, fix.span!.start) + fix.newText + src.slice(fix.span!.end);
  const hebei = problems.find((x) => x.code === 'party-listed' && text.slice(x.span.start, x.span.end).startsWith('Hebei'))!;

  it('adds clearances: to a party that has none, with the list version and the entry fingerprint', () => {
    const fix = hebei.fixes![0];
    assert.equal(
      fix.title,
      'Record "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)" (EL 99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be) as a cleared false positive of "hebei-semi"',
    );
    const fixed = apply(text, fix)
      .replace(/date: \d{4}-\d{2}-\d{2}\n/, 'date: TODAY\n')
      .replace(/listVersion: \d{4}-\d{2}-\d{2}/, 'listVersion: LISTDATE');
    const party = fixed.slice(fixed.indexOf('  - id: hebei-semi'), fixed.indexOf('  - id: bnc-zurich'));
    assert.equal(
      party,
      [
        '  - id: hebei-semi',
        '    name: Hebei Semiconducter Research Institute Co., Ltd. # want party-listed',
        '    country: CN',
        '    role: end-user',
        '    clearances:',
        '      - entry: 99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be',
        '        list: EL',
        '        name: "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)"',
        '        reason: ""',
        '        by: ""',
        '        date: TODAY',
        '        listVersion: LISTDATE',
        '        entryHash: 44ea81cfa0da',
        '',
      ].join('\n'),
    );
    // the new file parses, and the clearance now silences the hit
    const after = analyzeRuleText('file:///parties.ecr.yaml', apply(text, fix));
    const again = partyProblems(after, screener, after.ruleSet.parties ?? []);
    assert.ok(!again.some((p) => p.code === 'party-listed' && after.text.slice(p.span.start, p.span.end).startsWith('Hebei')));
  });

  it('appends to an existing clearances: list', () => {
    const sme = doc.ruleSet.parties!.find((p) => p.id === 'sme-bank')!;
    const hit = screener.screen({ name: 'SME Bank JSC', country: 'RU' }).hits[0];
    const fix = clearanceFix(doc, sme, hit, '2026-09-01', '2026-12-03');
    const fixed = apply(text, fix);
    assert.ok(
      fixed.includes(
        '        entryHash: 000000000000\n      - entry: "18283"\n        list: SSI\n        name: SME BANK\n        reason: ""\n        by: ""\n        date: 2026-12-03\n        listVersion: 2026-09-01\n        entryHash: ef3759ed348e\n  - id: nordwind',
      ),
    );
  });
});

describe('parties: hover', () => {
  it('shows the screening of a party and the list entry of a clearance', () => {
    const onName = partyHover(doc, text.indexOf('Hebei Semiconducter') + 3, screener);
    const value = (onName?.contents as { value: string }).value;
    assert.match(value, /^\*\*Screening of `hebei-semi`\*\* \("Hebei Semiconducter Research Institute Co\., Ltd\.", CN\)/);
    assert.match(value, /\*\*China Electronics Technology Group Corporation 13th Research Institute \(CETC 13\)\*\* \(Entity List\)/);
    assert.match(value, /licence requirement: For all items subject to the EAR\. \(See §§ 734\.9\(g\),3 746\.8\(a\)\(3\), and 744\.21\(b\) of the EAR\)/);
    const onClearance = partyHover(doc, text.indexOf('Checked with the Zurich register'), screener);
    assert.match(
      (onClearance?.contents as { value: string }).value,
      /^\*\*Cleared false positive\*\* `306` by compliance@acme\.example on 2026-11-20 \(list of 2026-11-01\)\n\n\*\*BANCO NACIONAL DE CUBA\*\* \(Specially Designated Nationals List\)/,
    );
    assert.equal(partyHover(doc, text.indexOf('ruleset:'), screener), null);
  });
});
