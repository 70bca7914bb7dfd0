// Names to tokens: case, diacritics, punctuation and spacing folded; legal forms set aside;
// Cyrillic and Chinese read into Latin the ways list entries spell them. A name in another
// script can have several readings (transliteration schemes, pinyin word breaks): each is a
// variant and the matcher keeps the best.
import type * as Iuliia from 'iuliia';
import type * as PinyinPro from 'pinyin-pro';
import type * as Transliteration from 'transliteration';
import { CHINESE_TERMS, LONGEST_CHINESE_TERM, readChineseNumber } from './chineseTerms';
import { splitLegalForms, type LegalFormClass } from './legalForms';

/** Longest name read; the rest is cut off (with a note) so that a pasted document cannot stall matching. */
export const MAX_NAME_LENGTH = 512;

export interface NameVariant {
  /** Significant tokens: folded, legal forms set aside. */
  tokens: string[];
  legalForms: string[];
  legalClasses: LegalFormClass[];
  /** How the name was read when it was not in Latin script. */
  transliteration?: string;
  /** The Latin reading, for display. */
  readAs?: string;
  /**
   * Read from characters, not typed: the spelling is exact, so a one-letter difference is
   * another name (倪浩 nihao is not NIIAO), not a typo.
   */
  exactSpelling?: boolean;
}

export interface NormalizedName {
  variants: NameVariant[];
  script: 'latin' | 'cyrillic' | 'han' | 'other' | 'none';
  notes: string[];
}

const CYRILLIC = /[\u0400-\u04FF\u0500-\u052F]/;
const HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
const NON_LATIN_LETTER = /[^\p{Script=Latin}\P{L}]/u;

// The transliteration packages are loaded when a name in their script is first screened, so
// that commands which never screen such a name do not pay for their tables.
/* eslint-disable @typescript-eslint/no-require-imports */
let iuliia: typeof Iuliia | undefined;
let pinyinPro: typeof PinyinPro | undefined;
let translit: typeof Transliteration | undefined;
const cyrillicLib = () => (iuliia ??= require('iuliia') as typeof Iuliia);
const pinyinLib = () => (pinyinPro ??= require('pinyin-pro') as typeof PinyinPro);
const transliterate = (s: string) => (translit ??= require('transliteration') as typeof Transliteration).transliterate(s);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Other transliterations, for measuring candidate packages against the evaluation set
 * (scripts/measure-transliteration.ts); the product uses the defaults.
 */
export interface Transliterators {
  /** Readings of a Cyrillic name: a scheme name and the Latin text. */
  cyrillic?(text: string): { name: string; latin: string }[];
  /** The pinyin syllables of a run of Chinese characters. */
  hanRun?(run: string): string[];
}
let custom: Transliterators = {};
export function useTransliterators(t: Transliterators): void {
  custom = t;
}

/**
 * Cyrillic schemes tried, chosen by measurement on the evaluation set (docs/screening.md):
 * the ones list entries are written in (BGN/PCGN, the passport schemes) and Wikipedia's.
 */
const CYRILLIC_SCHEMES: { name: string; id: string }[] = [
  { name: 'BGN/PCGN', id: 'bgn_pcgn' },
  { name: 'ICAO Doc 9303 (passports since 2013)', id: 'icao_doc_9303' },
  { name: 'Wikipedia', id: 'wikipedia' },
  { name: 'MVD 310 (passports 1997-2010)', id: 'mvd_310' },
];

// Letters that do not decompose into a base letter and a mark.
const LATIN_SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
};

const ASCII = /^[\x20-\x7e]*$/;

const STOP_WORDS = new Set(['the', 'and', 'of', 'for']);

