// The embedded screening list: the CSL snapshot of data/reference with its names already
// tokenised (scripts/build-screening-list.ts writes data/screening/csl-snapshot.json), so that
// the index is ready at start in a fraction of a second. The build copies the file beside the
// server bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ListFileError, parseSnapshot } from './listFile';
import { prebuildNames, ScreeningIndex, type PrebuiltNames } from './nameIndex';
import type { ListEntry, ScreeningList, ScreeningListInfo } from './types';

/** The file in data/reference the snapshot is built from. */
export const SNAPSHOT_SOURCE = 'screening-list-2026-07-31.json';
const EMBEDDED_FILE = 'csl-snapshot.json';
/** Bumped when the snapshot's shape changes. */
const SNAPSHOT_FORMAT = 'export-rules/csl-snapshot/1';

// Strings repeated across rows are stored once (a table) and referred to by number.
const SHARED = ['source', 'licenseRequirement', 'licensePolicy', 'sourceListUrl'] as const;
type Shared = (typeof SHARED)[number];
type StoredEntry = Omit<ListEntry, Shared> & Partial<Record<Shared, number>>;

export interface EmbeddedSnapshot {
  format: string;
  builtFrom: string;
  info: ScreeningListInfo;
  tables: Record<Shared, string[]>;
  entries: StoredEntry[];
  names: PrebuiltNames;
}

/** Builds the embedded snapshot from the reference projection of consolidated.json. */
export function buildEmbeddedSnapshot(reference: Parameters<typeof parseSnapshot>[0]): EmbeddedSnapshot {
  const list = parseSnapshot(reference);
  const tables = Object.fromEntries(SHARED.map((k) => [k, [] as string[]])) as Record<Shared, string[]>;
  const entries = list.entries.map((e) => {
    const stored = { ...e } as unknown as StoredEntry;
    for (const k of SHARED) {
      const v = e[k];
      if (v === undefined) continue;
      let i = tables[k].indexOf(v);
      if (i < 0) i = tables[k].push(v) - 1;
      stored[k] = i;
    }
    return stored;
  });
  return {
    format: SNAPSHOT_FORMAT,
    builtFrom: `data/reference/${SNAPSHOT_SOURCE}`,
    info: list.info,
    tables,
    entries,
    names: prebuildNames(list.entries),
  };
}

/** The entries of a snapshot, with the shared strings put back. */
function snapshotEntries(s: EmbeddedSnapshot): ListEntry[] {
  return s.entries.map((stored) => {
    const e = { ...stored } as unknown as ListEntry;
    for (const k of SHARED) {
      const i = stored[k];
      if (i !== undefined) e[k] = s.tables[k][i];
    }
    return e;
  });
}

/** Where the embedded snapshot is: beside the bundle (dist/server) or in the repository. */
export function embeddedPath(): string | undefined {
  const candidates = [
    path.resolve(__dirname, EMBEDDED_FILE),
    path.resolve(__dirname, '../../../data/screening', EMBEDDED_FILE),
    path.resolve(__dirname, '../../data/screening', EMBEDDED_FILE),
  ];
  return candidates.find((p) => fs.existsSync(p));
}

export function readEmbeddedSnapshot(): EmbeddedSnapshot {
  const file = embeddedPath();
  if (!file) throw new ListFileError(EMBEDDED_FILE, 'the embedded screening list is missing from this installation (run npm run build)');
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as EmbeddedSnapshot;
  if (data.format !== SNAPSHOT_FORMAT)
    throw new ListFileError(EMBEDDED_FILE, `the embedded screening list has format ${data.format}, not ${SNAPSHOT_FORMAT} (run npm run screening:build)`);
  return data;
}

let embeddedIndex: ScreeningIndex | undefined;

/** The index of the embedded list, built once per process. */
export function embeddedScreeningIndex(): ScreeningIndex {
  if (!embeddedIndex) {
    const s = readEmbeddedSnapshot();
    const list: ScreeningList = { info: s.info, entries: snapshotEntries(s) };
    embeddedIndex = new ScreeningIndex(list, s.names);
  }
  return embeddedIndex;
}
