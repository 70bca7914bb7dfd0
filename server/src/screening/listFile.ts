// Screening lists: the embedded CSL snapshot, and the files a user downloads from trade.gov
// (consolidated.json, consolidated.csv) exactly as published. Columns are read by header name;
// missing and extra columns are accepted; multi-value CSV fields are joined with "; ". A file
// that cannot be a screening list (truncated, not UTF-8, too large, no name column, no rows)
// is a ListFileError with a sentence that says what is wrong: never an empty list.
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { hasDateShape, localToday } from '../model/dates';
import type { ListCode, ListEntry, ScreeningList, ScreeningListInfo } from './types';

/** Largest list file read. The published consolidated.json is about 30 MB, the CSV less. */
export const MAX_LIST_BYTES = 100 * 1024 * 1024;

export class ListFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

const CODES: [RegExp, ListCode][] = [
  [/\(EL\)|^EL$|entity list/i, 'EL'],
  [/\(MEU\)|^MEU$|military end.?user/i, 'MEU'],
  [/\(UVL\)|^UVL$|unverified list/i, 'UVL'],
  [/\(DPL\)|^DPL$|denied persons/i, 'DPL'],
  [/\(SSI\)|^SSI$|sectoral sanctions/i, 'SSI'],
  [/\(FSE\)|^FSE$|foreign sanctions evaders/i, 'FSE'],
  [/\(CMIC\)|^CMIC$|military-industrial complex/i, 'CMIC'],
  [/\(NS-MBS|^N?S?-?MBS$|menu-based/i, 'MBS'],
  [/\(PLC\)|^PLC$|palestinian legislative/i, 'PLC'],
  [/\(CAP\)|^CAP$|capta/i, 'CAP'],
  [/\(DTC\)|^DTC$|itar debarred|aeca debarred/i, 'DTC'],
  [/\(ISN\)|^ISN$|nonproliferation sanctions/i, 'ISN'],
  [/\(SDN\)|^SDN$|specially designated nationals/i, 'SDN'],
];

const codeCache = new Map<string, ListCode>();

/** The list code of a CSL `source` ("Entity List (EL) - Bureau of Industry and Security" is EL). */
export function listCodeOf(source: string): ListCode {
  let code = codeCache.get(source);
  if (code === undefined) {
    code = CODES.find(([re]) => re.test(source.trim()))?.[1] ?? 'OTHER';
    if (codeCache.size < 1000) codeCache.set(source, code);
  }
  return code;
}

// Country names the CSL writes where an ISO code belongs.
const COUNTRY_FIXES: Record<string, string> = {
  TURKIYE: 'TR',
  PRC: 'CN',
  MACAU: 'MO',
  'MAN, ISLE OF': 'IM',
  'CRIMEA (OCCUPIED)': 'UA',
  'REGION: RUSSIA': 'RU',
  'REGION: CHINA': 'CN',
  'REGION: IRAN': 'IR',
  'REGION: WEST BANK': 'PS',
  'REGION: NORTHERN GAZA': 'PS',
  'REGION: NORTH GAZA': 'PS',
};

/** ISO 3166-1 alpha-2 of a listed country, or undefined for regions the list names only in words. */
function listedCountry(raw: string): string | undefined {
  const c = raw.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(c)) return c;
  return COUNTRY_FIXES[c];
}

// ---------------------------------------------------------------------------------------------
// The reference snapshot (data/reference/screening-list-*.json): a projection of consolidated.json
// with interned tables; embedded.ts builds the list the server ships from it.

interface SnapshotRow {
  n: string;
  a?: string[];
  s: number;
  t?: string;
  c?: string[];
  e?: string;
  lr?: number;
  lp?: number;
  pg?: number;
  fr?: string;
  u?: number;
}

export interface Snapshot {
  sourceGeneratedAt?: string;
  source?: { url?: string };
  tables: {
    sources: string[];
    licenceRequirements: string[];
    licencePolicies: string[];
    programmes: string[];
    urls: string[];
  };
  entries: SnapshotRow[];
}

