// Parties in the Determination (engine/parties.ts through engine.check): the party screened
// against the small list fixture (test/fixtures/screening/consolidated.json, 2026-08-13), each
// hit's outcome joining the decision, and rules that select by party. The expectations come from
// the regulations (quoted in test/fixtures/parties/shipments.ecr.yaml): Entity List 744.16(b),
// MEU List 744.21 and supplement no. 2 to part 744, Unverified List 744.15, Denied Persons List,
// OFAC's SDN list.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { getCatalog } from '../../server/src/catalog/catalog';
import { createEngine } from '../../server/src/engine/engine';
import { CheckInputError, type Determination } from '../../server/src/engine/types';
import { NOT_CHECKED_END_USES, NOT_CHECKED_NO_PARTIES } from '../../server/src/engine/exceptions';
import { analyzeRuleText } from '../../server/src/model/document';
import { loadListFile } from '../../server/src/screening/listFile';
import { embeddedScreeningIndex } from '../../server/src/screening/embedded';
import { ScreeningIndex } from '../../server/src/screening/nameIndex';
import { createScreener } from '../../server/src/screening/screener';
import { loadStarterPack } from '../../server/src/workspace/starterPack';

const root = path.resolve(__dirname, '../..');
const catalog = getCatalog();
const screener = createScreener(new ScreeningIndex(loadListFile(path.join(root, 'test/fixtures/screening/consolidated.json'), 'consolidated.json')), 0.86);
const read = (f: string) => analyzeRuleText(`file:///parties/${f}`, readFileSync(path.join(root, 'test/fixtures/parties', f), 'utf8')).ruleSet;
const shipments = read('shipments.ecr.yaml');
const policies = analyzeRuleText('file:///party-policies/policies.ecr.yaml', readFileSync(path.join(root, 'test/fixtures/party-policies/policies.ecr.yaml'), 'utf8')).ruleSet;
const engine = createEngine([shipments], catalog, { today: '2026-09-01', screener: () => screener });
const withPolicies = createEngine([policies], catalog, { today: '2026-09-01', screener: () => screener });

const check = (eccn: string, destination: string, party?: string, e = engine): Determination =>
  e.check({ item: { eccn }, destination, date: '2026-09-01', ...(party ? { party: { party } } : {}) });

