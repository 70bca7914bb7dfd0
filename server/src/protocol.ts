// Custom requests between the client and the server, beyond standard LSP: each a typed
// RequestType (method, parameters, result, error data) that both sides import, so a request
// and its answer are defined once and a change to either fails the other side's type check.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Determination, RuleTestResult } from './engine/types';
import type { DecisionMatrix } from './impact/matrix';
import type { WhatChangedResult } from './impact/compare';
import type { ItemInput, PartyRole, Range } from './model/types';

export type { DecisionMatrix, WhatChangedResult };

export type StarterPackSetting = 'auto' | 'always' | 'off';

/** What the client tells the server at start (`initialize`'s `initializationOptions`). */
export interface InitializationOptions {
  /** Largest rule file, in bytes (`exportRules.maxFileSize`). */
  maxFileSize?: number;
  /** `exportRules.starterPack`. */
  starterPack?: StarterPackSetting;
  /**
   * Rule files beyond `*.ecr.yaml`/`*.ecr.yml` (file URIs): the files of the
   * `exportRules.files` globs, which the client matches (VS Code's glob dialect); the server
   * reads those inside the workspace folders.
   */
  extraFiles?: string[];
  /**
   * The client sends only rule documents (its document selector and file watchers are made
   * of the same globs), so every document it opens or watches is a rule file. Without it the
   * server takes `*.ecr.yaml`, `*.ecr.yml` and the `extraFiles`.
   */
  clientSelectsFiles?: boolean;
  /** `exportRules.screeningList`: a consolidated.json or .csv from trade.gov; empty: the embedded CSL snapshot. */
  screeningList?: string;
  /** `exportRules.screeningThreshold`: the score from which a hit is a match (0-1). */
  screeningThreshold?: number;
}

export interface CheckItemParams {
  item: ItemInput;
  destination: string; // code or name
  date?: string;
  /** A party id of the workspace's `parties:`, or a name to screen; the answer then has `screening`. */
  party?: string;
  /** The party's country (ISO 3166-1 alpha-2), for a name; overrides a workspace party's own. */
  partyCountry?: string;
}
/** The `check --json` object plus `sources`; every matched rule keeps `uri` and `range`; `screening` when a party was given. */
export type CheckItemResult = Determination & { sources: string[] };
/** With an invalid-params error: the field at fault and the nearest valid values. */
export interface CheckItemErrorData {
  field: string;
  suggestions: string[];
}
export const CheckItemRequest = new RequestType<CheckItemParams, CheckItemResult, CheckItemErrorData | undefined>('exportRules/checkItem');

export interface ListedProduct {
  sku: string;
  name?: string;
  eccn?: string;
  hs?: string;
  ruleset: string;
  uri: string;
  range: Range;
}
/** A party of the rule files (`parties:`), for Check Item's party pick. */
export interface ListedParty {
  id: string;
  name?: string;
  /** ISO 3166-1 alpha-2 of its address. */
  country?: string;
  role?: PartyRole;
  ruleset: string;
  uri: string;
  range: Range;
}
export interface ListItemsResult {
  products: ListedProduct[];
  /** The workspace's parties, in file order. */
  parties: ListedParty[];
  eccns: { code: string; title: string }[];
  destinations: { code: string; name: string; embargoed: boolean; parent?: string }[];
  dataAsOf: string;
  /** True when the workspace has no rule files and the bundled starter pack answers. */
  usingStarterPack: boolean;
}
export type ListItemsParams = Record<string, never>;
export const ListItemsRequest = new RequestType<ListItemsParams, ListItemsResult, void>('exportRules/listItems');

export interface RunTestsParams {
  uri?: string; // one file; all files when absent
}
export type RunTestsResult = RuleTestResult[];
export const RunTestsRequest = new RequestType<RunTestsParams, RunTestsResult, void>('exportRules/runTests');

export interface DocumentInfoParams {
  uri: string;
}
export interface DocumentInfoResult {
  ruleset?: string;
  title?: string;
  rules: number;
  tests: number;
}
export const DocumentInfoRequest = new RequestType<DocumentInfoParams, DocumentInfoResult, void>('exportRules/documentInfo');

/** Sent by the server when rule files changed (`uri`: the file edited), so views refresh. */
export interface RulesChangedParams {
  uri?: string;
}
export const RulesChangedNotification = new NotificationType<RulesChangedParams>('exportRules/rulesChanged');

export interface DecisionMatrixParams {
  /** yyyy-mm-dd; today in the server's time zone when absent. */
  date?: string;
  /** ECCNs to use as rows when the workspace has no products (default: one per category). */
  eccns?: string[];
}
export const DecisionMatrixRequest = new RequestType<DecisionMatrixParams, DecisionMatrix, void>('exportRules/decisionMatrix');

export interface WhatChangedParams {
  /** A git revision (default HEAD) of the first workspace folder. */
  base?: string;
  /** yyyy-mm-dd; today in the server's time zone when absent. */
  date?: string;
}
export const WhatChangedRequest = new RequestType<WhatChangedParams, WhatChangedResult, void>('exportRules/whatChanged');
