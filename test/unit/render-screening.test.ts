// The party screening part of the Check Item result: the HTML section and the text form, from
// hand-made answers (a party on the Entity List, a name with no match, a possible match that was
// cleared, and a check without a party).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { determinationAsText, renderDetermination } from '../../client/src/renderDetermination';
import { renderScreening, screeningText } from '../../client/src/renderScreening';
import type { WebviewContext } from '../../client/src/html';
import type { PartyScreening, PartyScreeningHit } from '../../server/src/engine/types';
import type { CheckItemResult } from '../../server/src/protocol';
import { partyEffect } from '../../server/src/screening/effects';
import type { ListEntry } from '../../server/src/screening/types';

const view: WebviewContext = { nonce: 'n', cspSource: 'c', script: (name) => `/* ${name} */` };

/** The Entity List entry of the embedded snapshot (79 FR 24563). */
const CHENGDU: ListEntry = {
  id: 'EL-ea34b1b4bb',
  idSource: 'derived',
  list: 'EL',
  source: 'Entity List (EL) - Bureau of Industry and Security',
  name: 'Chengdu Latest Electronics Technology Company',
  altNames: [],
  countries: ['CN'],
  programs: [],
  licenseRequirement: 'For all items subject to the EAR. (See §744.11 of the EAR.)',
  licensePolicy: 'Presumption of denial.',
  federalRegisterNotice: '79 FR 24563',
};

function chengduHit(overrides: Partial<PartyScreeningHit> = {}): PartyScreeningHit {
  return {
    id: CHENGDU.id,
    name: CHENGDU.name,
    matchedName: CHENGDU.name,
    list: 'EL',
    score: 1,
    status: 'match',
    why: {
      summary: 'name "Chengdu Latest Electronics Technology Company" (EL); legal form co ltd / company set aside',
      rules: ['legal-form'],
      tokens: [
        { query: 'chengdu', listed: 'chengdu', rule: 'exact', similarity: 1 },
        { query: 'latest', listed: 'latest', rule: 'exact', similarity: 1 },
        { query: 'electronics', listed: 'electronics', rule: 'exact', similarity: 1 },
        { query: 'technology', listed: 'technology', rule: 'exact', similarity: 1 },
      ],
      unmatchedQuery: [],
      unmatchedListed: [],
      legalForms: { query: ['co ltd'], listed: ['company'] },
      country: { query: 'CN', listed: ['CN'], matches: true },
    },
    screenedName: 'Chengdu Latest Electronics Technology Co., Ltd.',
    effect: partyEffect({ entry: CHENGDU, status: 'match' }),
    coverage: { covers: 'yes', reason: 'the entry covers all items subject to the EAR' },
    outcome: {
      kind: 'applies',
      decision: 'license-required',
      deciding: true,
      citation: '15 CFR 744.11 and 744.16',
      text: 'Entity List entry "Chengdu Latest Electronics Technology Company": licence required for all items subject to the EAR; presumption of denial; no licence exceptions',
    },
    ...overrides,
  };
}

function screening(overrides: Partial<PartyScreening> = {}): PartyScreening {
  return {
    party: {
      input: 'chengdu-latest',
      id: 'chengdu-latest',
      ruleset: 'e2e-parties',
      role: 'end-user',
      names: ['Chengdu Latest Electronics Technology Co., Ltd.'],
      country: 'CN',
    },
    list: { file: 'embedded CSL snapshot (consolidated.json of 2026-07-31)', date: '2026-07-31', lists: ['EL', 'DPL', 'SDN'] },
    threshold: 0.86,
    hits: [chengduHit()],
    result: 'listed',
    notes: [],
    ...overrides,
  };
}

function result(overrides: Partial<CheckItemResult> = {}): CheckItemResult {
  return {
    decision: 'license-required',
    item: { eccn: '5A992', origin: 'us', directProductOf: [] },
    destination: { code: 'CN', name: 'China' },
    date: '2026-09-24',
    matched: [],
    exceptions: [],
    exceptionNotes: [],
    noRuleApplied: false,
    checked: { controls: ['AT1 (entire entry)'], chartColumns: [], countryGroups: ['D:1'], embargoes: [], ruleSets: ['e2e-rules'], lists: ['EL', 'DPL', 'SDN'] },
    notChecked: [],
    warnings: [],
    dataAsOf: '2026-09-24',
    notice: 'Reference only, not legal advice.',
    sources: ['rules.ecr.yaml'],
    screening: screening(),
    ...overrides,
  };
}