describe('parties in the determination', () => {
  it('EAR99 to an Entity List end user: license-required, the entry in the trace, no licence exception (744.16(b))', () => {
    const d = check('EAR99', 'CN', 'hebei-semi');
    assert.equal(d.decision, 'license-required');
    assert.equal(d.noRuleApplied, false);
    assert.equal(d.conditional, undefined);
    const s = d.screening!;
    assert.equal(s.result, 'listed');
    assert.deepEqual(s.party, { input: 'hebei-semi', id: 'hebei-semi', ruleset: 'acme-parties-shipments', role: 'end-user', names: ['Hebei Semiconducter Research Institute Co., Ltd.'], country: 'CN' });
    assert.deepEqual(s.list, { file: 'consolidated.json', date: '2026-08-13', lists: ['EL', 'MEU', 'UVL', 'DPL', 'SDN', 'SSI'] });
    assert.equal(s.threshold, 0.86);
    const h = s.hits[0];
    assert.equal(s.hits.length, 1);
    assert.deepEqual([h.id, h.list, h.status, h.matchedName], ['99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be', 'EL', 'match', 'Hebei Semiconductor Research Institute']);
    assert.equal(h.name, 'China Electronics Technology Group Corporation 13th Research Institute (CETC 13)');
    assert.equal(h.effect.kind, 'entity-list');
    assert.deepEqual(h.coverage.covers, 'yes');
    assert.deepEqual([h.outcome.kind, h.outcome.decision, h.outcome.deciding, h.outcome.citation], ['applies', 'license-required', true, '15 CFR 744.16 and supplement no. 4 to part 744']);
    assert.match(h.outcome.text, /^Entity List entry "China Electronics .*\(CETC 13\)" \[EL 99ed1b05.*\]: licence required \(All items subject to the EAR.*no licence exceptions \(§ 744\.16\(b\)\)/);
    // every exception the evaluation lists is barred by 744.16(b); LVS and GBS are not even
    // listed for EAR99 (they are lines of a CCL entry: 740.3, 740.4)
    assert.ok(d.exceptions.length > 0);
    for (const x of d.exceptions) assert.deepEqual([x.symbol, x.status, x.citation], [x.symbol, 'not-available', '15 CFR 744.16(b)']);
    assert.ok(!d.exceptions.some((x) => x.symbol === 'LVS' || x.symbol === 'GBS'));
    assert.deepEqual(d.checked.lists, [
      'Entity List (EL)',
      'Military End-User List (MEU)',
      'Unverified List (UVL)',
      'Denied Persons List (DPL)',
      'Specially Designated Nationals List (SDN)',
      'Sectoral Sanctions Identifications List (SSI)',
    ]);
    assert.equal(d.notChecked[0], NOT_CHECKED_END_USES);
  });

  it('a 5A992 router to an MEU List party: license-required under 744.21, only GOV left', () => {
    const d = check('5A992', 'CN', 'aaspt');
    assert.equal(d.decision, 'license-required');
    const h = d.screening!.hits[0];
    assert.deepEqual([h.list, h.outcome.kind, h.outcome.decision, h.outcome.deciding], ['MEU', 'applies', 'license-required', true]);
    assert.equal(h.outcome.citation, '15 CFR 744.21(b)(1)(ii) and supplement no. 7 to part 744');
    assert.match(h.outcome.text, /supplement no\. 2 to part 744 lists 5A992/);
    const gov = d.exceptions.find((x) => x.symbol === 'GOV')!;
    assert.notEqual(gov.status, 'not-available');
    const tmp = d.exceptions.find((x) => x.symbol === 'TMP')!;
    assert.deepEqual([tmp.status, tmp.citation], ['not-available', '15 CFR 744.21(c)']);
  });

  it('an item not in supplement no. 2 to part 744 to an MEU party: not decided by the MEU List', () => {
    const d = check('EAR99', 'CN', 'aaspt');
    assert.equal(d.decision, 'no-license-required');
    assert.equal(d.noRuleApplied, true);
    const h = d.screening!.hits[0];
    assert.deepEqual([h.list, h.coverage.covers, h.outcome.kind, h.outcome.decision, h.outcome.deciding], ['MEU', 'no', 'not-applicable', undefined, false]);
    assert.match(h.outcome.text, /does not decide this answer: EAR99 is not in supplement no\. 2 to part 744; a licence is still needed with knowledge of a 'military end use'/);
  });

  it('a Denied Persons List party: prohibited, whatever the item', () => {
    const d = check('EAR99', 'DE', 'adt-technik');
    assert.equal(d.decision, 'prohibited');
    assert.deepEqual(d.exceptions, []);
    const h = d.screening!.hits[0];
    assert.deepEqual([h.list, h.outcome.kind, h.outcome.decision, h.outcome.deciding], ['DPL', 'applies', 'prohibited', true]);
  });

  it('an SDN hit: blocked (prohibited) until cleared, naming OFAC and the programme', () => {
    const d = check('EAR99', 'CH', 'cuba-bank');
    assert.equal(d.decision, 'prohibited');
    const h = d.screening!.hits[0];
    assert.deepEqual([h.id, h.list, h.outcome.decision, h.outcome.authority, h.outcome.citation], ['306', 'SDN', 'prohibited', 'Treasury (OFAC)', '31 CFR chapter V (OFAC sanctions regulations)']);
    assert.match(h.outcome.text, /blocked until a person clears the hit or Treasury \(OFAC\) authorises the transaction; programme CUBA$/);
  });

  it('an SSI hit: license-required with OFAC as the authority (the list restricts some dealings only)', () => {
    const d = check('EAR99', 'RU', 'SME Bank');
    assert.equal(d.decision, 'license-required');
    const h = d.screening!.hits[0];
    assert.deepEqual([h.list, h.outcome.decision, h.outcome.authority], ['SSI', 'license-required', 'Treasury (OFAC)']);
    assert.deepEqual(d.screening!.party, { input: 'SME Bank', names: ['SME Bank'] });
  });

  it('a cleared false positive: shown as cleared, no effect', () => {
    const d = check('EAR99', 'CH', 'bnc-zurich');
    assert.equal(d.decision, 'no-license-required');
    const s = d.screening!;
    assert.equal(s.result, 'cleared');
    assert.deepEqual(s.hits[0].clearance, {
      state: 'cleared',
      by: 'compliance@acme.example',
      date: '2026-08-20',
      reason: 'Checked with the Zurich register; not the Cuban state bank',
      listVersion: '2026-08-13',
    });
    assert.equal(s.hits[0].outcome.kind, 'cleared');
  });

  it('a clearance does not carry over to a free-text name: the same name screened unnamed alerts', () => {
    assert.equal(check('EAR99', 'CH', 'BANCO NACIONAL de cuba').decision, 'no-license-required'); // the workspace party by its name
    assert.equal(check('EAR99', 'CH', 'National Bank of Cuba').decision, 'prohibited');
  });

  it('a possible match: for review, in the answer and its warnings, no change of decision', () => {
    const d = check('EAR99', 'CH', 'cuba-trading');
    assert.equal(d.decision, 'no-license-required');
    const s = d.screening!;
    assert.equal(s.result, 'possible');
    assert.deepEqual([s.hits[0].list, s.hits[0].status, s.hits[0].outcome.kind, s.hits[0].outcome.deciding], ['SDN', 'possible', 'review', false]);
    assert.ok(d.warnings.some((w) => /^Possible match \(score 0\.\d+, below the threshold\), for review: .*does not change the decision until a person confirms it$/.test(w)));
  });

  it('the Unverified List: no decision of its own, the UVL statement in the warnings, no licence exceptions', () => {
    const d = check('EAR99', 'AM', 'atlas');
    assert.equal(d.decision, 'no-license-required');
    const h = d.screening!.hits[0];
    assert.deepEqual([h.list, h.outcome.kind, h.outcome.citation], ['UVL', 'conditions', '15 CFR 744.15 and supplement no. 6 to part 744']);
    assert.ok(d.warnings.some((w) => /a signed UVL statement from the party \(§ 744\.15\(b\)\)/.test(w)));
  });

  it('a party on no list: screened, clear; without a party the answer says parties were not screened', () => {
    const d = check('EAR99', 'DE', 'nordwind');
    assert.deepEqual([d.screening!.result, d.screening!.hits.length, d.decision], ['clear', 0, 'no-license-required']);
    const none = check('EAR99', 'DE');
    assert.equal(none.screening, undefined);
    assert.equal(none.notChecked[0], NOT_CHECKED_NO_PARTIES);
    assert.deepEqual(none.checked.lists, []);
  });

  it('bad party input is a CheckInputError on the party field', () => {
    assert.throws(() => engine.check({ item: { eccn: 'EAR99' }, destination: 'DE', party: { party: '  ' } }), (e: unknown) => e instanceof CheckInputError && e.field === 'party');
    assert.throws(() => engine.check({ item: { eccn: 'EAR99' }, destination: 'DE', party: { party: 'x'.repeat(5000) } }), (e: unknown) => e instanceof CheckInputError && e.field === 'party');
    assert.throws(() => engine.check({ item: { eccn: 'EAR99' }, destination: 'DE', party: { party: 'ACME', country: 'Germany' } }), (e: unknown) => e instanceof CheckInputError && e.field === 'party');
    const noList = createEngine([shipments], catalog, { today: '2026-09-01' });
    assert.throws(() => noList.check({ item: { eccn: 'EAR99' }, destination: 'DE', party: { party: 'ACME' } }), /no screening list/);
  });

  it("the fixture's rule tests with a party pass", () => {
    const results = engine.runTests([shipments]);
    assert.deepEqual(results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.message}`), []);
    assert.equal(results.length, 8);
  });
});

describe('rules that select by party', () => {
  it('{ list: entity-list }: applies to a party on the Entity List, and decides over the list (company policy stricter)', () => {
    const d = check('EAR99', 'CN', 'hebei-buyer', withPolicies);
    assert.equal(d.decision, 'prohibited');
    assert.deepEqual(d.matched.map((m) => [m.rule, m.deciding, m.conditions]), [['stop-entity-list', true, undefined]]);
    // the Entity List hit is in the answer, not deciding (the policy is stricter)
    assert.deepEqual([d.screening!.hits[0].outcome.kind, d.screening!.hits[0].outcome.deciding], ['applies', false]);
  });

  it('does not apply to a party on another list', () => {
    const d = check('EAR99', 'DE', 'ADT Analog and Digital Technik', withPolicies);
    assert.deepEqual([d.decision, d.screening!.hits[0].list, d.matched.map((m) => m.rule)], ['prohibited', 'DPL', []]);
  });

  it('a check without a party: the party rules apply in part, the answer is conditional on the party', () => {
    const d = check('EAR99', 'CN', undefined, withPolicies);
    assert.equal(d.decision, 'prohibited');
    assert.equal(d.conditional, true);
    assert.equal(d.unconditionalDecision, 'no-license-required');
    assert.deepEqual(
      d.dependsOn,
      [
        { kind: 'party', text: 'applies if the party is on the Entity List (no party was given)' },
        { kind: 'party', text: 'applies if the party is the party nordwind (no party was given)' },
      ],
    );
  });

  it('{ role, country }: a CN end user gets the approval rule; a free-text name (no role, no country) gets it as a condition', () => {
    const d = check('3A991', 'CN', 'aaspt', withPolicies);
    assert.equal(d.decision, 'license-required');
    assert.deepEqual(d.matched.filter((m) => m.deciding).map((m) => m.rule), ['approve-chinese-end-users']);
    // a free-text name has no role: the role selector is a condition
    const free = check('3A991', 'CN', 'Some Trading Co', withPolicies);
    assert.equal(free.conditional, true);
    assert.deepEqual(free.dependsOn?.map((c) => c.text), ["applies if the party is the end-user, in CN (the party has no role in the rule files; the party's country is not known)"]);
  });

  it('{ id }: the party by id, and only that party', () => {
    assert.deepEqual(check('EAR99', 'DE', 'nordwind', withPolicies).matched.map((m) => [m.rule, m.decision]), [['hold-nordwind', 'prohibited']]);
    assert.deepEqual(check('EAR99', 'AM', 'atlas', withPolicies).matched, []);
  });

  it("the policies' rule tests with a party pass", () => {
    const results = withPolicies.runTests([policies]);
    assert.deepEqual(results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.message}`), []);
    assert.equal(results.length, 4);
  });
});

