// Licence exceptions (part 740) and de minimis (734.4): the functions the engine, the CLI and the
// language features call. Pure: data in, answers out; the shipped data and catalog load lazily.
import { getCatalog } from '../catalog/catalog';
import type { Catalog } from '../catalog/types';
import { getExceptionsData, type ExceptionsData, type LineEncoding } from './data';
import { deMinimis } from './deMinimis';
import { ExceptionEvaluation } from './evaluate';
import { checkExceptionSymbols, type SymbolCheck } from './symbols';
import type { DeMinimisQuery, DeMinimisResult, ExceptionAnswer, ExceptionOptions, ExceptionQuery } from './types';

export type {
  DeMinimisOutcome,
  DeMinimisQuery,
  DeMinimisResult,
  ExceptionAnswer,
  ExceptionInput,
  ExceptionOptions,
  ExceptionQuery,
  ExceptionResult,
  ExceptionStatus,
  LicenceRequirement,
  ShipmentFacts,
  ShipmentField,
} from './types';
export { ShipmentInputError } from './types';
export { checkShipment } from './context';
export type { NamedException, SymbolCheck, UnknownSymbol } from './symbols';
export type { ExceptionsData } from './data';

/** One licence-exception line of an ECCN entry, for hover: the text and how it was read. */
export interface EccnExceptionLine {
  symbol: string; // "LVS", "NAC/ACA"
  text: string;
  reading?: string;
}

export interface ExceptionEvaluator {
  /** The licence exceptions for a license-required answer. Throws ShipmentInputError on bad input. */
  evaluate(query: ExceptionQuery, options?: ExceptionOptions): ExceptionAnswer;
  /** De minimis for a foreign-made item. Throws ShipmentInputError on bad input. */
  deMinimis(query: DeMinimisQuery): DeMinimisResult;
  /** The exceptions a rule's `exceptions:` list names, and the symbols that are not exceptions. */
  checkSymbols(symbols: readonly string[]): SymbolCheck;
  /** The entry's licence-exception lines (LVS, GBS, TSR, ENC ... and STA), verbatim. */
  lines(eccn: string): EccnExceptionLine[];
  readonly dataAsOf: string;
}

export function createExceptionEvaluator(catalog: Catalog, data: ExceptionsData = getExceptionsData()): ExceptionEvaluator {
  const evaluation = new ExceptionEvaluation(catalog, data);
  return {
    evaluate: (query, options) => evaluation.evaluate(query, options),
    deMinimis: (query) => deMinimis(catalog, data, query),
    checkSymbols: (symbols) => checkExceptionSymbols(symbols, data),
    lines(eccn) {
      const entry = data.eccns[eccn.trim().toUpperCase().split('.')[0]];
      if (!entry) return [];
      const out: EccnExceptionLine[] = Object.entries(entry.lines).map(([symbol, enc]: [string, LineEncoding]) => ({
        symbol,
        text: enc.text,
        ...(enc.reading ? { reading: enc.reading } : {}),
      }));
      if (entry.sta) out.push({ symbol: 'STA', text: entry.sta });
      return out;
    },
    dataAsOf: data.dataAsOf,
  };
}

let shared: ExceptionEvaluator | undefined;

/** The evaluator over the shipped catalog and data, made on first call. */
export function getExceptionEvaluator(): ExceptionEvaluator {
  shared ??= createExceptionEvaluator(getCatalog());
  return shared;
}
