// What the engine answers: a Determination with its trace. Shapes follow the `check --json`
// contract (docs/cli-and-protocol.md); the CLI adds `file` (relative) and `sources`.
import type { Decision, ItemInput, Origin, Range } from '../model/types';

export interface CheckRequest {
  item: ItemInput;
  /** Country or region code (RU, UA-43); names are resolved by the caller through the catalog. */
  destination: string;
  /** yyyy-mm-dd; default today. */
  date?: string;
}

export interface ResolvedItem {
  eccn: string; // "EAR99" when none was given; with its paragraph ("3A001.b.2")
  hs?: string;
  cas?: string;
  unitValue?: number; // USD per unit
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
  kind: 'paragraph' | 'hs' | 'cas' | 'unit-value' | 'control' | 'rule';
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
  exceptions: string[]; // licence exceptions named by the deciding rules (shown, not applied)
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
  dataAsOf: string;
  notice: string;
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
    readonly field: 'eccn' | 'destination' | 'product' | 'hs' | 'cas' | 'unitValue' | 'date' | 'item',
    readonly suggestions: string[],
  ) {
    super(message);
    this.name = 'CheckInputError';
  }
}
