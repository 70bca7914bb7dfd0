// `export-rules screen`: restricted-party screening from the command line (docs/cli-and-protocol.md).
//   screen --name NAME [--country CC] [--list FILE] [--threshold T] [--json] [--audit FILE]
//   screen --batch FILE|- [--list FILE] [--threshold T] [--audit FILE]
// Its options are in the command line's one table (cliOptions.ts); cli.ts parses them and
// dispatches here. Exit status: 0 no match, 1 at least one match (single name), 2 bad usage
// or an unreadable list file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { parse as parseCsv } from 'csv-parse/sync';
import { type ParsedArgs, UsageError } from '../cliOptions';
import { embeddedScreeningIndex } from './embedded';
import { partyEffect } from './effects';
import { ListFileError, loadListFile } from './listFile';
import { DEFAULT_THRESHOLD, POSSIBLE_MARGIN, screenName } from './match';
import { ScreeningIndex } from './nameIndex';
import type { ScreeningInput, ScreeningJson, ScreeningResult } from './types';

/** Longest batch line read; a longer one gets an error line. */
const MAX_SCREEN_LINE = 65_536;

export interface ScreenIo {
  out: (s: string) => boolean | void;
  err: (s: string) => void;
  cwd: string;
  stdin: NodeJS.ReadableStream;
  drained?: () => Promise<void>;
}

interface ScreenArgs {
  name?: string;
  country?: string;
  list?: string;
  threshold: number;
  json: boolean;
  batch?: string;
  audit?: string;
}

function screenArgs(a: ParsedArgs): ScreenArgs {
  const t = a.string('threshold');
  const threshold = t === undefined ? DEFAULT_THRESHOLD : parseThreshold(t);
  if (typeof threshold === 'string') throw new UsageError(threshold);
  const out: ScreenArgs = { threshold, json: a.flag('json') };
  for (const k of ['name', 'country', 'list', 'batch', 'audit'] as const) {
    const v = a.string(k);
    if (v !== undefined) out[k] = v;
  }
  if (out.name === undefined && out.batch === undefined) throw new UsageError('screen needs a name (--name "ACME Ltd") or a batch file (--batch names.csv)');
  if (out.name !== undefined && out.batch !== undefined) throw new UsageError('give --name or --batch, not both');
  if (out.name !== undefined && !out.name.trim()) throw new UsageError('--name is empty: give the name to screen');
  return out;
}

/** A --threshold value: the number, or the message saying what is wrong with it. */
export function parseThreshold(t: string): number | string {
  const threshold = Number(t);
  if (!/^\s*(0(\.\d+)?|1(\.0+)?|\.\d+)\s*$/.test(t) || !(threshold > 0) || threshold > 1) return `--threshold must be a number above 0 and at most 1, not "${t}"`;
  return threshold;
}

/** Runs `export-rules screen` with its parsed options; returns the exit status (bad usage throws UsageError). */
export async function screenCommand(parsed: ParsedArgs, io: ScreenIo): Promise<number> {
  const a = screenArgs(parsed);
  let index: ScreeningIndex;
  try {
    index = a.list ? new ScreeningIndex(loadListFile(path.resolve(io.cwd, a.list), a.list)) : embeddedScreeningIndex();
  } catch (err) {
    if (!(err instanceof ListFileError)) throw err;
    io.err(`export-rules: screening list ${err.message}\n`);
    return 2;
  }
  const audit = a.audit ? openAudit(path.resolve(io.cwd, a.audit), io) : undefined;
  if (a.audit && !audit) return 2;
  try {
    if (a.batch !== undefined) return await screenBatch(a, index, io, audit);
    const input: ScreeningInput = { name: a.name!, ...(a.country ? { country: a.country } : {}) };
    const result = screenName(index, input, { threshold: a.threshold });
    audit?.write(result);
    if (a.json) io.out(`${JSON.stringify(screeningJson(result))}\n`);
    else io.out(formatScreening(result, index));
    return result.hits.some((h) => h.status === 'match') ? 1 : 0;
  } finally {
    await audit?.close();
  }
}

/** The JSON of one screening (docs/cli-and-protocol.md): the hits without the full entries. */
function screeningJson(r: ScreeningResult): ScreeningJson {
  return {
    input: r.input,
    list: r.list,
    threshold: r.threshold,
    hits: r.hits.map((h) => ({ id: h.id, name: h.name, matchedName: h.matchedName, list: h.list, score: h.score, status: h.status, why: h.why })),
    ...(r.notes.length ? { notes: r.notes } : {}),
  };
}

