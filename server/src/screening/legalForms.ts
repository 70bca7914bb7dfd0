// Legal forms of companies across languages, as they appear after normalisation (lower case,
// punctuation as spaces): "Co., Ltd." is `co ltd`, "Sp. z o.o." is `sp z o o`, "ООО" read from
// Cyrillic is `ooo`. A legal form says little about who a party is and is written in many ways
// for one company (LLC / OOO / Obshchestvo s ogranichennoy otvetstvennostyu), so matching sets
// it aside and the hit says which forms were set aside.

import { editDistance } from './similarity';

/** Canonical classes, for the "why" of a hit. */
export type LegalFormClass = 'llc' | 'jsc' | 'ltd' | 'inc' | 'co' | 'plc' | 'partnership' | 'branch' | 'state';

// Phrases (space-separated tokens) and their class. Longer phrases are tried first.
// Phrases that are legal forms only at the end of a name (person initials elsewhere: "A. S. Rao").
const EDGE_PHRASES = new Set(['s p a', 's a', 'n v', 'a s', 'a o', 's r o', 'd o o', 's r l', 'j s c', 'p j s c', 'l l c', 'i n c', 'l t d']);

const PHRASES: [string, LegalFormClass][] = [
  // limited liability companies
  ['limited liability company', 'llc'],
  ['limited liability co', 'llc'],
  ['limited liability partnership', 'partnership'],
  ['obshchestvo s ogranichennoy otvetstvennostyu', 'llc'],
  ['obshchestvo s ogranichennoi otvetstvennostyu', 'llc'],
  ['obshchestvo s ogranichennoj otvetstvennostju', 'llc'],
  ['obshchestvo s ogranichennoy otvetstvennostiu', 'llc'],
  ['obshchestvo s ogranichennoi otvetstvennostiu', 'llc'],
  ['obshestvo s ogranichennoy otvetstvennostyu', 'llc'],
  ['obschestvo s ogranichennoy otvetstvennostyu', 'llc'],
  ['obshhestvo s ogranichennoj otvetstvennostju', 'llc'],
  ['tovarystvo z obmezhenoyu vidpovidalnistyu', 'llc'],
  ['sp z o o', 'llc'],
  ['spolka z ograniczona odpowiedzialnoscia', 'llc'],
  ['s de r l de c v', 'llc'],
  ['s de rl de cv', 'llc'],
  ['s de r l', 'llc'],
  ['s r l', 'llc'],
  ['s a r l', 'llc'],
  ['s r o', 'llc'],
  ['d o o', 'llc'],
  ['gmbh co kg', 'partnership'],
  ['gmbh und co kg', 'partnership'],
  ['gmbh and co kg', 'partnership'],
  // joint-stock companies
  ['public joint stock company', 'jsc'],
  ['open joint stock company', 'jsc'],
  ['closed joint stock company', 'jsc'],
  ['joint stock company', 'jsc'],
  ['open joint stock co', 'jsc'],
  ['joint stock co', 'jsc'],
  ['closed joint stock co', 'jsc'],
  ['public joint stock co', 'jsc'],
  ['joint stock commercial bank', 'jsc'],
  ['publichnoe aktsionernoe obshchestvo', 'jsc'],
  ['publichnoye aktsionernoye obshchestvo', 'jsc'],
  ['otkrytoe aktsionernoe obshchestvo', 'jsc'],
  ['otkrytoye aktsionernoye obshchestvo', 'jsc'],
  ['zakrytoe aktsionernoe obshchestvo', 'jsc'],
  ['zakrytoye aktsionernoye obshchestvo', 'jsc'],
  ['aktsionernoe obshchestvo', 'jsc'],
  ['aktsionernoye obshchestvo', 'jsc'],
  ['aktsionernoe obschestvo', 'jsc'],
  ['akcionernoe obshhestvo', 'jsc'],
  ['aktsionerne tovarystvo', 'jsc'],
  ['otkrytoe aktsionerne obshchestvo', 'jsc'],
  ['aktsionerne obshchestvo', 'jsc'],
  ['anonim sirketi', 'jsc'],
  ['sociedad anonima', 'jsc'],
  ['societe anonyme', 'jsc'],
  ['s p a', 'jsc'],
  ['s a', 'jsc'],
  ['n v', 'jsc'],
  ['a s', 'jsc'],
  ['a o', 'jsc'],
  ['p j s c', 'jsc'],
  ['j s c', 'jsc'],
  // limited companies
  ['company limited', 'ltd'],
  ['co limited', 'ltd'],
  ['co ltd', 'ltd'],
  ['company ltd', 'ltd'],
  ['limited company', 'ltd'],
  ['private limited', 'ltd'],
  ['pvt ltd', 'ltd'],
  ['pte ltd', 'ltd'],
  ['pty ltd', 'ltd'],
  ['sdn bhd', 'ltd'],
  ['public limited company', 'plc'],
  ['l l c', 'llc'],
  ['l t d', 'ltd'],
  ['i n c', 'inc'],
  ['limited partnership', 'partnership'],
  ['branch office', 'branch'],
  ['state owned enterprise', 'state'],
  ['state unitary enterprise', 'state'],
  ['federal state unitary enterprise', 'state'],
];