// 15 CFR 744.16(b): "no license exceptions may be used for exports, reexports, or transfers
// (in-country) to or within an Entity List entity" (the carve-outs are items of 740.2(a)(5) to
// listed Indian or Pakistani entities, and what an entry added under 744.20 says). On the
// starter pack's rules and the embedded list (CSL of 2026-07-31): 3C005 (high resistivity
// materials) is "NS applies to entire entry, NS Column 2" and AT1, with the exception lines
// "LVS: $3,000" and "GBS: Yes". The United Arab Emirates have an X under NS2 and are in Country
// Group B (supplement no. 1 to part 740), and AT1 does not reach them: a licence is required
// for NS2 alone, LVS is available up to $3,000 net (740.3(b), (d)), GBS to Country Group B for
// an NS-only requirement (740.4). "Atlinx Electronics" (UAE) is on the Entity List (73 FR
// 54509) "for all items subject to the EAR" (744.11), presumption of denial, and its entry
// says nothing about licence exceptions: to it, neither LVS nor GBS (nor any other) is left.
describe('licence exceptions and an Entity List party in the destination (744.16(b))', () => {
  const pack = loadStarterPack().map((d) => d.ruleSet);
  const embedded = createScreener(embeddedScreeningIndex(), 0.86);
  const packEngine = createEngine(pack, catalog, { today: '2026-09-01', screener: () => embedded });
  const shipment = (party?: { party: string; country: string }): Determination =>
    packEngine.check({ item: { eccn: '3C005', value: 2500 }, destination: 'AE', date: '2026-09-01', ...(party ? { party } : {}) });
  const symbols = ['LVS', 'GBS', 'TMP', 'RPL', 'GOV', 'GFT', 'BAG', 'AVS', 'APR', 'STA'];
  const BARRED =
    "744.16(b): a party is on the Entity List: no licence exception is available for the items the entry's licence requirement covers " +
    '(most entries: all items subject to the EAR); the only exceptions are items of 740.2(a)(5) for the safety of civil aviation to ' +
    'listed Indian or Pakistani entities, and entities added under 744.20 as their entry says.';

  it('without a party: 3C005 worth $2,500 to the UAE needs a licence for NS2, with LVS and GBS available', () => {
    const d = shipment();
    assert.equal(d.decision, 'license-required');
    assert.deepEqual(d.matched.filter((m) => m.deciding).map((m) => [m.rule, m.reasons]), [['chart-ns2', ['NS2']]]);
    assert.deepEqual(d.exceptions.map((x) => x.symbol), symbols);
    assert.deepEqual(
      d.exceptions.filter((x) => x.status === 'available').map((x) => [x.symbol, x.citation, x.reason]),
      [
        ['LVS', '15 CFR 740.3', 'The net value $2,500 is within the LVS limit of $3,000 for 3C005, and United Arab Emirates is in Country Group B (740.3(b)).'],
        ['GBS', '15 CFR 740.4', "The licence is required for national security reasons only, United Arab Emirates is in Country Group B, and 3C005's GBS paragraph covers 3C005 (740.4)."],
      ],
    );
  });

  it('the same shipment to an Entity List entity in the UAE: licence required, no exception at all, each barred by 744.16(b)', () => {
    const d = shipment({ party: 'Atlinx Electronics', country: 'AE' });
    assert.equal(d.decision, 'license-required');
    const s = d.screening!;
    assert.equal(s.result, 'listed');
    assert.deepEqual(
      s.hits.map((h) => [h.id, h.name, h.list, h.score, h.status, h.outcome.kind, h.outcome.decision, h.outcome.deciding, h.outcome.citation]),
      [['EL-4192bbff2d', 'Atlinx Electronics', 'EL', 1, 'match', 'applies', 'license-required', true, '15 CFR 744.16 and supplement no. 4 to part 744']],
    );
    assert.deepEqual(
      d.exceptions.map((x) => [x.symbol, x.status, x.citation, x.reason]),
      symbols.map((symbol) => [symbol, 'not-available', '15 CFR 744.16(b)', BARRED]),
    );
    assert.deepEqual(d.exceptions.filter((x) => x.status !== 'not-available'), []);
  });
});