/** The screening for people: hits with why and what they mean, then the list and its date. */
function formatScreening(r: ScreeningResult, index: ScreeningIndex): string {
  const lines: string[] = [];
  const country = r.input.country ? ` (${r.input.country})` : '';
  const matches = r.hits.filter((h) => h.status === 'match').length;
  lines.push(
    matches
      ? `MATCH: "${r.input.name}"${country} matches ${matches} list ${matches === 1 ? 'entry' : 'entries'}`
      : r.hits.length
        ? `POSSIBLE MATCH: "${r.input.name}"${country} is close to ${r.hits.length} list ${r.hits.length === 1 ? 'entry' : 'entries'}: review before shipping`
        : `NO MATCH: "${r.input.name}"${country}`,
  );
  for (const n of r.notes) lines.push(`  note: ${n}`);
  for (const h of r.hits) {
    lines.push(`  ${h.status === 'match' ? '*' : '?'} ${h.score.toFixed(3)} ${h.list} ${h.id}  ${h.name}`);
    lines.push(`      why: ${h.why.summary}`);
    lines.push(`      means: ${partyEffect(h).summary}`);
  }
  const info = index.list.info;
  lines.push(`Threshold ${r.threshold} (possible matches from ${(r.threshold - POSSIBLE_MARGIN).toFixed(2)}).`);
  lines.push(`List: ${info.file}, dated ${info.date}; lists searched: ${info.lists.map((l) => `${l.code} (${l.entries})`).join(', ')}.`);
  lines.push('Reference software, not legal advice: a person decides on every hit.');
  return `${lines.join('\n')}\n`;
}

interface Audit {
  write(r: ScreeningResult): void;
  close(): Promise<void>;
}

/** The audit file: one JSON line per screening, appended (input, list file and date, threshold, hits, time). */
function openAudit(file: string, io: ScreenIo): Audit | undefined {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, '');
  } catch (err) {
    io.err(`export-rules: cannot write the audit file ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
    return undefined;
  }
  const stream = fs.createWriteStream(file, { flags: 'a' });
  return {
    write(r) {
      stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...screeningJson(r) })}\n`);
    },
    close: () => new Promise((resolve) => stream.end(() => resolve())),
  };
}

/** One screening per line of the batch, one JSON line out per line in, in constant memory. */
async function screenBatch(a: ScreenArgs, index: ScreeningIndex, io: ScreenIo, audit: Audit | undefined): Promise<number> {
  const file = a.batch!;
  if (file !== '-' && !fs.existsSync(path.resolve(io.cwd, file))) {
    io.err(`export-rules: no such file: ${file}\n`);
    return 2;
  }
  const input = file === '-' ? io.stdin : fs.createReadStream(path.resolve(io.cwd, file), { encoding: 'utf8' });
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  let buffered: string[] = [];
  const flush = async () => {
    const full = buffered.length > 0 && io.out(buffered.join('')) === false;
    buffered = [];
    if (full && io.drained) await io.drained();
  };
  for await (const raw of rl) {
    n++;
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line || line.startsWith('#') || (n === 1 && /^"?name"?\s*(,|$)/i.test(line))) continue;
    let out: Record<string, unknown>;
    if (raw.length > MAX_SCREEN_LINE) out = { line: n, error: `line longer than ${MAX_SCREEN_LINE} characters` };
    else {
      try {
        const r = screenName(index, parseScreenLine(line), { threshold: a.threshold });
        audit?.write(r);
        out = { line: n, ...screeningJson(r) };
      } catch (err) {
        out = { line: n, error: err instanceof Error ? err.message : String(err) };
      }
    }
    buffered.push(`${JSON.stringify(out)}\n`);
    if (buffered.length >= 256) await flush();
  }
  await flush();
  return 0;
}

/**
 * A batch line: a JSON object `{"name": ..., "country": ...}`, or CSV `name[,country]`. A name
 * with a comma needs quotes in CSV ("ABU JHEISHEH, Mohammed",PS); when the second field is not
 * a country code, the whole line is the name.
 */
export function parseScreenLine(line: string): ScreeningInput {
  if (line.startsWith('{')) {
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      throw new Error('not valid JSON');
    }
    const r = o as { name?: unknown; country?: unknown };
    if (typeof r.name !== 'string' || !r.name.trim()) throw new Error('no "name"');
    return { name: r.name, ...(typeof r.country === 'string' && r.country.trim() ? { country: r.country.trim() } : {}) };
  }
  let cells: string[];
  try {
    cells = (parseCsv(line, { relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? [];
  } catch {
    cells = [line];
  }
  const [name, country, ...rest] = cells.map((c) => c.trim());
  if (!name) throw new Error('no name');
  if (country !== undefined && (rest.length > 0 || !/^[A-Za-z]{2}$/.test(country))) return { name: line };
  return { name, ...(country ? { country } : {}) };
}
