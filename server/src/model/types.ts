// The typed model of rule files. Parsing (parse.ts) fills it from YAML, keeping the source
// span of every node, so that every feature can point at the exact offending token.
import type { DiagnosticCode } from './diagnosticCodes';

export type Decision = 'prohibited' | 'license-required' | 'no-license-required';

/** Higher is more restrictive. */
export const DECISION_RANK: Readonly<Record<Decision, number>> = {
  prohibited: 2,
  'license-required': 1,
  'no-license-required': 0,
};

export const DECISIONS: readonly Decision[] = ['prohibited', 'license-required', 'no-license-required'];

export type Origin = 'us' | 'foreign';

/** Offsets into the document text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** A zero-based LSP-style position and range (no dependency on the LSP packages). */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export interface SourceLocation {
  uri: string;
  range: Range;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A finding about a document, in offsets; the LSP layer and the CLI convert it. */
export interface Problem {
  /** Stable; each is in the registry (diagnosticCodes.ts) and documented in docs/diagnostics.md. */
  code: DiagnosticCode;
  message: string;
  severity: Severity;
  span: Span;
  /** Replacements a quick fix may offer for the span (first is preferred); a fix with its own
   *  span edits there instead (an insertion elsewhere in the document). */
  fixes?: { title: string; newText: string; span?: Span }[];
  /** Other places the problem involves (the other duplicate, the shadowing rule): a span in
   *  the same document, or a location in another. */
  related?: { span?: Span; location?: SourceLocation; message: string }[];
  /** Marks a diagnostic that makes code unnecessary (a shadowed rule). */
  unnecessary?: boolean;
}

/** An item selector: every key present must match; a list value matches if any value does. */
export interface ItemSelector {
  pointer: string;
  eccn?: string[];
  category?: string[];
  productGroup?: string[];
  reason?: string[];
  ccl?: boolean;
  ear99?: boolean;
  hs?: string[];
  /** CAS registry numbers (chemicals of supplement no. 6 to part 746). */
  cas?: string[];
  /** Matches items whose unit value (USD) is at least this (luxury goods floors). */
  minUnitValue?: number;
  product?: string[];
  origin?: Origin;
  directProductOf?: string[];
}

/** A destination selector: every key present must match. */
export interface DestinationSelector {
  pointer: string;
  country?: string[];
  countryGroup?: string[];
  chart?: string[];
  regime?: string[];
  any?: boolean;
}

/** The lists a party selector can name (the schema's `partySelector.list`). */
export type PartyListName =
  | 'entity-list'
  | 'meu-list'
  | 'unverified-list'
  | 'denied-persons-list'
  | 'sdn'
  | 'ssi'
  | 'fse'
  | 'cmic'
  | 'ns-mbs'
  | 'plc'
  | 'capta'
  | 'itar-debarred'
  | 'nonproliferation'
  | 'any-list';

export type PartyRole = 'customer' | 'consignee' | 'intermediate-consignee' | 'end-user' | 'forwarder';

/** A party selector: every key present must match (the engine's side comes with the determination). */
export interface PartySelector {
  pointer: string;
  id?: string[];
  list?: PartyListName;
  role?: PartyRole;
  country?: string[];
}

export interface Rule {
  ruleset: string;
  id: string;
  title?: string;
  citation?: string;
  items: ItemSelector[];
  destinations: DestinationSelector[];
  exceptItems: ItemSelector[];
  exceptDestinations: DestinationSelector[];
  /** Absent or empty: the rule is for any party. */
  parties?: PartySelector[];
  decision: Decision;
  review?: string;
  exceptions: string[];
  /** A condition in words the engine cannot test: the rule then applies in part, and says so. */
  condition?: string;
  /** The reasons for control (or chart columns) the rule implements ("RS", "EI", "NS1"). */
  reasonForControl: string[];
  /** Who administers the requirement when not the EAR's licensing body ("OFAC (31 CFR part 560)"). */
  authority?: string;
  /** Own dates, else the ruleset's. ISO yyyy-mm-dd; expires is exclusive. */
  effective?: string;
  expires?: string;
  pointer: string; // "/rules/3"
  location: SourceLocation; // the id's line (where a person looks)
  span: Span; // the whole rule entry
}

export interface Regime {
  ruleset: string;
  id: string;
  title?: string;
  description?: string;
  countries: string[];
  include: DestinationSelector[];
  exclude: DestinationSelector[];
  pointer: string; // "/regimes/russia-belarus"
  location: SourceLocation; // the key
  keySpan: Span;
}

export interface Product {
  ruleset: string;
  sku: string;
  name?: string;
  eccn?: string;
  hs?: string;
  cas?: string;
  unitValue?: number;
  /** Shipment facts for licence exceptions and de minimis (see ItemInput). */
  value?: number;
  currency?: string;
  usContent?: UsContent;
  origin?: Origin;
  directProductOf?: string[];
  pointer: string;
  location: SourceLocation;
  skuSpan: Span;
}

/** A screening hit a person reviewed and found not to be the party. */
export interface PartyClearance {
  /** The list entry's id, as screening results show it. */
  entry: string;
  list?: string;
  name?: string;
  reason?: string;
  by?: string;
  date?: string;
  /** The date of the list the hit was cleared against. */
  listVersion?: string;
  /** Fingerprint of the entry at clearance (screening/clearance.ts); a changed entry re-alerts. */
  entryHash?: string;
  pointer: string;
  span: Span;
}

/** A party of transactions (customer, consignee, end user), screened against the lists. */
export interface Party {
  ruleset: string;
  id: string;
  name?: string;
  altNames: string[];
  country?: string;
  address?: string;
  role?: PartyRole;
  clearances: PartyClearance[];
  pointer: string;
  location: SourceLocation;
  idSpan: Span;
  /** The name's value, where a screening hit is reported. */
  nameSpan?: Span;
  /** The spans of the alternate names, in order. */
  altNameSpans: Span[];
  /** The whole party entry. */
  span: Span;
}

/** A foreign-made item's U.S.-origin controlled content (de minimis, 15 CFR 734.4). */
export interface UsContent {
  /** Its value as a percentage of the foreign-made item's value (0 to 100). */
  percent: number;
  /** ECCNs (or EAR99) of the U.S.-origin content. */
  eccns: string[];
}

/** What a check is asked about: an ECCN, an HS code, a product, or several together. */
export interface ItemInput {
  eccn?: string;
  hs?: string;
  /** CAS registry number, for chemicals ("7664-39-3"). */
  cas?: string;
  /** Value of one unit in USD (wholesale, for the luxury goods list). */
  unitValue?: number;
  /** The shipment's value in USD: the net value of the order's items under this ECCN (LVS, 740.3(c)(2)). */
  value?: number;
  /** The currency of the amounts: only USD is accepted (absent means USD). */
  currency?: string;
  /** Foreign-made items: the U.S.-origin controlled content, for de minimis (734.4). Implies origin foreign. */
  usContent?: UsContent;
  product?: string;
  origin?: Origin;
  directProductOf?: string[];
}

export interface RuleTest {
  ruleset: string;
  name: string;
  item: ItemInput;
  destination: string;
  date?: string;
  expect: Decision;
  decidedBy: string[];
  /** A party id of the workspace, or a name to screen. */
  party?: string;
  /** The licence exceptions that must be available (exactly that set), when given. */
  expectExceptions?: string[];
  /** The de minimis outcome expected for a foreign-made item with U.S. content. */
  expectDeMinimis?: 'not-subject-to-ear' | 'subject-to-ear' | 'needs-facts';
  pointer: string;
  location: SourceLocation;
  span: Span;
}

/** One rule file, typed. Tolerant: entries that do not validate are left out. */
export interface RuleSet {
  uri: string;
  id?: string;
  title?: string;
  jurisdiction?: string;
  effective?: string;
  expires?: string;
  asOf?: string;
  regimes: Regime[];
  products: Product[];
  /** The file's `parties:` (absent in rule sets made by hand before parties existed). */
  parties?: Party[];
  rules: Rule[];
  tests: RuleTest[];
}
