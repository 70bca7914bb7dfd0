// Custom requests between the client and the server, beyond standard LSP. The client imports
// these types only (no runtime code), so the wire shapes are defined once.
import type { Determination, RuleTestResult } from './engine/types';
import type { ItemInput, Range } from './model/types';

export const CheckItemRequest = 'exportRules/checkItem';
export interface CheckItemParams {
  item: ItemInput;
  destination: string; // code or name
  date?: string;
}
export interface MatchedRuleWithFile {
  file: string; // path relative to the workspace folder (or the uri when outside one)
}
/** The `check --json` object plus `sources`; every matched rule keeps `uri` and `range`. */
export type CheckItemResult = Determination & { sources: string[] };

export const ListItemsRequest = 'exportRules/listItems';
export interface ListedProduct {
  sku: string;
  name?: string;
  eccn?: string;
  hs?: string;
  ruleset: string;
  uri: string;
  range: Range;
}
export interface ListItemsResult {
  products: ListedProduct[];
  eccns: { code: string; title: string }[];
  destinations: { code: string; name: string; embargoed: boolean; parent?: string }[];
  dataAsOf: string;
  /** True when the workspace has no rule files and the bundled starter pack answers. */
  usingStarterPack: boolean;
}

export const RunTestsRequest = 'exportRules/runTests';
export interface RunTestsParams {
  uri?: string; // one file; all files when absent
}
export type RunTestsResult = RuleTestResult[];

export const DocumentInfoRequest = 'exportRules/documentInfo';
export interface DocumentInfoParams {
  uri: string;
}
export interface DocumentInfoResult {
  ruleset?: string;
  title?: string;
  rules: number;
  tests: number;
}

/** Sent by the server when rule files changed, so views (result panel, matrix, tests) refresh. */
export const RulesChangedNotification = 'exportRules/rulesChanged';

export const DecisionMatrixRequest = 'exportRules/decisionMatrix';
export interface DecisionMatrixParams {
  date?: string;
  /** ECCNs to use as rows when the workspace has no products (default: one per category). */
  eccns?: string[];
}

export const WhatChangedRequest = 'exportRules/whatChanged';
export interface WhatChangedParams {
  /** A git revision (default HEAD) of the first workspace folder. */
  base?: string;
  date?: string;
}
