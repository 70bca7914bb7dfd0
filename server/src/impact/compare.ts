// The decision matrix and "what changed" of a set of rule sources: one function each, called
// by the command line (`matrix`, `diff`) and by the server (exportRules/decisionMatrix,
// exportRules/whatChanged), so the starter pack, the rule sources and the date are handled
// the same way in both and their answers cannot differ.
import type { Catalog } from '../catalog/types';
import type { RuleDocument } from '../model/document';
import { bundledStarterPack } from '../workspace/starterPack';
import { RuleWorkspace, type StarterPackMode } from '../workspace/workspace';
import { type DecisionChange, type DecisionMatrix, decisionMatrix, diffMatrices, matrixDestinations, matrixItems } from './matrix';

/**
 * The rules to answer from: the user's files, layered on the bundled starter pack as the mode
 * says (RuleWorkspace.setStarterPack: a ruleset with a pack file's id replaces that file;
 * `auto` leaves out the pack files of a jurisdiction the files have rules for; `off`: none).
 */
export function rulesWorkspace(docs: readonly RuleDocument[], mode: StarterPackMode, catalog: Catalog): RuleWorkspace {
  const ws = new RuleWorkspace(catalog);
  for (const d of docs) ws.adopt(d);
  if (mode !== 'off') ws.setStarterPack(bundledStarterPack, mode);
  return ws;
}

export interface ImpactOptions {
  starterPack: StarterPackMode;
  /** yyyy-mm-dd; the caller defaults it to the local today (model/dates.ts). */
  date: string;
  /** Rows when the rules have no products (default: one ECCN per CCL category). */
  eccns?: string[];
}

/** Every product (or ECCN) of the rules against about 200 destinations. */
export function matrixOf(docs: readonly RuleDocument[], opts: ImpactOptions, catalog: Catalog): DecisionMatrix {
  const ws = rulesWorkspace(docs, opts.starterPack, catalog);
  return decisionMatrix(ws.engine(), matrixItems(ws.products(), catalog, opts.eccns), matrixDestinations(catalog), opts.date, catalog);
}

/** The `exportRules/whatChanged` answer; `export-rules diff --format json` prints its `base`, `date` and `changes`. */
export interface WhatChangedResult {
  /** The git revision, or the paths, compared with. */
  base: string;
  date: string;
  changes: DecisionChange[];
  dataAsOf: string;
  notice: string;
}

/**
 * Every product and destination whose decision differs between two versions of the rules.
 * Both sides get the same starter-pack mode, so only the rule files' changes show, and the
 * same rows: the products of either version.
 */
export function whatChanged(before: readonly RuleDocument[], after: readonly RuleDocument[], base: string, opts: ImpactOptions, catalog: Catalog): WhatChangedResult {
  const wsBefore = rulesWorkspace(before, opts.starterPack, catalog);
  const wsAfter = rulesWorkspace(after, opts.starterPack, catalog);
  const items = matrixItems([...wsAfter.products(), ...wsBefore.products()], catalog, opts.eccns);
  const destinations = matrixDestinations(catalog);
  const changes = diffMatrices(
    decisionMatrix(wsBefore.engine(), items, destinations, opts.date, catalog),
    decisionMatrix(wsAfter.engine(), items, destinations, opts.date, catalog),
  );
  return { base, date: opts.date, changes, dataAsOf: catalog.data.dataAsOf, notice: catalog.data.notice };
}