// Single tokens that are legal forms wherever they stand.
const ALWAYS = new Map<string, LegalFormClass>(
  Object.entries({
    llc: 'llc',
    ooo: 'llc',
    tov: 'llc',
    gmbh: 'llc',
    sarl: 'llc',
    srl: 'llc',
    sro: 'llc',
    ltda: 'llc',
    limitada: 'llc',
    kft: 'llc',
    bv: 'llc',
    jsc: 'jsc',
    ojsc: 'jsc',
    cjsc: 'jsc',
    pjsc: 'jsc',
    oao: 'jsc',
    zao: 'jsc',
    pao: 'jsc',
    spa: 'jsc',
    oyj: 'jsc',
    ltd: 'ltd',
    limited: 'ltd',
    bhd: 'ltd',
    pvt: 'ltd',
    pte: 'ltd',
    pty: 'ltd',
    plc: 'plc',
    inc: 'inc',
    incorporated: 'inc',
    corp: 'inc',
    corporation: 'inc',
    korporatsiya: 'inc',
    co: 'co',
    company: 'co',
    cia: 'co',
    compania: 'co',
    kompaniya: 'co',
    companhia: 'co',
    sirketi: 'co',
    llp: 'partnership',
    lp: 'partnership',
    kg: 'partnership',
    fzco: 'llc',
    fze: 'llc',
    fzc: 'llc',
    fzllc: 'llc',
    dmcc: 'llc',
    gie: 'partnership',
  }) as [string, LegalFormClass][],
);

// Short tokens that are a legal form only at the start or the end of a name ("PAO Gazprom",
// "Siemens AG"): elsewhere they are words or name parts ("as", "ab", "sa", "ag", "ao").
const AT_EDGES = new Map<string, LegalFormClass>(
  Object.entries({
    ag: 'jsc',
    ao: 'jsc',
    sa: 'jsc',
    nv: 'jsc',
    as: 'jsc',
    ab: 'jsc',
    oy: 'jsc',
    asa: 'jsc',
    se: 'jsc',
    tas: 'jsc',
    ad: 'jsc',
    dd: 'jsc',
    ead: 'jsc',
    doo: 'llc',
    ep: 'state',
    fgup: 'state',
    gup: 'state',
    nao: 'jsc',
    pt: 'ltd',
    tbk: 'jsc',
    kk: 'jsc',
    kabushiki: 'jsc',
    kaisha: 'jsc',
    private: 'ltd',
  }) as [string, LegalFormClass][],
);

interface Phrase {
  tokens: string[];
  cls: LegalFormClass;
  edgeOnly: boolean;
}

const PHRASE_LIST: Phrase[] = PHRASES.map(([p, cls]) => ({
  tokens: p.split(' '),
  cls,
  edgeOnly: EDGE_PHRASES.has(p),
})).sort((a, b) => b.tokens.length - a.tokens.length);
const LEGAL_WORD_SET = new Set(PHRASE_LIST.flatMap((p) => p.tokens));
const PHRASES_BY_FIRST = new Map<string, Phrase[]>();
for (const p of PHRASE_LIST) {
  const list = PHRASES_BY_FIRST.get(p.tokens[0]) ?? [];
  list.push(p);
  PHRASES_BY_FIRST.set(p.tokens[0], list);
}