/** Latin text to lower-case ASCII words: diacritics removed, `&` read as "and", apostrophes joined. */
export function foldLatin(text: string): string {
  let s = text.toLowerCase();
  if (!ASCII.test(s)) {
    s = s.normalize('NFKD').replace(/\p{M}+/gu, '');
    s = s.replace(/[ßæœøđðþłıħŧŀ]/g, (c) => LATIN_SPECIAL[c] ?? c);
  }
  s = s.replace(/&/g, ' and ');
  // Xi'an, NU'MAN, O'Brien: one word
  s = s.replace(/(\w)['’ʼ`´](\w)/g, '$1$2');
  s = s.replace(/[^a-z0-9]+/g, ' ');
  return s.trim();
}

// Business words that names write in several forms ("Trade" / "Trading", "Industrial" /
// "Industries" / "Industry", "Imp. and Exp."): one form each, on both sides of a match.
const BUSINESS_FORMS = new Map<string, string>(
  Object.entries({
    trading: 'trade',
    industrial: 'industry',
    industries: 'industry',
    electronic: 'electronics',
    optical: 'optics',
    optic: 'optics',
    technologies: 'technology',
    communications: 'communication',
    systems: 'system',
    materials: 'material',
    instruments: 'instrument',
    chemicals: 'chemical',
    pharmaceuticals: 'pharmaceutical',
    logistic: 'logistics',
    services: 'service',
    holdings: 'holding',
    products: 'product',
    solutions: 'solution',
    machines: 'machine',
    investments: 'investment',
    enterprises: 'enterprise',
    sciences: 'science',
    metals: 'metal',
    centre: 'center',
    imp: 'import',
    exp: 'export',
    intl: 'international',
  }),
);

/** The written forms of a business word's one form ("trade": "trading"), for matching a typo in them. */
export const BUSINESS_VARIANTS = new Map<string, string[]>();
for (const [written, one] of BUSINESS_FORMS) BUSINESS_VARIANTS.set(one, [...(BUSINESS_VARIANTS.get(one) ?? []), written]);

/** Words of folded text, ordinals without their suffix ("13th" is "13"), business words in one form. */
export function words(folded: string): string[] {
  if (!folded) return [];
  return folded
    .split(' ')
    .map((w) => (/^\d+(st|nd|rd|th)$/.test(w) ? w.replace(/\D+$/, '') : (BUSINESS_FORMS.get(w) ?? w)))
    .filter((w) => w && !STOP_WORDS.has(w));
}

/** Control characters and other invisible code points out; length capped. */
function cleanInput(raw: string, notes: string[]): string {
  // eslint-disable-next-line no-control-regex
  let s = raw.replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g, ' ');
  if (s.length > MAX_NAME_LENGTH) {
    notes.push(`the name is ${s.length} characters long; only the first ${MAX_NAME_LENGTH} were screened`);
    s = s.slice(0, MAX_NAME_LENGTH);
  }
  return s.replace(/\s+/g, ' ').trim();
}

function variantOf(latin: string, transliteration?: string, readAs?: string): NameVariant {
  const split = splitLegalForms(words(foldLatin(latin)));
  return {
    tokens: split.tokens,
    legalForms: split.forms,
    legalClasses: split.classes,
    transliteration,
    readAs,
  };
}

/** Normalises a listed name (Latin script in the CSL; other scripts are read as below). */
export function normalizeListedName(name: string): NameVariant {
  const notes: string[] = [];
  return (
    normalizeName(name, notes).variants[0] ?? {
      tokens: [],
      legalForms: [],
      legalClasses: [],
    }
  );
}

/** Normalises a name to screen, with its readings when it is not in Latin script. */
export function normalizeName(raw: string, notes: string[] = []): NormalizedName {
  const text = cleanInput(raw, notes);
  if (!text) {
    notes.push('the name is empty');
    return { variants: [], script: 'none', notes };
  }
  if (ASCII.test(text)) {
    const v = variantOf(text);
    if (v.tokens.length === 0) notes.push('the name has no letters or digits to screen');
    return { variants: v.tokens.length ? [v] : [], script: 'latin', notes };
  }
  const hasCyrillic = CYRILLIC.test(text);
  const hasHan = HAN.test(text);
  let variants: NameVariant[];
  let script: NormalizedName['script'];
  if (hasHan) {
    script = 'han';
    variants = chineseVariants(text);
  } else if (hasCyrillic) {
    script = 'cyrillic';
    variants = cyrillicVariants(text);
  } else if (NON_LATIN_LETTER.test(text)) {
    script = 'other';
    const latin = transliterate(text);
    variants = [variantOf(latin, 'transliterated to Latin', latin)];
  } else {
    script = 'latin';
    variants = [variantOf(text)];
  }
  variants = dedupe(variants.filter((v) => v.tokens.length > 0));
  if (variants.length === 0) notes.push('the name has no letters or digits to screen');
  return { variants, script, notes };
}

function dedupe(variants: NameVariant[]): NameVariant[] {
  const seen = new Set<string>();
  return variants.filter((v) => {
    const k = v.tokens.join(' ');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function cyrillicVariants(text: string): NameVariant[] {
  if (custom.cyrillic) return custom.cyrillic(text).map(({ name, latin }) => variantOf(latin, `Cyrillic, ${name}`, latin));
  const lib = cyrillicLib();
  return CYRILLIC_SCHEMES.map(({ name, id }) => {
    // iuliia leaves letters its scheme does not know (Ukrainian і ї є ґ, ё in some schemes) in
    // Cyrillic: a general transliteration reads what is left
    // BGN/PCGN's ë comes out as a Cyrillic ё: read it as e
    // and its "·" (which keeps н·э apart from a digraph) is no word break
    const latin = transliterate(lib.translate(text, lib.Schemas.get(id)!).replace(/ё/g, 'e').replace(/Ё/g, 'E').replace(/·/g, ''));
    return variantOf(latin, `Cyrillic, ${name}`, latin);
  });
}

/**
 * Chinese: known words by their English or conventional form (CHINESE_TERMS), numbers as
 * digits, the rest as pinyin. A run of characters that is not a known word is one token
 * ("嘉源" jiayuan); long runs are also tried in two-syllable words.
 */
function chineseVariants(text: string): NameVariant[] {
  const whole: string[] = [];
  const pairs: string[] = [];
  const person: string[] = [];
  let run = '';
  const flush = () => {
    if (!run) return;
    const syllables = (custom.hanRun ? custom.hanRun(run) : pinyinLib().pinyin(run, { toneType: 'none', type: 'array', v: false })).map((s) =>
      foldLatin(s).replace(/ /g, ''),
    );
    whole.push(syllables.join(''));
    for (let i = 0; i < syllables.length; i += 2) pairs.push(syllables.slice(i, i + 2).join(''));
    // a person's name: the surname, then the given name in one word (SU Guiqin)
    person.push(syllables.length >= 2 && syllables.length <= 3 ? `${syllables[0]} ${syllables.slice(1).join('')}` : syllables.join(''));
    run = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (!HAN.test(ch)) {
      flush();
      // Latin letters and digits inside a Chinese name stay as they are
      let j = i;
      while (j < text.length && !HAN.test(text[j])) j++;
      const part = foldLatin(transliterate(text.slice(i, j)));
      if (part) {
        whole.push(part);
        pairs.push(part);
        person.push(part);
      }
      i = j;
      continue;
    }
    if (ch === '第' || /[一二三四五六七八九十〇零两百]/.test(ch)) {
      const n = readChineseNumber(text, ch === '第' ? i + 1 : i);
      if (n && (ch === '第' || n.length > 1)) {
        flush();
        whole.push(String(n.value));
        pairs.push(String(n.value));
        person.push(String(n.value));
        i = (ch === '第' ? i + 1 : i) + n.length;
        continue;
      }
    }
    let term: string | undefined;
    for (let len = Math.min(LONGEST_CHINESE_TERM, text.length - i); len >= 1; len--) {
      const slice = text.slice(i, i + len);
      if (CHINESE_TERMS.has(slice)) {
        term = slice;
        break;
      }
    }
    if (term !== undefined) {
      flush();
      const en = CHINESE_TERMS.get(term);
      if (en) {
        whole.push(en);
        pairs.push(en);
        person.push(en);
      }
      i += term.length;
      continue;
    }
    run += ch;
    i++;
  }
  flush();
  const a = whole.join(' ');
  const b = pairs.join(' ');
  const c = person.join(' ');
  const out = [variantOf(a, 'Chinese, pinyin and known words', a)];
  if (b !== a) out.push(variantOf(b, 'Chinese, pinyin in two-syllable words', b));
  if (c !== a && c !== b) out.push(variantOf(c, 'Chinese, pinyin as a personal name', c));
  for (const v of out) v.exactSpelling = true;
  return out;
}