test('a party on the Entity List: the party, the list file and date, the lists, the threshold and the hit with why and effect', () => {
  assert.deepEqual(screeningText(result()), [
    'Party screening: match on a list',
    '  Party: chengdu-latest (Chengdu Latest Electronics Technology Co., Ltd.), end user, CN (ruleset e2e-parties)',
    '  List file: embedded CSL snapshot (consolidated.json of 2026-07-31), of 2026-07-31',
    '  Lists searched: Entity List (EL), Denied Persons List (DPL), Specially Designated Nationals List (SDN)',
    '  Threshold: a match from score 0.86; a little below it, a possible match for review',
    '  * "Chengdu Latest Electronics Technology Company" (Entity List, EL EL-ea34b1b4bb): match, score 1 (deciding)',
    '    Names that matched: "Chengdu Latest Electronics Technology Co., Ltd." and "Chengdu Latest Electronics Technology Company"',
    '    Why: name "Chengdu Latest Electronics Technology Company" (EL); legal form co ltd / company set aside',
    '    Words: chengdu (exact); latest (exact); electronics (exact); technology (exact)',
    '    Effect here: License required: Entity List entry "Chengdu Latest Electronics Technology Company": licence required for all items subject to the EAR; presumption of denial; no licence exceptions',
    '    Citation: 15 CFR 744.11 and 744.16',
  ]);
});

test('the HTML section: a labelled region, the hit with its list, status, score, names, why and effect', () => {
  const out = renderScreening(result()).value;
  assert.ok(out.startsWith('<section id="screening" class="screening screening-listed" aria-labelledby="screening-title">'));
  assert.ok(out.includes('<h2 id="screening-title"><span class="mark" aria-hidden="true">⚠</span> Party screening: match on a list</h2>'));
  assert.ok(out.includes('<dt>Party</dt><dd>chengdu-latest (Chengdu Latest Electronics Technology Co., Ltd.), end user, CN <span class="muted">(ruleset e2e-parties)</span></dd>'));
  assert.ok(out.includes('<dt>List file</dt><dd>embedded CSL snapshot (consolidated.json of 2026-07-31), of 2026-07-31</dd>'));
  assert.ok(out.includes('<dt>Lists searched</dt><dd>3: <abbr title="Entity List">EL</abbr>, <abbr title="Denied Persons List">DPL</abbr>, <abbr title="Specially Designated Nationals List">SDN</abbr></dd>'));
  assert.ok(out.includes('<dt>Threshold</dt><dd>a match from score 0.86; a little below it, a possible match for review</dd>'));
  assert.ok(out.includes('<ol class="hits" aria-label="Hits"><li class="hit hit-match deciding" data-list="EL" data-id="EL-ea34b1b4bb">'));
  assert.match(out, /<strong>Chengdu Latest Electronics Technology Company<\/strong>\s*<span class="badge">Entity List<\/span>\s*<span class="hit-status">match, score 1<\/span>\s*<span class="badge">deciding<\/span>/);
  assert.ok(out.includes('<dt>Entry</dt><dd>EL EL-ea34b1b4bb; Entity List (EL) - Bureau of Industry and Security</dd>'));
  assert.ok(out.includes('<dt>Names that matched</dt><dd>&quot;Chengdu Latest Electronics Technology Co., Ltd.&quot; and &quot;Chengdu Latest Electronics Technology Company&quot;</dd>'));
  assert.ok(out.includes('<dt>Effect here</dt><dd><span class="rule-decision decision-license-required">License required</span>: Entity List entry'));
  assert.ok(out.includes('<dt>Citation</dt><dd>15 CFR 744.11 and 744.16</dd>'));
  assert.ok(!out.includes('<dt>This item</dt>'), 'coverage "yes" needs no line');
  assert.ok(!out.includes('<dt>Names screened</dt>'), 'one name screened');
});

test('the screening sits beside the decision: the subject names the party, the section comes before the rules', () => {
  const page = renderDetermination(result(), view);
  assert.ok(page.includes('<p class="subject"><strong>ECCN 5A992</strong> to <strong>China (CN)</strong> for <strong>chengdu-latest (Chengdu Latest Electronics Technology Co., Ltd.), end user, CN</strong> on 2026-09-24</p>'));
  assert.ok(page.indexOf('id="screening"') > page.indexOf('<h1>'));
  assert.ok(page.indexOf('id="screening"') < page.indexOf('id="scope"'));
  const text = determinationAsText(result());
  assert.ok(text.startsWith('License required: ECCN 5A992 to China (CN) for chengdu-latest (Chengdu Latest Electronics Technology Co., Ltd.), end user, CN on 2026-09-24\n\nParty screening: match on a list\n'));
});

