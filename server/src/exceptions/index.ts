// Licence exceptions (part 740) and de minimis (734.4): the functions the engine, the CLI and the
// language features call. Pure: data in, answers out; the shipped data and catalog load lazily.
import { getCatalog } from '../catalog/catalog';
import type { Catalog } from '../catalog/types';
import { getExceptionsData, type ExceptionsData, type LineEncoding } from './data';
import { deMinimis } from './deMinimis';
import { decidable, ExceptionEvaluation } from './evaluate';
import { usd } from './match';
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
  /** LVS: the dollar limits the line sets, per paragraph ("$5,000; none for 2B007.b, .c"). */
  limits?: string;
}

/** A licence exception of part 740, for completion and hover of `exceptions:`. */
export interface ExceptionSymbol {
  symbol: string; // "LVS"
  section: string; // "740.3"
  title: string;
  /** Decided from the data (LVS, GBS, TSR, SPP); the others a person confirms. */
  decided: boolean;
  /** How the evaluation treats it, when the data says. */
  note?: string;
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
  /** The exceptions of part 740, in part 740 order. */
  symbols(): ExceptionSymbol[];
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
      const code = eccn.trim().toUpperCase().split('.')[0];
      const out: EccnExceptionLine[] = Object.entries(entry.lines).map(([symbol, enc]: [string, LineEncoding]) => {
        const line: EccnExceptionLine = { symbol, text: enc.text };
        if (enc.reading) line.reading = enc.reading;
        const limits = symbol === 'LVS' ? lvsLimits(code, enc) : undefined;
        if (limits) line.limits = limits;
        return line;
      });
      if (entry.sta) out.push({ symbol: 'STA', text: entry.sta });
      return out;
    },
    symbols: () =>
      data.symbols.map((x) => ({ symbol: x.symbol, section: x.section, title: x.title, decided: decidable(x), ...(x.note ? { note: x.note } : {}) })),
    dataAsOf: data.dataAsOf,
  };
}

/** "$5,000; none for 2B007.b, 2B007.c": the limits an encoded LVS line sets (undefined when not encoded). */
function lvsLimits(code: string, enc: LineEncoding): string | undefined {
  if (enc.unencoded || enc.incomplete) return undefined;
  const parts: string[] = [];
  const amount = (n: number | null | undefined | boolean) => (typeof n === 'number' ? usd(n) : 'none');
  const clauses = enc.clauses ?? [];
  for (const c of clauses) {
    const where = c.for.map((p) => `${code}.${p}`).join(', ');
    parts.push(`${amount(c.limit)} for ${where}${c.higher ? ` (${usd(c.higher.limit)} if ${c.higher.when})` : ''}`);
  }
  parts.push(clauses.length ? `${amount(enc.default)} for the rest of ${code}` : amount(enc.default));
  return parts.join('; ');
}

let shared: ExceptionEvaluator | undefined;

/** The evaluator over the shipped catalog and data, made on first call. */
export function getExceptionEvaluator(): ExceptionEvaluator {
  shared ??= createExceptionEvaluator(getCatalog());
  return shared;
}
