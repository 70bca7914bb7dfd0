// The shape of exceptions.data.json, built by scripts/build-exceptions.mjs from data/reference/
// and the hand encodings of data/exceptions/*.yaml. Pure data; the shipped copy loads lazily.

/** Conditions on the destination (see data/exceptions/eccn-lines.yaml and restrictions.yaml). */
export interface DestinationSpec {
  only?: string[];
  in?: string[];
  inGroups?: string[];
  notIn?: string[];
  notInGroups?: string[];
  alsoIn?: string[];
  notMarked?: string[];
}

/** A fact that bars a line, optionally only for destinations outside some Country Groups. */
export type UnlessFact = string | { fact: string; outsideGroups?: string[] };

export interface LineClause {
  for: string[]; // paragraphs relative to the ECCN: "b.2"
  limit?: number | null; // LVS
  eligible?: boolean; // other symbols
  notFor?: string[];
  when?: string;
  unless?: UnlessFact | UnlessFact[];
  higher?: { limit: number; when: string };
  destinations?: DestinationSpec;
}

/** One licence-exception line of a CCL entry and how it reads. */
export interface LineEncoding {
  text: string;
  default?: number | null | boolean;
  clauses?: LineClause[];
  notFor?: string[];
  when?: string;
  unless?: UnlessFact | UnlessFact[];
  destinations?: DestinationSpec;
  incomplete?: string;
  obligation?: string;
  reading?: string;
  /** A line of a symbol that is shown, not encoded (ENC, APP, AIA ...): a person reads it. */
  unencoded?: true;
}

export interface EccnExceptionEntry {
  group: string | null; // product group A-E
  reasons: string[];
  columns: string[];
  flags: string[];
  /** Per reason (MT, NP, RS, UN): controls the whole entry, or only some of it (with the text). */
  controls: Record<string, { scope: 'entire' | 'partial'; text?: string }>;
  /** By line key: LVS, GBS, TSR, ENC ..., "NAC/ACA". */
  lines: Record<string, LineEncoding>;
  /** The entry's STA paragraph, verbatim. */
  sta?: string;
}

type SymbolKind = 'decided' | 'line' | 'general' | 'programme' | 'none';

export interface SymbolInfo {
  symbol: string; // "LVS"
  section: string; // "740.3"
  citation: string; // "15 CFR 740.3"
  title: string;
  kind: SymbolKind;
  line: string; // the line key naming it in an entry ("NAC/ACA" for NAC and ACA)
  groups?: string[];
  notIn?: string[];
  nsOnly?: boolean;
  itemGroups?: string[];
  ccl?: boolean;
  ear99Only?: boolean;
  confirm?: string;
  obligations?: string[];
  groupsNote?: string;
  note?: string;
  from?: string;
  fromNote?: string;
}

interface RestrictionWhen {
  items?: string[];
  itemsFact?: { items: string[]; fact: string };
  notItems?: string[];
  itemFlags?: string[];
  controlledFor?: string;
  itemReasons?: string[];
  requirementReasons?: string[];
  requirementCitations?: string[];
  destinations?: DestinationSpec;
  nato?: 'exclude';
  destinationsFact?: string;
  parties?: string[];
  fact?: string;
  valueAtLeast?: number;
  factCertainWith?: string[];
}

export interface Allowance {
  symbol: string;
  limitedTo?: string;
  notToGroups?: string[];
  notForRequirementCitations?: string[];
}

export interface Restriction {
  id: string; // "740.2(a)(8)"
  citation: string; // "15 CFR 740.2(a)(8)"
  text: string[];
  when: RestrictionWhen;
  allowOnly?: Allowance[];
  bars?: string[];
  obligation?: string;
  othersUnless?: string;
}

export interface Programme {
  id: string; // embargoes.json id: "russia_belarus"
  aliases: string[];
  name: string;
  citation: string;
  applies: 'destination' | 'requirement';
  destinations: string[];
  text: string[];
  allow: Allowance[];
  /** From this date every CCL item needs a licence to its destinations (746.8(a)(1)). */
  allItemsOnCclFrom?: string;
  requirementReasons?: string[];
  from?: string;
  fromNote?: string;
  dropped?: Record<string, string>;
  none?: { citation: string; requirementCitations: string[]; text: string[] };
}

export interface NoDeMinimisCase {
  id: string;
  citation: string;
  text: string[];
  content?: string[];
  contentFlags?: string[];
  contentParagraphs?: 'a-x' | 'y';
  contentCategories?: string[];
  item?: string[];
  itemGroups?: string[];
  itemPrefixes?: string[];
  notItems?: string[];
  destinations?: DestinationSpec;
  fact?: string;
  /** "note": without the item's ECCN, name the case as not checked rather than ask for facts. */
  itemNotGiven?: 'note';
  reading?: string;
}

export interface ExceptionsData {
  dataAsOf: string;
  sources: Record<string, string>;
  symbols: SymbolInfo[];
  eccns: Record<string, EccnExceptionEntry>;
  nato: string[];
  restrictions: Restriction[];
  shortSupply: { id: string; text: string; requirementReasons: string[] };
  sanctions: { id: string; citation: string; text: string[] };
  programmes: Programme[];
  deMinimis: {
    noDeMinimis: NoDeMinimisCase[];
    category5Part2: { id: string; citation: string; text: string[]; content: string[]; fact: string };
    thresholds: { id: string; citation: string; percent: number; exceptGroups?: string[]; text: string[] }[];
  };
}

let shipped: ExceptionsData | undefined;

/** The shipped data, loaded on first call (esbuild bundles the JSON). */
export function getExceptionsData(): ExceptionsData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  shipped ??= require('./exceptions.data.json') as ExceptionsData;
  return shipped;
}
