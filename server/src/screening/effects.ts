// What a party hit means for a shipment, as pure data the engine can put in a Determination:
// Entity List (the entry's licence requirement, normalised from its many wordings, its review
// policy, no licence exceptions: 15 CFR 744.16), MEU List (a licence for the items of
// supplement no. 2 to part 744: 744.21), Unverified List (no licence exceptions and a UVL
// statement: 744.15), Denied Persons List (prohibited), OFAC and State lists (blocked until
// cleared, naming the programme). A possible match asks for review. The original wording is
// always kept for display.
import part744 from './part744.data.json';
import { listName } from './listNames';
import type {
  FootnoteDesignation,
  ItemCoverage,
  LicenceRequirement,
  ListCode,
  ListEntry,
  PartyEffect,
  RequirementScope,
  ReviewPolicy,
  ReviewPolicyKind,
  ScreeningHit,
} from './types';

// Callers name lists through effects.ts too.
export { listName };

/** Supplement no. 2 to part 744: the items of the military end-use/end-user licence requirement (744.21). */
export const MEU_ITEMS: readonly { eccn: string; scope: string }[] = part744.meuItems;

// Footnote designations of Entity List entries, by the section their digit is printed against
// (15 CFR 734.9(e), 734.9(g), 744.21(a)(2)). Footnote 2 appears in the CSL wordings but its
// meaning is not in the reference data: it is reported as such.
const FOOTNOTES: Record<number, { sections: RegExp; meaning: string }> = {
  1: { sections: /734\.9\(e\)(\(1\))?/, meaning: 'foreign-produced items subject to the EAR under the Entity List foreign direct product rule, § 734.9(e)(1)' },
  3: {
    sections: /734\.9\(g\)/,
    meaning: "Russian or Belarusian 'military end user' (§ 744.21(a)(2)): foreign-produced items subject to the EAR under § 734.9(g) are included",
  },
  4: { sections: /734\.9\(e\)(\(2\))?/, meaning: 'foreign-produced items subject to the EAR under the Entity List foreign direct product rule, § 734.9(e)(2)' },
  5: {
    sections: /734\.9\(e\)\(3\)|734\.4\(a\)\(9\)/,
    meaning: 'foreign-produced items subject to the EAR under § 734.9(e)(3), and no de minimis for them (§ 734.4(a)(9))',
  },
};

/** Repairs of the printed wordings that would defeat reading them (744.2l(b) for 744.21(b), "part§"). */
function repair(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/744\.2l/g, '744.21')
    .replace(/part§/g, '§')
    .replace(/§(?=\d)/g, '§ ')
    .trim();
}

const SECTION = /\b(7\d\d\.\d+[a-z]?(?:\s?\([a-z0-9]{1,4}\))*)/g;

function sectionsOf(text: string): string[] {
  return [...new Set([...text.matchAll(SECTION)].map((m) => m[1].replace(/\s/g, '')))];
}

/** Reads one of the Entity List's licence requirement wordings. */
/** A review policy inside a sentence: without its closing full stop ("Presumption of denial"). */
export function policyWords(text: string | undefined): string {
  return text ? text.replace(/\.\s*$/, '') : 'not given';
}

