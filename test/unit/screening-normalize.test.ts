import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { splitLegalForms } from '../../server/src/screening/legalForms';
import { foldLatin, MAX_NAME_LENGTH, normalizeName, words } from '../../server/src/screening/normalize';

const tokensOf = (s: string) => normalizeName(s).variants[0]?.tokens;
const formsOf = (s: string) => normalizeName(s).variants[0]?.legalForms;

describe('screening: normalisation', () => {
  it('folds case, diacritics, punctuation and spacing', () => {
    assert.equal(foldLatin('  Société  Générale, S.A. '), 'societe generale s a');
    assert.equal(foldLatin('Łódź Straße Ørsted'), 'lodz strasse orsted');
    assert.equal(foldLatin("Xi'an NU’MAN"), 'xian numan');
    assert.equal(foldLatin('A&B'), 'a and b');
    assert.deepEqual(words('the bank of china'), ['bank', 'china']);
    assert.deepEqual(words('13th research institute'), ['13', 'research', 'institute']);
  });

  it('sets aside the legal forms of many languages, keeping how they were written', () => {
    const cases: [string, string[], string[]][] = [
      ['Acme LLC', ['acme'], ['llc']],
      ['Acme Ltd.', ['acme'], ['ltd']],
      ['Acme Limited', ['acme'], ['limited']],
      ['Acme Co.', ['acme'], ['co']],
      ['Acme Corp.', ['acme'], ['corp']],
      ['JSC Acme', ['acme'], ['jsc']],
      ['OAO Acme', ['acme'], ['oao']],
      ['OOO Acme', ['acme'], ['ooo']],
      ['ООО «Акме»', ['akme'], ['ooo']],
      ['Acme GmbH', ['acme'], ['gmbh']],
      ['Acme AG', ['acme'], ['ag']],
      ['Acme S.A.', ['acme'], ['s a']],
      ['Acme Sp. z o.o.', ['acme'], ['sp z o o']],
      ['Acme Co., Ltd.', ['acme'], ['co ltd']],
      ['Public Joint Stock Company Acme', ['acme'], ['public joint stock company']],
      ['Acme Machine Building Company Limited Liability Company', ['acme', 'machine', 'building'], ['company', 'limited liability company']],
    ];
    for (const [name, tokens, forms] of cases) {
      assert.deepEqual(tokensOf(name), tokens, name);
      assert.deepEqual(formsOf(name), forms, name);
    }
  });

  it('reads a legal form with a typo, and leaves a word that only looks like one', () => {
    assert.deepEqual(splitLegalForms(['acme', 'compnay', 'limitde']).tokens, ['acme']);
    assert.deepEqual(splitLegalForms(['joitn', 'stock', 'company', 'acme']).tokens, ['acme']);
    assert.deepEqual(splitLegalForms(['point', 'trading']).tokens, ['point', 'trading']);
    // short forms only at the edges: "A. S. Rao" keeps its initials
    assert.deepEqual(tokensOf('A. S. Rao'), ['a', 's', 'rao']);
    assert.deepEqual(tokensOf('Rao A.S.'), ['rao']);
  });

  it('keeps a name that is nothing but a legal form', () => {
    assert.deepEqual(tokensOf('Limited'), ['limited']);
  });

  it('reads Cyrillic in several transliteration schemes', () => {
    const n = normalizeName('Юрий Евгеньевич Ёлкин');
    assert.equal(n.script, 'cyrillic');
    const readings = n.variants.map((v) => v.tokens.join(' '));
    assert.deepEqual(readings, ['yuriy yevgenyevich yelkin', 'iurii evgenevich elkin', 'yury yevgenyevich yolkin', 'yuriy evgenyevich elkin']);
    assert.ok(n.variants.every((v) => v.transliteration?.startsWith('Cyrillic')));
  });

  it('reads Chinese: known words in English, numbers as digits, the rest as pinyin', () => {
    const n = normalizeName('中国电子科技集团公司第十三研究所');
    assert.equal(n.script, 'han');
    assert.deepEqual(n.variants[0].tokens, ['china', 'electronics', 'technology', 'group', '13', 'research', 'institute']);
    const sz = normalizeName('深圳市嘉源科技有限公司').variants[0];
    assert.deepEqual(sz.tokens, ['shenzhen', 'jiayuan', 'technology']);
    assert.deepEqual(sz.legalForms, ['co ltd']);
    // polyphonic characters read as in names (重庆 Chongqing, 长沙 Changsha)
    assert.deepEqual(normalizeName('重庆').variants[0].tokens, ['chongqing']);
    assert.deepEqual(normalizeName('长沙银行').variants[0].tokens, ['changsha', 'bank']);
    // a person: surname, then the given name in one word
    assert.ok(normalizeName('苏贵钦').variants.some((v) => v.tokens.join(' ') === 'su guiqin'));
  });

  it('gives empty, blank and control-character names a note and no reading', () => {
    for (const s of ['', '   ', '\u0000\u0007\u001b', '...', '&&']) {
      const n = normalizeName(s);
      assert.equal(n.variants.length, 0, JSON.stringify(s));
      assert.equal(n.notes.length, 1, JSON.stringify(s));
    }
  });

  it('cuts a 10,000-character name and says so', () => {
    const n = normalizeName('acme '.repeat(2000));
    assert.equal(n.notes[0], `the name is 10000 characters long; only the first ${MAX_NAME_LENGTH} were screened`);
    assert.ok(n.variants[0].tokens.length <= MAX_NAME_LENGTH / 2);
  });

  it('reads every script without failing', () => {
    const samples = [
      'شركة النفط',
      'Ελληνικά Πετρέλαια',
      'חברת החשמל',
      'टाटा मोटर्स',
      '삼성전자',
      '株式会社東芝',
      'ナショナル',
      'บริษัท',
      '🚀 Rocket Ltd',
      'Ǆemal d.o.o.',
      'Tiếng Việt',
    ];
    for (const s of samples) {
      const n = normalizeName(s);
      assert.ok(n.variants.length > 0 || n.notes.length > 0, s);
      for (const v of n.variants)
        assert.ok(
          v.tokens.every((t) => /^[a-z0-9]+$/.test(t)),
          `${s}: ${v.tokens.join(' ')}`,
        );
    }
  });
});
