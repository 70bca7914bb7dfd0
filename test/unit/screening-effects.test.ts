// Expected values worked out from 15 CFR 744.15, 744.16, 744.21 and supplement no. 2 to part 744
// (data/reference/sections), not from the code's output.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MEU_ITEMS, normalizeLicenceRequirement, normalizeReviewPolicy, partyCoversItem, partyEffect } from '../../server/src/screening/effects';
import type { ListCode, ListEntry, PartyEffect } from '../../server/src/screening/types';

const reference = JSON.parse(readFileSync(path.resolve(__dirname, '../../data/reference/screening-list-2026-07-31.json'), 'utf8')) as {
  tables: { licenceRequirements: string[]; licencePolicies: string[] };
};

const entry = (list: ListCode, more: Partial<ListEntry> = {}): ListEntry => ({
  id: `${list}-1`,
  idSource: 'derived',
  list,
  source: list,
  name: `${list} party`,
  altNames: [],
  countries: [],
  programs: [],
  ...more,
});
const effect = (list: ListCode, more: Partial<ListEntry> = {}, status: 'match' | 'possible' = 'match') => partyEffect({ entry: entry(list, more), status });

describe('screening: Entity List licence requirements', () => {
  it('reads every wording of the snapshot into a known scope', () => {
    const scopes = reference.tables.licenceRequirements.map((t) => normalizeLicenceRequirement(t).scope);
    assert.equal(scopes.length, 89);
    assert.equal(scopes.filter((s) => s === 'unknown').length, 0);
  });

  it('reads "for all items", the cited sections and the footnote designations', () => {
    const r = normalizeLicenceRequirement('For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)');
    assert.equal(r.scope, 'all-items');
    assert.deepEqual(r.sections, ['734.9(g)', '746.8(a)(3)', '744.21(b)']);
    assert.deepEqual(
      r.footnotes.map((f) => [f.footnote, f.section]),
      [[3, '734.9(g)']],
    );
    assert.equal(r.worldwide, false);
    // the printed "744.2l(b)" is 744.21(b)
    assert.deepEqual(normalizeLicenceRequirement('For all items subject to the EAR (See §§734.9(g)3, 746.8(a)(3), and 744.2l(b) of the EAR)').sections, [
      '734.9(g)',
      '746.8(a)(3)',
      '744.21(b)',
    ]);
    const huawei = normalizeLicenceRequirement('For all items subject to the EAR, see §§ 734.9(e)1 and 744.11 of the EAR2');
    assert.deepEqual(
      huawei.footnotes.map((f) => [f.footnote, f.section ?? null]),
      [
        [1, '734.9(e)'],
        [2, null],
      ],
    );
    assert.match(huawei.footnotes[1].meaning, /not in the reference data/);
    assert.deepEqual(
      normalizeLicenceRequirement('For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)4').footnotes.map((f) => [
        f.footnote,
        f.section,
      ]),
      [[4, '734.9(e)(2)']],
    );
    assert.deepEqual(
      normalizeLicenceRequirement('For all items subject to the EAR. (See §§734.4(a)(9), 734.9(e)(3), and 744.11 of the EAR)5').footnotes.map((f) => [
        f.footnote,
        f.section,
      ]),
      [[5, '734.9(e)(3)']],
    );
  });

  it('reads exceptions, License Exception GOV and worldwide reach, keeping the text', () => {
    const gov =
      'For all items subject to the EAR. (See § 744.11 of the EAR). This license requirement may be overcome by License Exception GOV under § 740.11(b)(2) and (e).';
    const g = normalizeLicenceRequirement(gov);
    assert.equal(g.text, gov);
    assert.deepEqual(g.sections, ['744.11']);
    assert.equal(g.licenceExceptionGov, 'This license requirement may be overcome by License Exception GOV under § 740.11(b)(2) and (e).');
    const ww = normalizeLicenceRequirement(
      'All items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR) The license requirements under this entry also extend to any export, reexport and transfer (in-country) to the entity wherever located worldwide.',
    );
    assert.equal(ww.worldwide, true);
    const ex = normalizeLicenceRequirement(
      'For All Items Subject to the EAR (See §744.11 of the EAR), except for EAR99-designated technology for the operation, maintenance, or repair of unmanned aerial vehicles (UAV) released to this entity by the operator of the UAV.',
    );
    assert.equal(ex.scope, 'all-items-except');
    assert.match(ex.exceptions!, /^EAR99-designated technology/);
    assert.equal(
      normalizeLicenceRequirement('For items on the CCL and EAR99 items listed in supplement no. 7 to part 746 of the EAR.').scope,
      'ccl-items-and-listed-ear99',
    );
    assert.equal(normalizeLicenceRequirement('For any item subject to the EAR listed in supplement no. 2 to part 744.').scope, 'meu-items');
    assert.equal(
      normalizeLicenceRequirement('For all items subject to the EAR when used in projects specified in § 746.8(a)(4) of the EAR').scope,
      'all-items-in-projects',
    );
  });

  it('reads review policies', () => {
    assert.equal(normalizeReviewPolicy('Presumption of denial.').kind, 'presumption-of-denial');
    assert.equal(normalizeReviewPolicy('Policy of denial. See §§ 746.8(b) and 744.21(e)').kind, 'policy-of-denial');
    assert.equal(normalizeReviewPolicy('Case-by-case basis').kind, 'case-by-case');
    assert.equal(normalizeReviewPolicy('Case-by-case for all items listed on the CCL. Presumption of approval for EAR99 items').kind, 'mixed');
    assert.deepEqual(normalizeReviewPolicy('See §§ 744.2(d), 744.3(d), and 744.4(d) of this part.'), {
      text: 'See §§ 744.2(d), 744.3(d), and 744.4(d) of this part.',
      kind: 'see-section',
      sections: ['744.2(d)', '744.3(d)', '744.4(d)'],
    });
    const kinds = reference.tables.licencePolicies.map((t) => normalizeReviewPolicy(t).kind);
    // two "policies" of the snapshot are licence requirement texts put in the wrong column
    assert.equal(kinds.filter((k) => k === 'unknown').length, 2);
  });
});