export function normalizeLicenceRequirement(text: string): LicenceRequirement {
  const t = repair(text);
  const lower = t.toLowerCase();
  let scope: RequirementScope = 'unknown';
  let exceptions: string | undefined;
  if (/supplement no\. ?2 to part 744/.test(lower)) scope = 'meu-items';
  else if (/items on the ccl and (ear99 items )?listed in supplement no\. ?7 to part 746/.test(lower)) scope = 'ccl-items-and-listed-ear99';
  else if (/when used in projects specified in/.test(lower)) scope = 'all-items-in-projects';
  else if (/^(for )?all items subject to the ear/.test(lower)) {
    const m = t.match(/,?\s*(?:apart from|except for:?)\s+(.*)$/i);
    if (m) {
      scope = 'all-items-except';
      exceptions = m[1].trim();
    } else scope = 'all-items';
  }
  const footnotes: FootnoteDesignation[] = [];
  // a footnote digit is printed right after a citation or after "of the EAR": "734.9(e)1",
  // "734.9(g),3", "of the EAR)4", "of the EAR2", "EAR 2"
  for (const m of t.matchAll(/(734\.9\([eg]\)(?:\(\d\))?|EAR\)?)\s?,?\s?([1-5])(?!\d|\.\d|\()/g)) {
    const n = Number(m[2]);
    if (footnotes.some((f) => f.footnote === n)) continue;
    const known = FOOTNOTES[n];
    const cited = sectionsOf(t);
    const section = known ? (cited.find((s) => s.startsWith('734.9') && known.sections.test(s)) ?? cited.find((s) => known.sections.test(s))) : undefined;
    footnotes.push({
      footnote: n,
      ...(section ? { section } : {}),
      meaning: known?.meaning ?? `footnote ${n} designation: its text is not in the reference data (read the entry in supplement no. 4 to part 744)`,
    });
  }
  footnotes.sort((a, b) => a.footnote - b.footnote);
  const gov = t.match(/This license requirement may be overcome by License Exception GOV.*$/i)?.[0];
  const worldwide = /wherever located worldwide/i.test(t);
  const sections = sectionsOf(t.replace(/This license requirement may be overcome.*$/i, ''));
  const scopeText: Record<RequirementScope, string> = {
    'all-items': 'All items subject to the EAR',
    'all-items-except': 'All items subject to the EAR, with exceptions',
    'all-items-in-projects': 'All items subject to the EAR when used in the projects of § 746.8(a)(4)',
    'ccl-items-and-listed-ear99': 'Items on the CCL, and EAR99 items listed in supplement no. 7 to part 746',
    'meu-items': 'Items listed in supplement no. 2 to part 744',
    unknown: 'As worded in the entry (not read)',
  };
  const parts = [scopeText[scope]];
  if (sections.length) parts.push(`see ${sections.map((s) => `§ ${s}`).join(', ')}`);
  for (const f of footnotes) parts.push(`footnote ${f.footnote}: ${f.meaning}`);
  if (gov) parts.push('License Exception GOV may overcome it');
  if (worldwide) parts.push('wherever the entity is located');
  return {
    text,
    scope,
    sections,
    footnotes,
    ...(exceptions ? { exceptions } : {}),
    ...(gov ? { licenceExceptionGov: gov } : {}),
    worldwide,
    summary: parts.join('; '),
  };
}

/** Reads an Entity List licence review policy wording. */
export function normalizeReviewPolicy(text: string): ReviewPolicy {
  const t = repair(text);
  const lower = t.toLowerCase();
  const denial = /presumption (of|for) denial|policy of denial/.test(lower);
  const caseByCase = /case[- ]by[- ]case/.test(lower);
  const approval = /presumption of approval/.test(lower);
  let kind: ReviewPolicyKind;
  if (/^for (all )?items subject to the ear/.test(lower)) kind = 'unknown';
  else if (denial && (caseByCase || approval)) kind = 'mixed';
  else if (caseByCase && approval) kind = 'mixed';
  else if (/policy of denial/.test(lower)) kind = 'policy-of-denial';
  else if (denial) kind = 'presumption-of-denial';
  else if (caseByCase) kind = 'case-by-case';
  else if (approval) kind = 'presumption-of-approval';
  else if (/^(see|the license application procedure)/.test(lower)) kind = 'see-section';
  else kind = 'unknown';
  return { text, kind, sections: sectionsOf(t) };
}

const TREASURY: readonly ListCode[] = ['SDN', 'SSI', 'FSE', 'CMIC', 'MBS', 'PLC', 'CAP'];
const STATE: readonly ListCode[] = ['DTC', 'ISN'];

