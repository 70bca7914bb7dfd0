// The types of restricted-party screening: list entries (from the embedded CSL snapshot or a
// file downloaded from trade.gov), screening results and hits, and what a hit means for a
// shipment (PartyEffect). Pure data: no LSP, no file system.

/**
 * The lists of the U.S. Consolidated Screening List, by the codes trade.gov uses in its
 * `sources` parameter (MBS is written NS-MBS in the list's own name).
 */
export type ListCode = 'EL' | 'MEU' | 'UVL' | 'DPL' | 'SDN' | 'SSI' | 'FSE' | 'CMIC' | 'MBS' | 'PLC' | 'CAP' | 'DTC' | 'ISN' | 'OTHER';

/** One row of a screening list, as listed. */
export interface ListEntry {
  /** The list's own id (trade.gov `id`), else the entity number, else one derived from the row. */
  id: string;
  idSource: 'list' | 'entity-number' | 'derived';
  list: ListCode;
  /** The source as the list file names it ("Entity List (EL) - Bureau of Industry and Security"). */
  source: string;
  name: string;
  altNames: string[];
  /** ISO 3166-1 alpha-2 codes of the entry's addresses (the CSL writes one as "TURKIYE"). */
  countries: string[];
  /** Entity, Individual, Vessel or Aircraft (OFAC lists only). */
  type?: string;
  entityNumber?: string;
  programs: string[];
  licenseRequirement?: string;
  licensePolicy?: string;
  federalRegisterNotice?: string;
  startDate?: string;
  sourceListUrl?: string;
}

/** Which file the entries came from, its date and what it holds. */
export interface ScreeningListInfo {
  /** The path given (`--list`, the setting) or "embedded CSL snapshot (consolidated.json of 2026-07-31)". */
  file: string;
  /** yyyy-mm-dd: the newest `source_last_updated` of `sources_used`, else the file's generation date, else its modification date. */
  date: string;
  dateBasis: 'sources_used' | 'search_performed_at' | 'snapshot' | 'file-modified';
  format: 'embedded' | 'csl-json' | 'csl-csv';
  embedded: boolean;
  /** The lists in the file, with their row counts and (JSON) their last update. */
  lists: {
    code: ListCode;
    source: string;
    entries: number;
    lastUpdated?: string;
  }[];
  entries: number;
  /** Rows left out (no name), with why; never silently. */
  skipped: { row: number; reason: string }[];
}

export interface ScreeningList {
  info: ScreeningListInfo;
  entries: ListEntry[];
}

/** How one token of the screened name met one token of a listed name. */
export interface TokenMatch {
  query: string;
  listed: string;
  rule: 'exact' | 'typo' | 'phonetic' | 'initial' | 'joined' | 'split';
  similarity: number;
}

/** The rules that together explain a hit, in the order a person reads them. */
export type MatchRule =
  | 'exact'
  | 'alias'
  | 'legal-form'
  | 'word-order'
  | 'punctuation'
  | 'joined-words'
  | 'split-words'
  | 'typo'
  | 'phonetic'
  | 'initials'
  | 'transliterated'
  | 'partial'
  | 'country-mismatch';

export interface MatchWhy {
  /** One sentence for people. */
  summary: string;
  rules: MatchRule[];
  tokens: TokenMatch[];
  /** Tokens of the screened name that met nothing in the listed name, and the reverse. */
  unmatchedQuery: string[];
  unmatchedListed: string[];
  /** Legal forms set aside on either side (canonical: llc, jsc, ltd, inc, co ...). */
  legalForms: { query: string[]; listed: string[] };
  /** How a name in another script was read ("Cyrillic, BGN/PCGN"; "Chinese, pinyin"). */
  transliteration?: string;
  /** The name as the matcher read it, when it differs from the input (transliterations). */
  readAs?: string;
  country?: { query: string; listed: string[]; matches: boolean };
}

type HitStatus = 'match' | 'possible';

export interface ScreeningHit {
  /** The list's own id or entity number (see ListEntry.id). */
  id: string;
  /** The entry as listed. */
  name: string;
  /** The name or alternate name of the entry that matched. */
  matchedName: string;
  list: ListCode;
  /** 0..1; 1 is the same name after normalisation. */
  score: number;
  /** `match` at or above the threshold; `possible` just below it: a person reviews it. */
  status: HitStatus;
  why: MatchWhy;
  entry: ListEntry;
}

export interface ScreeningInput {
  name: string;
  /** ISO 3166-1 alpha-2 of the party's address, when known. */
  country?: string;
}

export interface ScreeningResult {
  input: ScreeningInput;
  list: { file: string; date: string; lists: ListCode[] };
  threshold: number;
  hits: ScreeningHit[];
  /** Things a reader must know: the name was cut, only punctuation, a country code unknown ... */
  notes: string[];
}