export function parseSnapshot(data: Snapshot): ScreeningList {
  const t = data.tables;
  const date = (data.sourceGeneratedAt ?? '').slice(0, 10);
  const entries: ListEntry[] = data.entries.map((r) => {
    const source = t.sources[r.s] ?? '';
    const list = listCodeOf(source);
    const countries = uniq((r.c ?? []).map(listedCountry).filter((c): c is string => !!c));
    const e: ListEntry = {
      id: r.e ?? '',
      idSource: r.e ? 'entity-number' : 'derived',
      list,
      source,
      name: r.n.trim(),
      altNames: (r.a ?? []).map((a) => a.trim()).filter(Boolean),
      countries,
      programs: r.pg === undefined ? [] : splitMulti(t.programmes[r.pg] ?? ''),
    };
    if (r.t) e.type = r.t;
    if (r.e) e.entityNumber = r.e;
    if (r.lr !== undefined) e.licenseRequirement = t.licenceRequirements[r.lr];
    if (r.lp !== undefined) e.licensePolicy = t.licencePolicies[r.lp];
    if (r.fr) e.federalRegisterNotice = r.fr;
    if (r.u !== undefined) e.sourceListUrl = t.urls[r.u];
    return e;
  });
  deriveIds(entries);
  const info: ScreeningListInfo = {
    file: `embedded CSL snapshot (consolidated.json of ${date})`,
    date,
    dateBasis: 'snapshot',
    format: 'embedded',
    embedded: true,
    lists: listCounts(entries),
    entries: entries.length,
    skipped: [],
  };
  return { info, entries };
}

// ---------------------------------------------------------------------------------------------
// Files downloaded from trade.gov.

/** Reads consolidated.json or consolidated.csv as published. */
export function loadListFile(file: string, displayName = file): ScreeningList {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ListFileError(displayName, 'no such file');
  }
  if (!stat.isFile()) throw new ListFileError(displayName, 'not a file');
  if (stat.size > MAX_LIST_BYTES) {
    throw new ListFileError(
      displayName,
      `the file is ${mb(stat.size)}, more than the ${mb(MAX_LIST_BYTES)} a screening list may have (the published consolidated.json is about 30 MB): is it the Consolidated Screening List?`,
    );
  }
  const buf = fs.readFileSync(file);
  return parseListFile(buf, displayName, localToday(stat.mtime));
}

/** Parses the bytes of a list file; `modified` (yyyy-mm-dd) dates a file that carries no date. */
export function parseListFile(buf: Buffer, file: string, modified: string): ScreeningList {
  if (buf.length > MAX_LIST_BYTES)
    throw new ListFileError(file, `the file is ${mb(buf.length)}, more than the ${mb(MAX_LIST_BYTES)} a screening list may have`);
  const text = decodeUtf8(buf, file);
  const body = text.trimStart();
  if (!body) throw new ListFileError(file, 'the file is empty');
  return body.startsWith('{') || body.startsWith('[') ? parseCslJson(body, file, modified) : parseCslCsv(text, file, modified);
}

function decodeUtf8(buf: Buffer, file: string): string {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new ListFileError(file, 'the file is UTF-16 text; save it as UTF-8 (the encoding trade.gov publishes)');
  }
  const at = isUtf8(buf) ? -1 : firstInvalidUtf8(buf);
  if (at >= 0) {
    throw new ListFileError(file, `the file is not UTF-8 text (byte ${at} is not valid UTF-8); use the file as downloaded from trade.gov, or save it as UTF-8`);
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= buf.length) return i;
    for (let k = 1; k <= n; k++) if ((buf[i + k] & 0xc0) !== 0x80) return i;
    // overlong three- and four-byte forms, surrogates, code points past U+10FFFF
    if ((b === 0xe0 && buf[i + 1] < 0xa0) || (b === 0xed && buf[i + 1] >= 0xa0) || (b === 0xf0 && buf[i + 1] < 0x90) || (b === 0xf4 && buf[i + 1] >= 0x90))
      return i;
    i += n + 1;
  }
  return -1;
}

interface SourceUsed {
  source?: unknown;
  source_last_updated?: unknown;
  last_imported?: unknown;
}

