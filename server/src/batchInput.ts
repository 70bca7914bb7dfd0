// The input of `export-rules check --batch`: one request per line, as CSV
// (`item,destination[,date]`, fields quoted the CSV way: `"product:A,B",RU`,
// `5A992,"Virgin Islands, British"`) or as a JSON object. Lines are read as a stream, a chunk
// at a time as the checks ask (constant memory); the CSV fields are read by csv-parse, a block of
// lines at a time (one call per 64 lines: fast, and small enough that a block's strings and
// requests die young instead of growing the heap), and line by line when a block holds broken
// quoting, so that a stray quote costs its own line an error and never swallows the lines after it.
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse/sync';
import { CheckInputError, type CheckParty } from './engine/types';
import { whyNotADate } from './model/dates';
import type { ItemInput } from './model/types';

export const MAX_BATCH_LINE = 65_536;
const BLOCK = 64;

interface BatchRequest {
  item: ItemInput;
  destination: string;
  date?: string;
  /** The party, screened with the check: a party id of the rule files or a name. */
  party?: CheckParty;
}

/** One input line with a request, or the reason it has none. */
export type BatchLine = { line: number; request: BatchRequest } | { line: number; error: string };

// quotes only count at the start of a field (RFC 4180); elsewhere they are text
const CSV = { relax_column_count: true, relax_quotes: true, record_delimiter: '\n', skip_empty_lines: false } as const;

/**
 * Every line of the input that asks something, in order: comment (`#`) and blank lines and a
 * first line `item,...` (a header) are passed over, every other line gives a request or an error.
 */
export async function* readBatch(input: NodeJS.ReadableStream): AsyncGenerator<BatchLine> {
  let n = 0;
  let block: { line: number; text: string }[] = [];
  for await (const raw of inputLines(input)) {
    n++;
    if (raw === undefined) {
      yield* parseBlock(block);
      block = [];
      yield { line: n, error: `line longer than ${MAX_BATCH_LINE} characters` };
      continue;
    }
    const text = raw.trim();
    if (!text || text.startsWith('#') || (n === 1 && /^item\s*,/i.test(text))) continue;
    block.push({ line: n, text });
    if (block.length >= BLOCK) {
      yield* parseBlock(block);
      block = [];
    }
  }
  yield* parseBlock(block);
}

/**
 * The input's lines (`\n` or `\r\n`), read a chunk at a time as the consumer asks, so reading
 * waits for the checks (readline's iterator reads ahead); a line longer than MAX_BATCH_LINE is
 * `undefined`, and is not kept while it is read.
 */
async function* inputLines(input: NodeJS.ReadableStream): AsyncGenerator<string | undefined> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let overlong = false;
  const line = (text: string): string | undefined => (overlong || text.length > MAX_BATCH_LINE ? undefined : text.endsWith('\r') ? text.slice(0, -1) : text);
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      yield line(text.slice(start, nl));
      overlong = false;
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_BATCH_LINE) {
      overlong = true;
      rest = '';
    }
  }
  rest += decoder.end();
  if (rest || overlong) yield line(rest);
}

function* parseBlock(block: { line: number; text: string }[]): Generator<BatchLine> {
  if (block.length === 0) return;
  // JSON lines stand aside (an empty CSV line holds their place)
  const csvText = `${block.map((l) => (l.text.startsWith('{') ? '' : l.text)).join('\n')}\n`;
  let records: string[][] | undefined;
  try {
    records = parse(csvText, CSV) as string[][];
    if (records.length !== block.length) records = undefined;
  } catch {
    records = undefined; // some line's quoting is broken: read the block line by line
  }
  for (let i = 0; i < block.length; i++) {
    const { line, text } = block[i];
    try {
      yield { line, request: text.startsWith('{') ? fromJson(text) : fromFields(records ? records[i] : csvLine(text)) };
    } catch (err) {
      yield { line, error: err instanceof Error ? err.message : String(err) };
    }
  }
}

function csvLine(text: string): string[] {
  try {
    return (parse(text, CSV) as string[][])[0] ?? [];
  } catch (err) {
    throw new CheckInputError(`not valid CSV: ${err instanceof Error ? err.message.replace(/ at line \d+.*$/s, '') : String(err)}`, 'item', []);
  }
}

/** `5A992,RU[,2024-01-01[,party]]`, `hs:8517.13,RU`, `product:FMC-200,CN,,acme-trading`. */
function fromFields(fields: string[]): BatchRequest {
  const [item, destination, date, party] = fields.map((f) => f.trim());
  if (fields.length < 2 || !item || !destination) throw new CheckInputError('expected item,destination[,date[,party]]', 'item', []);
  if (fields.length > 4) throw new CheckInputError('expected item,destination[,date[,party]]: quote a party name with commas ("ACME, Inc.")', 'item', []);
  return { item: itemFromText(item), destination, date: dateOf(date || undefined), ...(party ? { party: { party } } : {}) };
}

function fromJson(text: string): BatchRequest {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    throw new CheckInputError('not valid JSON', 'item', []);
  }
  const r = o as { item?: unknown; eccn?: unknown; hs?: unknown; product?: unknown; destination?: unknown; to?: unknown; date?: unknown; party?: unknown; partyCountry?: unknown };
  const item: ItemInput =
    typeof r.item === 'string' ? itemFromText(r.item) : r.item && typeof r.item === 'object' ? (r.item as ItemInput) : { eccn: str(r.eccn), hs: str(r.hs), product: str(r.product) };
  const destination = str(r.destination) ?? str(r.to);
  if (!destination) throw new CheckInputError('no destination', 'destination', []);
  if (r.party !== undefined && typeof r.party !== 'string') throw new CheckInputError('"party" must be a party id or a name', 'party', []);
  const party = str(r.party);
  const country = str(r.partyCountry);
  return { item: clean(item), destination, date: dateOf(str(r.date)), ...(party ? { party: { party, ...(country ? { country } : {}) } } : {}) };
}

function itemFromText(t: string): ItemInput {
  if (/^hs:/i.test(t)) return { hs: t.slice(3) };
  if (/^product:/i.test(t)) return { product: t.slice(8) };
  return { eccn: t };
}
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const clean = (i: ItemInput): ItemInput => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined)) as ItemInput;
function dateOf(d: string | undefined): string | undefined {
  const why = d === undefined ? undefined : whyNotADate(d);
  if (why) throw new CheckInputError(`bad date: ${why}`, 'date', []);
  return d;
}
