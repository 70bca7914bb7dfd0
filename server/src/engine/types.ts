// What the engine answers: a Determination with its trace. Shapes follow the `check --json`
// contract (docs/cli-and-protocol.md); the CLI adds `file` (relative) and `sources`.
import type { DeMinimisResult, ExceptionResult } from '../exceptions';
import type { Decision, ItemInput, Origin, PartyRole, Range, UsContent } from '../model/types';
import type { ItemCoverage, ListCode, MatchWhy, PartyEffect } from '../screening/types';

/**
 * How much of the licence-exception evaluation a caller needs: `all` (a check shown to a
 * person), `decidable` (only LVS, GBS, TSR, SPP, the exceptions the data can find available:
 * the matrix, batch summaries, diff), `none`.
 */
export type ExceptionMode = 'all' | 'decidable' | 'none';

/** A restricted-party screening hit: the list a party of the transaction is on (issue 13 fills these). */
export interface PartyHit {
  /** entity-list, unverified-list, meu, dpl, sdn, or the list's own name. */
  list: string;
  name: string;
}

export interface CheckRequest {
  item: ItemInput;
  /** Country or region code (RU, UA-43); names are resolved by the caller through the catalog. */
  destination: string;
  /** yyyy-mm-dd; default today. */
  date?: string;
  /** Default `all`. */
  exceptions?: ExceptionMode;
  /**
   * The parties' screening hits, for the licence exceptions (an Entity List party bars them all).
   * Absent: no party was screened, and the answer says so.
   */
  partyHits?: PartyHit[];
  /**
   * The party of the transaction: a party id of the workspace's `parties:`, or a name to screen
   * (with its country when known). The engine screens it against its screening list (clearances
   * of a workspace party honoured) and the answer gets `screening`. Absent: no party was screened.
   */
  party?: CheckParty;
}

/** The party a check is about (`--party`, Check Item's party, a test's `party:`). */
export interface CheckParty {
  /** A party id of the workspace's `parties:`, or a free-text name. */
  party: string;
  /** ISO 3166-1 alpha-2 of the party's address; for a workspace party it overrides the party's own. */
  country?: string;
}

/** The party as the check understood it. */
export interface ScreenedParty {
  /** As given. */
  input: string;
  /** Set when the input named a party of the workspace: its id, rule set, role. */
  id?: string;
  ruleset?: string;
  role?: PartyRole;
  /** The names screened: the party's name and alternate names, or the input. */
  names: string[];
  country?: string;
}

/**
 * What one hit does to this answer.
 *  - `applies`: the list's requirement reaches the item: `decision` joins the rules' decisions
 *    (the most restrictive wins); `deciding` when it is (one of) the decision's source(s).
 *  - `conditional`: it may reach the item (an MEU item "limited to" part of its ECCN, an Entity
 *    List entry for EAR99 items of supplement no. 7 to part 746): counted as applying, the answer
 *    is conditional on it (`dependsOn` gets a `party` condition).
 *  - `conditions`: Unverified List: no decision of its own, but no licence exceptions and a UVL statement.
 *  - `not-applicable`: the list's requirement does not reach this item (an item not in supplement
 *    no. 2 to part 744 for an MEU party; an item not subject to the EAR), with why.
 *  - `review`: a possible match (below the threshold): a person decides; it changes nothing.
 *  - `cleared`: recorded as a false positive in the rule files, and the entry is unchanged.
 */
type PartyOutcomeKind = 'applies' | 'conditional' | 'conditions' | 'not-applicable' | 'review' | 'cleared';

export interface PartyOutcome {
  kind: PartyOutcomeKind;
  /** For `applies` and `conditional`: the decision the hit asks for. Sanctions hits are `prohibited` (blocked until cleared). */
  decision?: Decision;
  deciding: boolean;
  /** The section that says so ("15 CFR 744.16", "15 CFR 744.21(b)(1)(ii) ..."). */
  citation: string;
  /** Who administers it when not BIS ("Treasury (OFAC)", "State"). */
  authority?: string;
  /** One line for the trace: the list, the entry, what it means for this item. */
  text: string;
}