/** What a hit (or a list entry, confirmed as the party) means for a shipment. */
export function partyEffect(hit: Pick<ScreeningHit, 'entry' | 'status'>): PartyEffect {
  const e: ListEntry = hit.entry;
  const possible = hit.status === 'possible';
  const base = { list: e.list, entry: { id: e.id, name: e.name, source: e.source }, possible };
  const review = (effect: PartyEffect): PartyEffect =>
    possible
      ? { ...effect, decision: 'review', summary: `Possible match, for review: if the party is "${e.name}" (${listName(e.list)}): ${effect.summary}` }
      : effect;
  switch (e.list) {
    case 'EL': {
      const requirement = normalizeLicenceRequirement(e.licenseRequirement ?? '');
      const reviewPolicy = normalizeReviewPolicy(e.licensePolicy ?? '');
      return review({
        ...base,
        kind: 'entity-list',
        decision: 'license-required',
        citation: '15 CFR 744.16 and supplement no. 4 to part 744',
        requirement,
        reviewPolicy,
        licenceExceptions: {
          available: false,
          citation: '15 CFR 744.16(b)',
          carveOuts:
            'only licence exceptions for items in § 740.2(a)(5) to listed Indian or Pakistani entities (safety of civil aviation), and for entities added under § 744.20 to the extent the entry says',
        },
        summary: `Entity List: licence required for ${requirement.summary.charAt(0).toLowerCase()}${requirement.summary.slice(1)}; review policy: ${policyWords(reviewPolicy.text)}; no licence exceptions (§ 744.16(b))`,
      });
    }
    case 'MEU':
      return review({
        ...base,
        kind: 'military-end-user',
        decision: 'license-required',
        citation: '15 CFR 744.21(b)(1)(ii) and supplement no. 7 to part 744',
        items: [...MEU_ITEMS],
        reviewPolicy: { text: e.licensePolicy ?? 'Presumption of denial (§ 744.21(e)(1)).', kind: 'presumption-of-denial', sections: ['744.21(e)'] },
        licenceExceptions: { available: 'GOV only', citation: '15 CFR 744.21(c) (License Exception GOV, § 740.11(b)(2)(i) and (ii))' },
        summary: `Military End-User List: licence required for the items of supplement no. 2 to part 744 (${MEU_ITEMS.length} ECCNs); presumption of denial (§ 744.21(e)); only License Exception GOV (§ 744.21(c))`,
      });
    case 'UVL':
      return review({
        ...base,
        kind: 'unverified-list',
        decision: 'conditions',
        citation: '15 CFR 744.15 and supplement no. 6 to part 744',
        licenceExceptions: { available: false, citation: '15 CFR 740.2(a)(17)' },
        uvlStatement: {
          required: true,
          citation: '15 CFR 744.15(b)',
          contents: [
            "the UVL party's name, complete physical address, telephone, fax, email, web site, and the name and title of the signer",
            'agreement not to use the items for a use the EAR prohibits, nor to reexport or transfer them contrary to the EAR',
            'the end use, end user and country of ultimate destination',
            'agreement to cooperate with end-use checks, including post-shipment verification',
            'agreement to provide the records of part 762',
            'certification that the signer can bind the party',
          ],
        },
        summary:
          'Unverified List: no licence exceptions (§ 740.2(a)(17)); before a shipment that needs no licence, a signed UVL statement from the party (§ 744.15(b)); any licence requirement of the item still applies',
      });
    case 'DPL':
      return review({
        ...base,
        kind: 'denied-persons',
        decision: 'prohibited',
        citation: 'the denial order (15 CFR 764.3(a)(2)); dealing contrary to it is a violation (15 CFR 764.2(k))',
        summary: `Denied Persons List: a denial order forbids any transaction with this party involving items subject to the EAR${e.federalRegisterNotice ? ` (${e.federalRegisterNotice})` : ''}`,
      });
    default: {
      const agency = TREASURY.includes(e.list) ? 'Treasury (OFAC)' : STATE.includes(e.list) ? 'State' : 'unknown';
      const programmes = e.programs;
      const citation =
        e.list === 'DTC'
          ? '22 CFR 127.7 (ITAR debarment)'
          : e.list === 'ISN'
            ? `State Department nonproliferation sanctions${e.federalRegisterNotice ? ` (${e.federalRegisterNotice})` : ''}`
            : agency === 'Treasury (OFAC)'
              ? '31 CFR chapter V (OFAC sanctions regulations)'
              : 'the list named in the entry';
      return review({
        ...base,
        kind: 'sanctions',
        decision: 'blocked',
        agency,
        programmes,
        citation,
        summary: `${listName(e.list)} (${agency}): the shipment is blocked until a person clears this hit${programmes.length ? `; programme ${programmes.join(', ')}` : ''}`,
      });
    }
  }
}

