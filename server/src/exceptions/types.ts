// What the licence-exception and de minimis evaluation takes and answers. The engine fills an
// ExceptionQuery from a license-required Determination; the answer is a separate, labelled part
// of the result: the decision stays license-required.

/** Why a licence is required: one per deciding rule. */
export interface LicenceRequirement {
  /** ruleset/rule id */
  rule: string;
  citation?: string;
  /** Reason-for-control codes and/or Country Chart columns that required it: ["NS2"], ["NS1","RS1"], ["EI"]. */
  reasons: string[];
  kind: 'ccl' | 'embargo' | 'party' | 'internal';
  /** For embargoes: "russia-belarus" | "iran" | "cuba" | "north-korea" | "syria" | "crimea" ... */
  programme?: string;
}

export interface ShipmentFacts {
  /** USD: the net value of the commodities of the order under this ECCN (LVS, 740.3(c)(2)). */
  value?: number;
  /** USD per unit. */
  unitValue?: number;
  /** Only "USD" is accepted. */
  currency?: string;
}

export interface ExceptionQuery {
  /** "3A001", a paragraph "3A001.b.2", or "EAR99". */
  eccn: string;
  /** ISO 3166-1 alpha-2 or ISO 3166-2 region (UA-43). */
  destination: string;
  /** yyyy-mm-dd */
  date: string;
  requirements: LicenceRequirement[];
  shipment: ShipmentFacts;
  /** List hits of the parties: entity-list, unverified-list, meu, dpl, sdn ... */
  parties?: { list: string; name: string }[];
}

export interface ExceptionOptions {
  /**
   * "decidable": only the exceptions the data can find available (LVS, GBS, TSR, SPP), for the
   * decision matrix and batch summaries, where "is an exception available?" is the question.
   */
  only?: 'all' | 'decidable';
}

export type ExceptionStatus = 'available' | 'not-available' | 'needs-facts';

/** Facts the tool itself can take, that would decide an answer: ask for them (Check Item). */
export type ExceptionInput = 'value' | 'paragraph' | 'parties';

export interface ExceptionResult {
  symbol: string; // "LVS"
  title: string; // "Shipments of limited value (LVS)"
  status: ExceptionStatus;
  /** One or two sentences: why available, why not, or what it depends on. */
  reason: string;
  /** The paragraph that decided: "15 CFR 740.3(b)", "15 CFR 740.2(a)(5)(i)", "15 CFR 746.8(c)(2)". */
  citation: string;
  /** Conditions of use: obligations of an available exception, the paragraphs it is limited to. */
  conditions?: string[];
  /** Facts a person must confirm (needs-facts). */
  needs?: string[];
  /** Inputs that would decide it: the shipment value, the ECCN paragraph. */
  inputs?: ExceptionInput[];
  /** The ECCN entry's line for this exception, verbatim. */
  entryLine?: string;
  /** LVS: the dollar limit that applies (USD). */
  limit?: number;
}

export interface ExceptionAnswer {
  exceptions: ExceptionResult[];
  /** What was not checked, and anything else the reader must know. */
  notes: string[];
  dataAsOf: string;
}

/** A foreign-made item and its U.S.-origin controlled content, for de minimis (734.4). */
export interface DeMinimisQuery {
  destination: string;
  date?: string;
  /** The foreign-made item's own classification, when known (some 734.4(a) cases depend on it). */
  item?: { eccn?: string };
  usContent: {
    /** Controlled U.S.-origin content, as a percentage of the foreign-made item's value. */
    percent?: number;
    /** Or the values (USD) the percentage is computed from. */
    value?: number;
    itemValue?: number;
    /** ECCNs (or EAR99) of the U.S.-origin content. */
    eccns: string[];
    currency?: string;
  };
}

export type DeMinimisOutcome = 'not-subject-to-ear' | 'subject-to-ear' | 'needs-facts';

export interface DeMinimisResult {
  outcome: DeMinimisOutcome;
  /** The controlled U.S. content, percent of the item's value. */
  percent: number;
  /** 10 or 25 (734.4(c), (d)); absent when a no-de-minimis case decided. */
  threshold?: number;
  /** The calculation as text: "8 % <= 25 % (734.4(d): Germany is not in Country Group E:1 or E:2)". */
  calculation: string;
  reason: string;
  citation: string;
  needs?: string[];
  notes: string[];
  dataAsOf: string;
}

export type ShipmentField =
  | 'eccn'
  | 'destination'
  | 'date'
  | 'value'
  | 'unitValue'
  | 'currency'
  | 'requirements'
  | 'parties'
  | 'usContent'
  | 'usContent.percent'
  | 'usContent.value'
  | 'usContent.itemValue'
  | 'usContent.eccns'
  | 'usContent.currency'
  | 'item.eccn';

/** Bad shipment facts or query input: names the field, in the words a user can act on. */
export class ShipmentInputError extends Error {
  constructor(
    message: string,
    readonly field: ShipmentField,
  ) {
    super(message);
    this.name = 'ShipmentInputError';
  }
}