test('a name with no match says so with the list date', () => {
  const clear = result({
    decision: 'no-license-required',
    screening: screening({ party: { input: 'Maple Leaf Telecom Distribution Inc.', names: ['Maple Leaf Telecom Distribution Inc.'] }, hits: [], result: 'clear' }),
  });
  assert.deepEqual(screeningText(clear), [
    'Party screening: no match',
    '  Party: the name "Maple Leaf Telecom Distribution Inc."',
    '  List file: embedded CSL snapshot (consolidated.json of 2026-07-31), of 2026-07-31',
    '  Lists searched: Entity List (EL), Denied Persons List (DPL), Specially Designated Nationals List (SDN)',
    '  Threshold: a match from score 0.86; a little below it, a possible match for review',
    '  No match on these lists (list of 2026-07-31).',
  ]);
  const out = renderScreening(clear).value;
  assert.ok(out.includes('<h2 id="screening-title"><span class="mark" aria-hidden="true">✓</span> Party screening: no match</h2>'));
  assert.ok(out.includes('<p class="screening-clear">No match on these lists (list of 2026-07-31).</p>'));
  assert.ok(!out.includes('class="hits"'));
});

test('a possible match that was cleared: its status, the clearance, the alternate name and the coverage', () => {
  const hit = chengduHit({
    matchedName: 'Chengdu Latest Electronic Tech',
    score: 0.8,
    status: 'possible',
    coverage: { covers: 'maybe', reason: 'the entry names items by tariff code; EAR99 items may be among them' },
    outcome: { kind: 'cleared', deciding: false, citation: '15 CFR 744.16', text: 'recorded as a false positive; the entry is unchanged' },
    clearance: { state: 'cleared', by: 'compliance@acme.example', date: '2026-08-02', reason: 'Different company (Chengdu register)', listVersion: '2026-07-31' },
  });
  const r = result({ decision: 'no-license-required', screening: screening({ hits: [hit], result: 'cleared', notes: ['The name was cut to 512 characters.'] }) });
  assert.deepEqual(screeningText(r).slice(5), [
    '  - "Chengdu Latest Electronics Technology Company" (Entity List, EL EL-ea34b1b4bb): cleared, score 0.8',
    '    Names that matched: "Chengdu Latest Electronics Technology Co., Ltd." and "Chengdu Latest Electronic Tech" (an alternate name of the entry)',
    '    Why: name "Chengdu Latest Electronics Technology Company" (EL); legal form co ltd / company set aside',
    '    Words: chengdu (exact); latest (exact); electronics (exact); technology (exact)',
    '    Effect here: recorded as a false positive; the entry is unchanged',
    '    Citation: 15 CFR 744.16',
    '    This item: the entry names items by tariff code; EAR99 items may be among them',
    '    Clearance: Cleared as a false positive by compliance@acme.example on 2026-08-02: Different company (Chengdu register) (list of 2026-07-31).',
    '  Note: The name was cut to 512 characters.',
  ]);
  const out = renderScreening(r).value;
  assert.ok(out.includes('<li class="hit hit-possible" data-list="EL" data-id="EL-ea34b1b4bb">'));
  assert.ok(out.includes('<span class="hit-status">cleared, score 0.8</span>'));
  assert.ok(out.includes('<dt>This item</dt><dd>the entry names items by tariff code; EAR99 items may be among them</dd>'));
  assert.ok(out.includes('<dt>Clearance</dt><dd>Cleared as a false positive by compliance@acme.example on 2026-08-02: Different company (Chengdu register) (list of 2026-07-31).</dd>'));
  const changed = chengduHit({ clearance: { state: 'changed', date: '2025-01-10', why: 'the entry changed since (its addresses)' } });
  assert.ok(screeningText(result({ screening: screening({ hits: [changed] }) })).includes('    Clearance: Cleared earlier (2025-01-10), but the entry changed since (its addresses): review it again.'));
});

test('without a party the answer says that parties were not screened', () => {
  const none = result({ screening: undefined });
  const line = 'Parties were not screened: no party was given. Check again with a party to screen it against the restricted-party lists.';
  assert.deepEqual(screeningText(none), [line]);
  assert.equal(renderScreening(none).value, `<p class="note" id="screening-none">${line}</p>`);
  assert.ok(renderDetermination(none, view).includes(`<p class="note" id="screening-none">${line}</p>`));
  assert.ok(determinationAsText(none).includes(`\n\n${line}\n`));
});