/** The ECCN an item's code is under ("5A992.c" is 5A992), upper case; EAR99 and blanks as EAR99. */
function baseEccn(eccn: string | undefined): string {
  const e = (eccn ?? '').trim().toUpperCase();
  if (!e || e === 'EAR99') return 'EAR99';
  return e.slice(0, 5);
}

/**
 * Whether a party's requirement reaches an item (by ECCN). Conservative: what cannot be
 * decided from the ECCN alone (an EAR99 item that supplement no. 7 to part 746 may list by
 * tariff code, an MEU item "limited to" part of its ECCN) is `maybe`.
 */
export function partyCoversItem(effect: PartyEffect, item: { eccn?: string }): ItemCoverage {
  const eccn = baseEccn(item.eccn);
  switch (effect.kind) {
    case 'entity-list': {
      const r = effect.requirement;
      switch (r.scope) {
        case 'all-items':
          return { covers: 'yes', reason: 'the entry covers all items subject to the EAR' };
        case 'all-items-except':
          return { covers: 'yes', reason: `the entry covers all items subject to the EAR except: ${r.exceptions}; check that exception by hand` };
        case 'ccl-items-and-listed-ear99':
          return eccn === 'EAR99'
            ? { covers: 'maybe', reason: 'the entry covers EAR99 items listed in supplement no. 7 to part 746 (by tariff code): check the item there' }
            : { covers: 'yes', reason: `the entry covers items on the CCL (${eccn})` };
        case 'all-items-in-projects':
          return { covers: 'maybe', reason: 'the entry covers all items when used in the projects of § 746.8(a)(4): check the end use' };
        case 'meu-items':
          return meuCoverage(eccn);
        default:
          return { covers: 'maybe', reason: `the entry's licence requirement could not be read: "${r.text}"` };
      }
    }
    case 'military-end-user':
      return meuCoverage(eccn);
    case 'unverified-list':
      return { covers: 'yes', reason: 'the Unverified List conditions apply to every item subject to the EAR' };
    case 'denied-persons':
      return { covers: 'yes', reason: 'a denial order covers every item subject to the EAR' };
    case 'sanctions':
      return { covers: 'yes', reason: 'a sanctions hit blocks the shipment whatever the item' };
  }
}

function meuCoverage(eccn: string): ItemCoverage {
  const item = MEU_ITEMS.find((i) => i.eccn === eccn);
  if (!item) {
    return {
      covers: 'no',
      reason: `${eccn} is not in supplement no. 2 to part 744; a licence is still needed with knowledge of a 'military end use' or for a 'military end user' (§ 744.21(a))`,
    };
  }
  if (/^limited to/i.test(item.scope)) return { covers: 'maybe', reason: `supplement no. 2 to part 744 lists ${eccn} only in part: ${item.scope}` };
  return { covers: 'yes', reason: `supplement no. 2 to part 744 lists ${eccn}: ${item.scope}` };
}