/** The JSON line of `export-rules screen` and of the audit file (docs/cli-and-protocol.md). */
export interface ScreeningJson {
  input: ScreeningInput;
  list: { file: string; date: string; lists: ListCode[] };
  threshold: number;
  hits: {
    id: string;
    name: string;
    matchedName: string;
    list: ListCode;
    score: number;
    status: HitStatus;
    why: MatchWhy;
  }[];
  notes?: string[];
}

// ---------------------------------------------------------------------------------------------
// What a hit means for a shipment: pure data the engine can put in a Determination.

/** What a party hit does to a shipment, before the item is considered. */
type PartyDecision =
  /** Denied Persons List: no dealing at all. */
  | 'prohibited'
  /** Entity List, MEU List: a licence for the items the entry covers. */
  | 'license-required'
  /** OFAC and State lists: the shipment waits until the hit is cleared. */
  | 'blocked'
  /** Unverified List: no licence exceptions, and a UVL statement before shipping. */
  | 'conditions'
  /** A possible match: a person decides whether it is the listed party. */
  | 'review';

/** The scope of an Entity List licence requirement, read from its wording. */
export type RequirementScope = 'all-items' | 'all-items-except' | 'all-items-in-projects' | 'ccl-items-and-listed-ear99' | 'meu-items' | 'unknown';

/** A footnote designation of an Entity List entry (the digit printed after a citation). */
export interface FootnoteDesignation {
  footnote: number;
  /** The section the footnote is printed against, as written ("734.9(e)(1)"). */
  section?: string;
  meaning: string;
}

/** An Entity List licence requirement, normalised from one of its many wordings. */
export interface LicenceRequirement {
  /** The wording as listed, for display. */
  text: string;
  scope: RequirementScope;
  /** Sections the wording cites, normalised ("744.11", "734.9(g)", "746.8(a)(3)"). */
  sections: string[];
  footnotes: FootnoteDesignation[];
  /** Text after "apart from" / "except for", as written. */
  exceptions?: string;
  /** "This license requirement may be overcome by License Exception GOV ..." */
  licenceExceptionGov?: string;
  /** "... also extend to any export, reexport and transfer (in-country) to the entity wherever located worldwide." */
  worldwide: boolean;
  /** One line for people: "All items subject to the EAR (§ 744.11); foreign-produced items under § 734.9(g) (footnote 3)". */
  summary: string;
}

export type ReviewPolicyKind = 'presumption-of-denial' | 'policy-of-denial' | 'case-by-case' | 'presumption-of-approval' | 'mixed' | 'see-section' | 'unknown';

export interface ReviewPolicy {
  text: string;
  kind: ReviewPolicyKind;
  sections: string[];
}

interface PartyEffectBase {
  list: ListCode;
  /** The entry that hit. */
  entry: { id: string; name: string; source: string };
  /** The hit was below the threshold (a possible match): the effect holds only if a person confirms it. */
  possible: boolean;
  decision: PartyDecision;
  citation: string;
  /** One line for the trace. */
  summary: string;
}

interface EntityListEffect extends PartyEffectBase {
  kind: 'entity-list';
  requirement: LicenceRequirement;
  reviewPolicy: ReviewPolicy;
  /** § 744.16(b): none, apart from the narrow civil-aviation and § 744.20 carve-outs. */
  licenceExceptions: { available: false; citation: string; carveOuts: string };
}

interface MilitaryEndUserEffect extends PartyEffectBase {
  kind: 'military-end-user';
  /** Supplement no. 2 to part 744: the ECCNs the requirement covers, with their scope text. */
  items: { eccn: string; scope: string }[];
  reviewPolicy: ReviewPolicy;
  licenceExceptions: { available: 'GOV only'; citation: string };
}

interface UnverifiedListEffect extends PartyEffectBase {
  kind: 'unverified-list';
  licenceExceptions: { available: false; citation: string };
  /** § 744.15(b): a UVL statement from the party before a shipment that needs no licence. */
  uvlStatement: { required: true; citation: string; contents: string[] };
}

interface DeniedPersonsEffect extends PartyEffectBase {
  kind: 'denied-persons';
}

interface SanctionsEffect extends PartyEffectBase {
  kind: 'sanctions';
  agency: 'Treasury (OFAC)' | 'State' | 'unknown';
  /** The sanctions programmes the entry names (SDGT, RUSSIA-EO14024 ...). */
  programmes: string[];
}

export type PartyEffect = EntityListEffect | MilitaryEndUserEffect | UnverifiedListEffect | DeniedPersonsEffect | SanctionsEffect;

/** Whether a party's licence requirement reaches a given item. */
export interface ItemCoverage {
  covers: 'yes' | 'no' | 'maybe';
  reason: string;
}
