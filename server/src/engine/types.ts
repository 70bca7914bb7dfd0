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
  eccn: string; // "EAR99" when none was given
  hs?: string;
  product?: string;
  name?: string; // the product's name
  origin: Origin;
  directProductOf: string[];
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
    readonly field: 'eccn' | 'destination' | 'product' | 'hs' | 'date' | 'item',
    readonly suggestions: string[],
  ) {
    super(message);
    this.name = 'CheckInputError';
  }
}