function parseCslJson(text: string, file: string, modified: string): ScreeningList {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const truncated = /end of (JSON )?input|Unterminated|Expected .* after/i.test(msg);
    throw new ListFileError(file, `${truncated ? 'the JSON ends early: the file looks truncated (download it again)' : 'the file is not valid JSON'} (${msg})`);
  }
  const obj = (Array.isArray(data) ? { results: data } : data) as {
    results?: unknown;
    sources_used?: unknown;
    search_performed_at?: unknown;
  };
  if (!obj || typeof obj !== 'object' || !Array.isArray(obj.results)) {
    throw new ListFileError(file, 'no "results" list: a consolidated.json from trade.gov has one (is this the Consolidated Screening List?)');
  }
  const skipped: { row: number; reason: string }[] = [];
  const entries: ListEntry[] = [];
  let named = 0;
  obj.results.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object') {
      skipped.push({ row: i + 1, reason: 'not an object' });
      return;
    }
    const r = raw as Record<string, unknown>;
    const name = str(r.name);
    if (r.name !== undefined) named++;
    if (!name) {
      skipped.push({ row: i + 1, reason: 'no name' });
      return;
    }
    const source = str(r.source) ?? '';
    const countries = uniq(
      arr(r.addresses)
        .map((a) => (a && typeof a === 'object' ? str((a as Record<string, unknown>).country) : typeof a === 'string' ? countryOfAddress(a) : undefined))
        .concat(arr(r.countries).map((c) => (typeof c === 'string' ? c : undefined)))
        .filter((c): c is string => !!c)
        .map(listedCountry)
        .filter((c): c is string => !!c),
    );
    entries.push(
      entryOf({
        id: str(r.id) ?? str(r._id),
        source,
        name,
        altNames: strings(r.alt_names),
        countries,
        type: str(r.type),
        entityNumber: scalar(r.entity_number),
        programs: strings(r.programs),
        licenseRequirement: str(r.license_requirement),
        licensePolicy: str(r.license_policy),
        federalRegisterNotice: str(r.federal_register_notice),
        startDate: str(r.start_date),
        sourceListUrl: str(r.source_list_url),
      }),
    );
  });
  if (obj.results.length > 0 && named === 0) throw new ListFileError(file, 'no entry has a "name": is this the Consolidated Screening List?');
  if (entries.length === 0) throw new ListFileError(file, obj.results.length ? 'no entry has a name' : 'the list has no entries');
  deriveIds(entries);
  const used = arr(obj.sources_used).filter((s): s is SourceUsed => !!s && typeof s === 'object');
  const updated = used.map((s) => dateOf(s.source_last_updated) ?? dateOf(s.last_imported)).filter((d): d is string => !!d);
  const performed = dateOf(obj.search_performed_at);
  const lists = listCounts(entries).map((l) => {
    const u = used.find((s) => str(s.source) === l.source);
    const lastUpdated = u ? (dateOf(u.source_last_updated) ?? dateOf(u.last_imported)) : undefined;
    return lastUpdated ? { ...l, lastUpdated } : l;
  });
  const info: ScreeningListInfo = {
    file,
    date: updated.length ? updated.sort().at(-1)! : (performed ?? modified),
    dateBasis: updated.length ? 'sources_used' : performed ? 'search_performed_at' : 'file-modified',
    format: 'csl-json',
    embedded: false,
    lists,
    entries: entries.length,
    skipped,
  };
  return { info, entries };
}

function parseCslCsv(text: string, file: string, modified: string): ScreeningList {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: false,
    }) as Record<string, string>[];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      const where = line ? ` (line ${line})` : '';
      if (err.code === 'CSV_QUOTE_NOT_CLOSED')
        throw new ListFileError(file, `a quoted field is not closed${where}: the file looks truncated (download it again)`);
      if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH')
        throw new ListFileError(file, `a row has a different number of fields than the header${where}: the file looks truncated or damaged`);
      throw new ListFileError(file, `the file is not valid CSV${where}: ${err.message}`);
    }
    throw err;
  }
  if (rows.length === 0) throw new ListFileError(file, 'the list has no rows under its header');
  const header = Object.keys(rows[0]);
  if (!header.includes('name')) {
    throw new ListFileError(
      file,
      `no "name" column (the columns are: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', ...' : ''}): is this the Consolidated Screening List?`,
    );
  }
  const skipped: { row: number; reason: string }[] = [];
  const entries: ListEntry[] = [];
  rows.forEach((r, i) => {
    const name = r.name?.trim();
    if (!name) {
      skipped.push({ row: i + 2, reason: 'no name' });
      return;
    }
    const countries = uniq(
      splitMulti(r.addresses ?? '')
        .map(countryOfAddress)
        .concat(splitMulti(r.country ?? r.countries ?? ''))
        .filter((c): c is string => !!c)
        .map(listedCountry)
        .filter((c): c is string => !!c),
    );
    entries.push(
      entryOf({
        id: nonEmpty(r._id) ?? nonEmpty(r.id),
        source: r.source?.trim() ?? '',
        name,
        altNames: splitMulti(r.alt_names ?? ''),
        countries,
        type: nonEmpty(r.type),
        entityNumber: nonEmpty(r.entity_number),
        programs: splitMulti(r.programs ?? ''),
        licenseRequirement: nonEmpty(r.license_requirement),
        licensePolicy: nonEmpty(r.license_policy),
        federalRegisterNotice: nonEmpty(r.federal_register_notice),
        startDate: nonEmpty(r.start_date),
        sourceListUrl: nonEmpty(r.source_list_url),
      }),
    );
  });
  if (entries.length === 0) throw new ListFileError(file, 'no row has a name');
  deriveIds(entries);
  const info: ScreeningListInfo = {
    file,
    date: modified,
    dateBasis: 'file-modified',
    format: 'csl-csv',
    embedded: false,
    lists: listCounts(entries),
    entries: entries.length,
    skipped,
  };
  return { info, entries };
}

