import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { embeddedScreeningIndex } from '../../server/src/screening/embedded';
import { COUNTRY_MISMATCH_FACTOR, DEFAULT_THRESHOLD, MAX_CANDIDATES, POSSIBLE_MARGIN, screenName } from '../../server/src/screening/match';
import { ScreeningIndex } from '../../server/src/screening/nameIndex';
import type { ListEntry, ScreeningHit } from '../../server/src/screening/types';

const index = embeddedScreeningIndex();
const screen = (name: string, country?: string) => screenName(index, { name, ...(country ? { country } : {}) });
const hitFor = (hits: ScreeningHit[], list: string, name: string) => hits.find((h) => h.list === list && h.name === name);

const CETC13 = 'China Electronics Technology Group Corporation 13th Research Institute (CETC 13)';

describe('screening: matching against the embedded CSL', () => {
  it("an entry's own name is the name that matched, as listed, trailing full stop included (not an alternate name)", () => {
    const listed = 'Beijing Huanjia Telecommunication Co., Ltd.';
    const h = hitFor(screen('Beijing Huanjia Telecommunication Company', 'CN').hits, 'EL', listed);
    assert.ok(h);
    assert.equal(h.matchedName, listed);
    assert.match(h.why.summary, /^name "Beijing Huanjia Telecommunication Co., Ltd\." \(EL\);/);
  });

  it('finds an Entity List entry written with a typo and another legal form, and says why', () => {
    const r = screen('Hebei Semiconducter Research Institute Co., Ltd.');
    const h = hitFor(r.hits, 'EL', CETC13);
    assert.ok(h, JSON.stringify(r.hits.map((x) => x.name)));
    assert.equal(h.status, 'match');
    assert.equal(h.matchedName, 'Hebei Semiconductor Research Institute');
    assert.deepEqual(h.why.rules, ['alias', 'legal-form', 'typo']);
    assert.deepEqual(
      h.why.tokens.find((t) => t.rule === 'typo'),
      { query: 'semiconducter', listed: 'semiconductor', rule: 'typo', similarity: 0.93 },
    );
    assert.deepEqual(h.why.legalForms, { query: ['co ltd'], listed: [] });
    assert.ok(h.score >= DEFAULT_THRESHOLD && h.score < 1);
    assert.equal(r.list.date, '2026-07-31');
    assert.ok(r.list.lists.includes('EL') && r.list.lists.includes('SDN'));
  });

  it('matches "LAST, First" and other word orders', () => {
    const a = screen('Mohammed ABU JHEISHEH');
    const b = screen('ABU JHEISHEH, Mohammed');
    for (const r of [a, b]) assert.equal(hitFor(r.hits, 'PLC', 'Mohammed ABU JHEISHEH')?.score, 1);
    assert.ok(hitFor(b.hits, 'PLC', 'Mohammed ABU JHEISHEH')!.why.rules.includes('word-order'));
  });

  it('matches words joined or split', () => {
    const split = hitFor(screen('ROSOBORON EXPORT').hits, 'EL', 'Rosoboronexport OJSC (ROE)');
    assert.equal(split?.status, 'match');
    assert.ok(split.why.rules.includes('split-words'));
  });

  it('matches every alternate name of an entry', () => {
    const h = hitFor(screen('National Bank of Cuba').hits, 'SDN', 'BANCO NACIONAL DE CUBA');
    assert.equal(h?.score, 1);
    assert.equal(h.matchedName, 'NATIONAL BANK OF CUBA');
    assert.ok(h.why.rules.includes('alias'));
  });

  it('matches a name in Cyrillic and in Chinese against the Latin entry', () => {
    const ru = hitFor(screen('Акционерное общество Рособоронэкспорт').hits, 'SDN', 'ROSOBORONEKSPORT OAO');
    assert.equal(ru?.status, 'match');
    assert.ok(ru.why.transliteration?.startsWith('Cyrillic'));
    const zh = hitFor(screen('中国电子科技集团公司第十三研究所').hits, 'EL', CETC13);
    assert.equal(zh?.score, 1);
    assert.ok(zh.why.rules.includes('transliterated'));
  });

  it('lowers the score of a listed party in another country, but never hides a same-name match', () => {
    const here = hitFor(screen('BANCO NACIONAL DE CUBA', 'ES').hits, 'SDN', 'BANCO NACIONAL DE CUBA');
    const there = hitFor(screen('BANCO NACIONAL DE CUBA', 'BR').hits, 'SDN', 'BANCO NACIONAL DE CUBA');
    assert.equal(here?.score, 1);
    assert.equal(there?.score, COUNTRY_MISMATCH_FACTOR);
    assert.equal(there.status, 'match');
    assert.ok(there.why.rules.includes('country-mismatch'));
    assert.deepEqual(there.why.country, { query: 'BR', listed: ['CH', 'ES', 'JP', 'PA'], matches: false });
  });

  it('reports names just under the threshold as possible matches', () => {
    const r = screenName(index, { name: 'Hebei Semiconducter Research Institute' }, { threshold: 0.99 });
    const h = hitFor(r.hits, 'EL', CETC13);
    assert.equal(h?.status, 'possible');
    assert.ok(h.score >= 0.99 - POSSIBLE_MARGIN && h.score < 0.99);
  });

  it('finds nothing for a clean name, and notes an empty or unusable one', () => {
    assert.deepEqual(screen('Nordwind Präzisionsmechanik GmbH').hits, []);
    const empty = screen('   ');
    assert.deepEqual(empty.hits, []);
    assert.deepEqual(empty.notes, ['the name is empty']);
    assert.deepEqual(screen('Acme', 'Germany').notes, ['country "Germany" is not an ISO 3166-1 alpha-2 code; it was not used']);
  });

  it('scores only the candidates the index names, never every row', () => {
    for (const name of ['Trading Company', 'International Bank', 'A', 'Mohammed Ali', 'x'.repeat(300), 'China']) {
      const stats = { scored: 0 };
      screenName(index, { name }, { stats });
      assert.ok(stats.scored <= MAX_CANDIDATES, `${name}: ${stats.scored}`);
    }
  });
});

describe('screening: a small list', () => {
  const entry = (id: string, name: string, altNames: string[] = [], countries: string[] = []): ListEntry => ({
    id,
    idSource: 'list',
    list: 'EL',
    source: 'Entity List (EL) - Bureau of Industry and Security',
    name,
    altNames,
    countries,
    programs: [],
  });
  const small = new ScreeningIndex({
    info: { file: 'test', date: '2026-01-01', dateBasis: 'file-modified', format: 'csl-json', embedded: false, lists: [], entries: 3, skipped: [] },
    entries: [entry('1', 'John Edward SMITH'), entry('2', 'Nordic Precision Instruments AB', [], ['SE']), entry('3', 'Kappa Systems Ltd')],
  });

  it('matches initials in part (a possible match at most on their own)', () => {
    const r = screenName(small, { name: 'J. E. Smith' });
    assert.equal(r.hits[0]?.name, 'John Edward SMITH');
    assert.ok(r.hits[0].why.rules.includes('initials'));
    assert.equal(r.hits[0].status, 'possible');
  });

  it('takes the threshold as a setting', () => {
    assert.equal(screenName(small, { name: 'Kappa Systems' }, { threshold: 0.5 }).threshold, 0.5);
    assert.equal(screenName(small, { name: 'Nordic Precision Instrument' }).hits[0]?.status, 'match');
  });
});
