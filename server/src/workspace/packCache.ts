// The bundled starter pack, analysed once at build time (scripts/build.mjs writes
// dist/server/starter-pack.json): a server or CLI start reads the typed rule sets from it
// instead of parsing and validating every pack file again, which matters as the pack grows.
// Each entry carries the SHA-256 of the file it was made from; a file that differs (edited,
// or a newer pack) is analysed from its text as before, so the cache can only save time.
// The first line is an index of what decides whether a pack file is used at all (its ruleset
// id and jurisdiction): a workspace whose own rules replace the whole pack (`auto`) reads
// only that line, never the analyses.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeRuleText, type RuleDocument } from '../model/document';
import { createLineIndex, type LineIndex } from '../model/lines';
import type { Problem, RuleSet } from '../model/types';
import type { YNode } from '../model/yamlTree';
import { findRuleFiles } from './files';

export const PACK_CACHE_FILE = 'starter-pack.json';

interface PackCacheEntry {
  /** The file's path in the pack folder (packFileName). */
  name: string;
  sha256: string;
  parseMode: RuleDocument['parseMode'];
  problems: Problem[];
  ruleSet: RuleSet;
}

interface PackCache {
  files: PackCacheEntry[];
}

/** What decides whether a pack file is layered under a workspace (RuleWorkspace.setStarterPack). */
export interface PackFileFacts {
  uri: string;
  ruleset?: string;
  jurisdiction?: string;
}

/** The cache's first line: each file's facts (its uri is known only at run time), by name and hash. */
interface PackIndex {
  format: 2;
  files: (Omit<PackFileFacts, 'uri'> & { name: string; sha256: string })[];
}

/** Stands for a pack file's uri in the cache (the install folder is known only at run time). */
const placeholder = (name: string) => `starter-pack-file:${name}`;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A pack file's name in the cache: its path in the pack folder, with forward slashes. */
export const packFileName = (dir: string, file: string): string => path.relative(dir, file).split(path.sep).join('/');

/** The cache's text for the pack folder's files, as the build writes it: the index line, then the analyses. */
export function buildPackCache(dir: string): string {
  const cache: PackCache = {
    files: findRuleFiles(dir).map((p) => {
      const name = packFileName(dir, p);
      const text = fs.readFileSync(p, 'utf8');
      const doc = analyzeRuleText(placeholder(name), text);
      return { name, sha256: sha256(text), parseMode: doc.parseMode, problems: doc.problems, ruleSet: doc.ruleSet };
    }),
  };
  const index: PackIndex = {
    format: 2,
    files: cache.files.map((e) => ({ name: e.name, sha256: e.sha256, ruleset: e.ruleSet.id, jurisdiction: e.ruleSet.jurisdiction })),
  };
  return `${JSON.stringify(index)}\n${JSON.stringify(cache)}\n`;
}

/** The cache file's index line, or undefined when there is none or it cannot be read. */
export function readPackIndex(cacheFile: string): PackIndex['files'] | undefined {
  try {
    const raw = fs.readFileSync(cacheFile, 'utf8');
    const index = JSON.parse(raw.slice(0, raw.indexOf('\n'))) as PackIndex;
    return index.format === 2 && Array.isArray(index.files) ? index.files : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cache read for these pack files (uri by name), or undefined when there is none or it
 * cannot be read; each entry's uris already those of the files.
 */
export function readPackCache(cacheFile: string, uris: Map<string, string>): Map<string, PackCacheEntry> | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(cacheFile, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const newline = raw.indexOf('\n');
    if (newline === -1 || (JSON.parse(raw.slice(0, newline)) as PackIndex).format !== 2) return undefined;
    raw = raw.slice(newline + 1);
    for (const [name, uri] of uris) raw = raw.split(JSON.stringify(placeholder(name))).join(JSON.stringify(uri));
    const cache = JSON.parse(raw) as PackCache;
    if (!Array.isArray(cache.files)) return undefined;
    return new Map(cache.files.map((e) => [e.name, e]));
  } catch {
    return undefined;
  }
}

/**
 * A pack file's document from its cache entry when the text is the one the entry was made
 * from; otherwise analysed from the text. The tree is parsed only if a feature asks for it
 * (going to a definition in a pack file, say): the rules and problems are the cache's.
 */
export function packDocument(uri: string, text: string, entry: PackCacheEntry | undefined): RuleDocument {
  if (!entry || entry.sha256 !== sha256(text)) return analyzeRuleText(uri, text);
  let lines: LineIndex | undefined;
  let tree: { root: YNode | null } | undefined;
  return {
    uri,
    version: 0,
    text,
    get lines() {
      return (lines ??= createLineIndex(text));
    },
    get root() {
      return (tree ??= { root: analyzeRuleText(uri, text).root }).root;
    },
    problems: entry.problems,
    ruleSet: entry.ruleSet,
    parseMode: entry.parseMode,
  };
}