interface RawEntry {
  id?: string;
  source: string;
  name: string;
  altNames: string[];
  countries: string[];
  type?: string;
  entityNumber?: string;
  programs: string[];
  licenseRequirement?: string;
  licensePolicy?: string;
  federalRegisterNotice?: string;
  startDate?: string;
  sourceListUrl?: string;
}

function entryOf(r: RawEntry): ListEntry {
  const e: ListEntry = {
    id: r.id ?? r.entityNumber ?? '',
    idSource: r.id ? 'list' : r.entityNumber ? 'entity-number' : 'derived',
    list: listCodeOf(r.source),
    source: r.source,
    name: r.name,
    altNames: r.altNames,
    countries: r.countries,
    programs: r.programs,
  };
  for (const k of ['type', 'entityNumber', 'licenseRequirement', 'licensePolicy', 'federalRegisterNotice', 'startDate', 'sourceListUrl'] as const) {
    const v = r[k];
    if (v) e[k] = v;
  }
  return e;
}

/**
 * Ids for rows the list gives none (the Entity List, DPL, UVL rows of the snapshot): the list
 * code and a hash of what identifies the row, so that the same row has the same id in every
 * run; a repeated row gets a suffix.
 */
function deriveIds(entries: ListEntry[]): void {
  const used = new Set<string>();
  for (const e of entries) {
    if (e.idSource !== 'derived') continue;
    const h = createHash('sha1')
      .update([e.list, e.name, e.countries.join(','), e.federalRegisterNotice ?? ''].join('|'))
      .digest('hex')
      .slice(0, 10);
    let id = `${e.list}-${h}`;
    for (let k = 2; used.has(id); k++) id = `${e.list}-${h}-${k}`;
    used.add(id);
    e.id = id;
  }
}

function listCounts(entries: ListEntry[]): ScreeningListInfo['lists'] {
  const m = new Map<string, { code: ListCode; source: string; entries: number }>();
  for (const e of entries) {
    const had = m.get(e.source);
    if (had) had.entries++;
    else m.set(e.source, { code: e.list, source: e.source, entries: 1 });
  }
  return [...m.values()].sort((a, b) => b.entries - a.entries);
}

/** The country of a CSL address written as text: its last comma-separated part ("..., Moscow, 119180, RU"). */
function countryOfAddress(address: string): string | undefined {
  const last = address.split(',').at(-1)?.trim().toUpperCase();
  return last && /^[A-Z]{2}$/.test(last) ? last : undefined;
}

/** A CSV multi-value field: values joined with "; ". */
function splitMulti(s: string): string[] {
  return s
    .split(/;\s*/)
    .map((x) => x.trim())
    .filter(Boolean);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
function scalar(v: unknown): string | undefined {
  return typeof v === 'number' ? String(v) : str(v);
}
function nonEmpty(v: string | undefined): string | undefined {
  return v && v.trim() ? v.trim() : undefined;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function strings(v: unknown): string[] {
  if (typeof v === 'string') return splitMulti(v);
  return arr(v)
    .map((x) => (typeof x === 'string' ? x.trim() : undefined))
    .filter((x): x is string => !!x);
}
function uniq<T>(a: T[]): T[] {
  return [...new Set(a)];
}
/** The date of an ISO date or timestamp ("2026-08-13T18:45:00+00:00" is 2026-08-13). */
function dateOf(v: unknown): string | undefined {
  return typeof v === 'string' && hasDateShape(v.slice(0, 10)) ? v.slice(0, 10) : undefined;
}
function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