/** A hit of the party, in the JSON shape of `screen --json`, with what it means here. */
export interface PartyScreeningHit {
  /** The list's own id or entity number. */
  id: string;
  /** The entry as listed. */
  name: string;
  /** The entry's name or alternate name that matched. */
  matchedName: string;
  list: ListCode;
  score: number;
  status: 'match' | 'possible';
  why: MatchWhy;
  /** Which of the party's names hit. */
  screenedName: string;
  /** What the list means for a shipment (screening/effects.ts `partyEffect`). */
  effect: PartyEffect;
  /** Whether the list's requirement reaches this item (Entity List scope, supplement no. 2 to part 744). */
  coverage: ItemCoverage;
  outcome: PartyOutcome;
  /** A clearance of this hit in the rule files: holding (`cleared`), or no longer (`changed`, the hit alerts again). */
  clearance?: { state: 'cleared' | 'changed'; by?: string; date?: string; reason?: string; listVersion?: string; why?: string };
}

/** The screening part of an answer (present when the check named a party). */
export interface PartyScreening {
  party: ScreenedParty;
  /** The list file, its date and the lists it holds (searched). */
  list: { file: string; date: string; lists: ListCode[] };
  /** The score from which a hit is a match; possible matches from a little below. */
  threshold: number;
  /** Best hit per list entry, strongest first; cleared ones included (marked). */
  hits: PartyScreeningHit[];
  /** `clear`: no hit; `listed`: a match that is not cleared; `possible`: only possible matches; `cleared`: every hit cleared. */
  result: 'clear' | 'listed' | 'possible' | 'cleared';
  /** What a reader must know about the screening (a name cut, an unknown country code ...). */
  notes: string[];
}

export interface ResolvedItem {
  eccn: string; // "EAR99" when none was given; with its paragraph ("3A001.b.2")
  hs?: string;
  cas?: string;
  unitValue?: number; // USD per unit
  value?: number; // USD, the shipment
  usContent?: UsContent;
  product?: string;
  name?: string; // the product's name
  origin: Origin;
  directProductOf: string[];
}

/**
 * What a rule that applies only in part depends on: the item's paragraph (an item named by its
 * heading), a fact the check was not given (HS code, CAS number, unit value), or a condition in
 * words that the rule or the ECCN's control states.
 */
export interface MatchCondition {
  /** `party`: a rule that selects by party, in a check without one (or a possible match), or a party hit that may reach the item. */
  kind: 'paragraph' | 'hs' | 'cas' | 'unit-value' | 'control' | 'rule' | 'party';
  /** Plain words: "applies to 3A001.b.2 or 3A001.b.3 of 3A001 only". */
  text: string;
  /** For paragraph conditions: the paragraphs the rule applies to. */
  paragraphs?: string[];
}

/** What a check compared and what it left out, so that no answer is silent. */
export interface CheckScope {
  /** The item's controls, each with where it applies: "NS2 (entire entry)", "NS1 (3A001.b.2, 3A001.b.3)". */
  controls: string[];
  /** The destination's Country Chart columns with an X, Country Groups and embargo programmes. */
  chartColumns: string[];
  countryGroups: string[];
  embargoes: string[];
  /** The rulesets whose rules were compared. */
  ruleSets: string[];
  /** Lists searched (restricted-party screening), when parties were given. */
  lists: string[];
}

export interface MatchedRule {
  ruleset: string;
  rule: string;
  title?: string;
  decision: Decision;
  /** True for the rules whose decision is the determination's decision. */
  deciding: boolean;
  citation?: string;
  review?: string;
  /** The licence exceptions the rule's `exceptions:` names (what its author expects; the Determination's `exceptions` evaluates them). */
  exceptions: string[];
  /** Reasons for control and chart columns the rule stands for (matched `reason` selectors and the rule's `reasonForControl`). */
  reasons?: string[];
  /** Who administers the requirement when not BIS ("OFAC (31 CFR part 560)"). */
  authority?: string;
  /** Present when the rule applies only in part: what it depends on. */
  conditions?: MatchCondition[];
  uri: string;
  range: Range;
  line: number; // 1-based, of the rule id
}