// Words of legal forms, for reading one with a typo ("Compnay", "Limitde", "Joitn Stock").
const LEGAL_WORDS = [...new Set([...PHRASE_LIST.flatMap((p) => p.tokens), ...ALWAYS.keys()])].filter((w) => w.length >= 4);

/** The legal-form word a token is a typo of (one edit; two for long words), or undefined. */
function legalWordOf(token: string): string | undefined {
  if (token.length < 4 || /\d/.test(token)) return undefined;
  const max = token.length >= 8 ? 2 : 1;
  for (const w of LEGAL_WORDS) if (w[0] === token[0] && Math.abs(w.length - token.length) <= max && editDistance(token, w, max) <= max) return w;
  return undefined;
}

export interface LegalFormSplit {
  /** The name's tokens without legal forms (unchanged when the name is nothing but legal forms). */
  tokens: string[];
  /** The legal forms found, as written (normalised), e.g. `co ltd`. */
  forms: string[];
  classes: LegalFormClass[];
}

/** Sets the legal forms of a tokenised name aside. */
export function splitLegalForms(written: readonly string[]): LegalFormSplit {
  // a legal-form word with a typo reads as the word, when it then makes a legal form
  const tokens = written.map((t) => (ALWAYS.has(t) || LEGAL_WORD_SET.has(t) ? t : (legalWordOf(t) ?? t)));
  const n = tokens.length;
  const taken = new Array<LegalFormClass | undefined>(n).fill(undefined);
  const starts = new Set<number>();
  // the longest phrases first, wherever they start ("... Company Limited Liability Company" is
  // "Company" + "Limited Liability Company", not "Company Limited" + "Liability Company")
  const found: { at: number; p: Phrase }[] = [];
  for (let i = 0; i < n; i++) {
    for (const p of PHRASES_BY_FIRST.get(tokens[i]) ?? []) {
      if (p.tokens.every((pt, k) => tokens[i + k] === pt)) found.push({ at: i, p });
    }
  }
  found.sort((a, b) => b.p.tokens.length - a.p.tokens.length || a.at - b.at);
  const free = (from: number, len: number) => taken.slice(from, from + len).every((c) => c === undefined);
  for (const { at, p } of found) {
    if (!free(at, p.tokens.length)) continue;
    if (p.edgeOnly && !(n > p.tokens.length && at + p.tokens.length === n)) continue;
    for (let k = 0; k < p.tokens.length; k++) taken[at + k] = p.cls;
    starts.add(at);
  }
  for (let i = 0; i < n; i++) {
    const always = ALWAYS.get(tokens[i]);
    if (always && taken[i] === undefined) {
      taken[i] = always;
      starts.add(i);
    }
  }
  // short forms at the edges, again after each one taken ("Co. Ltd PT Technology Asia", "Akhtar and Sons Private Ltd")
  for (let changed = true; changed;) {
    changed = false;
    const open = [...taken.keys()].filter((i) => taken[i] === undefined);
    if (open.length <= 1) break;
    for (const i of [open[0], open[open.length - 1]]) {
      const edge = AT_EDGES.get(tokens[i]);
      if (edge) {
        taken[i] = edge;
        starts.add(i);
        changed = true;
        break;
      }
    }
  }
  const kept = written.filter((_, i) => taken[i] === undefined);
  if (kept.length === 0) return { tokens: [...written], forms: [], classes: [] };
  const forms: string[] = [];
  for (let i = 0; i < n; i++) {
    if (taken[i] === undefined) continue;
    if (starts.has(i) || forms.length === 0) forms.push(written[i]);
    else forms[forms.length - 1] += ` ${written[i]}`;
  }
  return { tokens: kept, forms, classes: [...new Set(taken.filter((c): c is LegalFormClass => c !== undefined))] };
}