describe('screening: what a party hit means', () => {
  it('Entity List: licence required as the entry says, its review policy, no licence exceptions (744.16(b))', () => {
    const e = effect('EL', {
      licenseRequirement: 'For all items subject to the EAR. (See §744.11 of the EAR)',
      licensePolicy: 'Presumption of denial.',
    }) as Extract<PartyEffect, { kind: 'entity-list' }>;
    assert.equal(e.kind, 'entity-list');
    assert.equal(e.decision, 'license-required');
    assert.equal(e.requirement.scope, 'all-items');
    assert.equal(e.reviewPolicy.kind, 'presumption-of-denial');
    assert.deepEqual([e.licenceExceptions.available, e.licenceExceptions.citation], [false, '15 CFR 744.16(b)']);
    assert.deepEqual(partyCoversItem(e, { eccn: 'EAR99' }).covers, 'yes');
  });

  it('MEU List: licence required for the items of supplement no. 2 to part 744 only (744.21)', () => {
    const e = effect('MEU');
    assert.equal(e.kind, 'military-end-user');
    assert.equal(e.decision, 'license-required');
    assert.equal(MEU_ITEMS.length, 52);
    assert.equal(partyCoversItem(e, { eccn: '5A992.c' }).covers, 'yes');
    assert.equal(partyCoversItem(e, { eccn: '9A012' }).covers, 'yes');
    // "Limited to ..." entries of supplement no. 2 cover part of their ECCN
    assert.equal(partyCoversItem(e, { eccn: '2A991' }).covers, 'maybe');
    assert.equal(partyCoversItem(e, { eccn: '5A002' }).covers, 'no');
    assert.equal(partyCoversItem(e, { eccn: 'EAR99' }).covers, 'no');
    assert.equal((e as Extract<PartyEffect, { kind: 'military-end-user' }>).licenceExceptions.available, 'GOV only');
  });

  it('Unverified List: no licence exceptions, and a UVL statement (744.15(b))', () => {
    const e = effect('UVL') as Extract<PartyEffect, { kind: 'unverified-list' }>;
    assert.equal(e.decision, 'conditions');
    assert.equal(e.licenceExceptions.available, false);
    assert.equal(e.uvlStatement.citation, '15 CFR 744.15(b)');
    assert.equal(e.uvlStatement.contents.length, 6);
  });

  it('Denied Persons List: prohibited', () => {
    assert.equal(effect('DPL').decision, 'prohibited');
  });

  it('OFAC and State lists: blocked until cleared, naming the programme', () => {
    const sdn = effect('SDN', { programs: ['RUSSIA-EO14024'] }) as Extract<PartyEffect, { kind: 'sanctions' }>;
    assert.deepEqual([sdn.decision, sdn.agency, sdn.programmes], ['blocked', 'Treasury (OFAC)', ['RUSSIA-EO14024']]);
    assert.match(sdn.summary, /programme RUSSIA-EO14024/);
    const dtc = effect('DTC') as Extract<PartyEffect, { kind: 'sanctions' }>;
    assert.deepEqual([dtc.decision, dtc.agency, dtc.citation], ['blocked', 'State', '22 CFR 127.7 (ITAR debarment)']);
    assert.equal(effect('SSI').decision, 'blocked');
  });

  it('a possible match asks for review, saying what it would mean', () => {
    const e = effect('DPL', {}, 'possible');
    assert.equal(e.decision, 'review');
    assert.equal(e.possible, true);
    assert.match(e.summary, /^Possible match, for review: if the party is "DPL party" \(Denied Persons List\): Denied Persons List/);
  });
});