export interface Determination {
  decision: Decision;
  item: ResolvedItem;
  destination: { code: string; name: string };
  date: string;
  matched: MatchedRule[]; // deciding rules first
  /**
   * For a license-required answer, the licence exceptions of part 740 the entry and the
   * destination could allow, each available, not available (why) or needing facts; [] otherwise.
   * A separate part of the answer: the decision stays license-required.
   */
  exceptions: ExceptionResult[];
  /** What the exception evaluation did not check (parties, end uses), and what else to know. */
  exceptionNotes: string[];
  /** For a foreign-made item with U.S. content: de minimis (734.4), with the calculation. */
  deMinimis?: DeMinimisResult;
  /**
   * Present when de minimis was worked out. False: the item is not subject to the EAR (de minimis,
   * and no foreign direct product rule applies); the EAR's rules were set aside and `decision` is
   * what the remaining rules (company policies, other jurisdictions) decide.
   */
  subjectToEar?: boolean;
  noRuleApplied: boolean;
  note?: string;
  /**
   * True when the decision rests only on rules that apply in part (the item's paragraph, a fact
   * not given, a condition in words): the answer is the most restrictive the item could get.
   */
  conditional?: boolean;
  /** When conditional: what the deciding rules depend on, and the decision without them. */
  dependsOn?: MatchCondition[];
  unconditionalDecision?: Decision;
  /** When conditional on paragraphs: the item's paragraphs that drive the decision. */
  paragraphs?: string[];
  /** What was compared. */
  checked: CheckScope;
  /** What the answer does not cover, in plain words. */
  notChecked: string[];
  /** For a no-license-required answer: each control of the item and why it does not apply here. */
  notApplied?: string[];
  /** Things to know about the question itself (a date after the data's as-of date ...). */
  warnings: string[];
  /**
   * Present when the check named a party: its screening (list, date, threshold, hits) and what
   * each hit does to the decision. A hit that applies joins the rules (the most restrictive
   * wins) and its `outcome` is the trace entry: Entity List and MEU license-required, Denied
   * Persons and OFAC/State lists prohibited (blocked until cleared). Absent: no party was
   * screened, and `notChecked` says so.
   */
  screening?: PartyScreening;
  dataAsOf: string;
  notice: string;
}

/**
 * The short answer (`Engine.brief`): what the decision matrix and `check --batch` show, taken
 * from the same decision as `check` without building the rest of the Determination.
 */
export interface BriefDetermination {
  decision: Decision;
  /** The deciding rules, as ruleset/rule, in the order `check` lists them. */
  rules: string[];
  /** As `Determination.conditional`. */
  conditional?: true;
  /** The licence exceptions available (status "available"), in `check`'s order; [] unless license-required. */
  exceptions: string[];
  /** As `Determination.subjectToEar`: present when de minimis was worked out. */
  subjectToEar?: boolean;
  destination: string; // the code
  date: string;
  /** As `Determination.screening`. */
  screening?: PartyScreening;
}

/** What an answer comes to for a reader: the decision, or "not subject to the EAR" when de minimis took the item outside it and no rule outside the EAR requires more. */
export type Outcome = Decision | 'not-subject-to-ear';

export function outcomeOf(d: Pick<Determination, 'decision' | 'subjectToEar'>): Outcome {
  return d.subjectToEar === false && d.decision === 'no-license-required' ? 'not-subject-to-ear' : d.decision;
}

export interface RuleTestResult {
  ruleset: string;
  name: string;
  uri: string;
  range: Range;
  line: number;
  passed: boolean;
  expected: Decision;
  /** Undefined when the test could not be run (unknown product, ECCN or destination). */
  actual?: Determination;
  message: string; // plain words: why it failed, or "passed"
}

/** A bad check input: unknown ECCN format, unknown country, unknown product. */
export class CheckInputError extends Error {
  constructor(
    message: string,
    readonly field: 'eccn' | 'destination' | 'product' | 'hs' | 'cas' | 'unitValue' | 'value' | 'currency' | 'usContent' | 'date' | 'item' | 'party',
    readonly suggestions: string[],
  ) {
    super(message);
    this.name = 'CheckInputError';
  }
}
