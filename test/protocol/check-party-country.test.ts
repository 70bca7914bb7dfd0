// The party's country in exportRules/checkItem, over the real server and the embedded list
// (CSL of 2026-07-31). The list has "Forward Electronics, LLC" on the Entity List in Russia
// (77 FR 61249: a licence for all items subject to the EAR, 15 CFR 744.11; no licence
// exceptions, 744.16(b)). "Forvard Electronics GmbH" is that name with one typo and another
// legal form: it scores 0.938, a match at the threshold 0.86. A listed country that differs
// from the party's lowers a score by the factor 0.9 (a mismatch never hides an exact name;
// this one is not exact): 0.938 x 0.9 = 0.844, below 0.86 and within 0.1 of it, so a German
// company of that name is a possible match for review, which does not decide. EAR99 to Germany
// needs no licence by the rules (no CCL control, no embargo), so the country changes the
// decision: license-required by the Entity List without it, no-license-required with the
// possible match in the warnings with it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileUri, repoRoot, startTestServer, type TestServer } from './harness';

let server: TestServer;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-party-country-'));

before(async () => {
  server = await startTestServer({ folder }); // no screeningList: the embedded list
});
after(async () => {
  await server.stop();
});

interface Hit {
  id: string;
  name: string;
  list: string;
  score: number;
  status: string;
  why: { rules: string[]; country?: { query: string; listed: string[]; matches: boolean } };
  outcome: { kind: string; decision?: string; deciding: boolean; citation: string };
}
interface Answer {
  decision: string;
  warnings: string[];
  screening: { party: { input: string; id?: string; names: string[]; country?: string }; result: string; list: { date: string }; threshold: number; hits: Hit[] };
}

const check = (party: string, partyCountry?: string) =>
  server.request<Answer>('exportRules/checkItem', { item: { eccn: 'EAR99' }, destination: 'DE', date: '2026-08-15', party, ...(partyCountry !== undefined ? { partyCountry } : {}) });

/** The hits as [id, name, list, score, status, outcome kind, outcome decision, deciding]. */
const hits = (a: Answer) => a.screening.hits.map((h) => [h.id, h.name, h.list, h.score, h.status, h.outcome.kind, h.outcome.decision, h.outcome.deciding]);

const POSSIBLE =
  'Possible match (score 0.844, below the threshold), for review: if the party is "Forward Electronics, LLC" (Entity List): Entity List: ' +
  'licence required for all items subject to the EAR; see § 744.11; review policy: Presumption of denial; no licence exceptions (§ 744.16(b)); ' +
  'it does not change the decision until a person confirms it';

test('a typed name without its country: the Russian namesake on the Entity List is a match, licence required', async () => {
  const a = await check('Forvard Electronics GmbH');
  assert.equal(a.decision, 'license-required');
  assert.deepEqual(a.screening.party, { input: 'Forvard Electronics GmbH', names: ['Forvard Electronics GmbH'] });
  assert.equal(a.screening.result, 'listed');
  assert.deepEqual([a.screening.list.date, a.screening.threshold], ['2026-07-31', 0.86]);
  assert.deepEqual(hits(a), [['EL-aa7c7c66b4', 'Forward Electronics, LLC', 'EL', 0.938, 'match', 'applies', 'license-required', true]]);
  assert.equal(a.screening.hits[0].outcome.citation, '15 CFR 744.16 and supplement no. 4 to part 744');
  assert.deepEqual(a.screening.hits[0].why.rules, ['legal-form', 'typo']);
  assert.equal(a.screening.hits[0].why.country, undefined);
});

test('the same name with partyCountry DE: a possible match for review, which does not decide: no licence required', async () => {
  const a = await check('Forvard Electronics GmbH', 'DE');
  assert.equal(a.decision, 'no-license-required');
  assert.deepEqual(a.screening.party, { input: 'Forvard Electronics GmbH', names: ['Forvard Electronics GmbH'], country: 'DE' });
  assert.equal(a.screening.result, 'possible');
  assert.deepEqual(hits(a), [['EL-aa7c7c66b4', 'Forward Electronics, LLC', 'EL', 0.844, 'possible', 'review', undefined, false]]);
  assert.deepEqual(a.screening.hits[0].why.rules, ['legal-form', 'typo', 'country-mismatch']);
  assert.deepEqual(a.screening.hits[0].why.country, { query: 'DE', listed: ['RU'], matches: false });
  assert.deepEqual(a.warnings, [POSSIBLE]);
});

test("with partyCountry RU, the entry's own country: a match at the full score", async () => {
  const a = await check('Forvard Electronics GmbH', 'ru');
  assert.equal(a.decision, 'license-required');
  assert.equal(a.screening.party.country, 'RU');
  assert.deepEqual(hits(a), [['EL-aa7c7c66b4', 'Forward Electronics, LLC', 'EL', 0.938, 'match', 'applies', 'license-required', true]]);
  assert.deepEqual(a.screening.hits[0].why.country, { query: 'RU', listed: ['RU'], matches: true });
});

test("a workspace party by id is screened with its rule file's country, read again after the file changes", async () => {
  const uri = fileUri(path.join(folder, 'namesake.ecr.yaml'));
  const text = fs.readFileSync(path.join(repoRoot, 'test/fixtures/parties/namesake.ecr.yaml'), 'utf8');
  const opened = server.diagnostics(uri);
  server.open(uri, text);
  await opened;
  const de = await check('forvard-de');
  assert.equal(de.decision, 'no-license-required');
  assert.deepEqual(de.screening.party, { input: 'forvard-de', id: 'forvard-de', ruleset: 'namesake-parties', role: 'consignee', names: ['Forvard Electronics GmbH'], country: 'DE' });
  assert.deepEqual(hits(de), [['EL-aa7c7c66b4', 'Forward Electronics, LLC', 'EL', 0.844, 'possible', 'review', undefined, false]]);
  // the rule file now says the consignee is in Russia: the same request (what Check Item's
  // panel sends when it re-runs after the change) screens it there
  const changed = server.diagnostics(uri, (_d, p) => p.version === 2);
  server.change(uri, text.replace('country: DE', 'country: RU'), 2);
  await changed;
  const ru = await check('forvard-de');
  assert.equal(ru.decision, 'license-required');
  assert.equal(ru.screening.party.country, 'RU');
  assert.deepEqual(hits(ru), [['EL-aa7c7c66b4', 'Forward Electronics, LLC', 'EL', 0.938, 'match', 'applies', 'license-required', true]]);
});

test('a partyCountry that is not an ISO code is an invalid-params error on the party field', async () => {
  await assert.rejects(check('Forvard Electronics GmbH', 'Germany'), (e: { code?: number; message?: string; data?: { field?: string } }) => {
    assert.equal(e.code, -32602);
    assert.equal(e.message, 'the party\'s country "Germany" is not an ISO 3166-1 alpha-2 code (CN, RU, DE)');
    assert.equal(e.data?.field, 'party');
    return true;
  });
});
