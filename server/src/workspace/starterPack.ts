// The bundled starter pack: the embedded default rules a workspace (or a CLI run) is layered
// on (RuleWorkspace.setStarterPack). It ships in the package under samples/starter/, analysed at build
// time into dist/server/starter-pack.json (see packCache.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleDocument } from '../model/document';
import { fileUri, findRuleFiles } from './files';
import { PACK_CACHE_FILE, packDocument, packFileName, readPackCache, readPackIndex, sha256, type PackFileFacts } from './packCache';

export type { PackFileFacts } from './packCache';

/**
 * A starter pack known first by its files' facts (ruleset id, jurisdiction), analysed only
 * when one of its files is used: in `auto`, a workspace with rules of its own for every
 * jurisdiction of the pack never pays for reading it.
 */
export interface StarterPack {
  facts(): readonly PackFileFacts[];
  documents(): RuleDocument[];
}

/** samples/starter next to the bundle (dist/server/*.js) or the sources (server/src/workspace). */
function starterPackDir(): string | undefined {
  const candidates = [path.resolve(__dirname, '../../samples/starter'), path.resolve(__dirname, '../../../samples/starter')];
  return candidates.find((d) => fs.existsSync(d));
}

/** The build's analysis of the pack, beside the bundle (absent when run from the sources). */
function starterPackCacheFile(): string {
  return path.join(__dirname, PACK_CACHE_FILE);
}

let loaded: RuleDocument[] | undefined;

export function loadStarterPack(): RuleDocument[] {
  if (loaded) return loaded;
  const dir = starterPackDir();
  if (!dir) return (loaded = []);
  const files = findRuleFiles(dir).map((p) => ({ p, name: packFileName(dir, p), uri: fileUri(p) }));
  const cache = files.length ? readPackCache(starterPackCacheFile(), new Map(files.map((f) => [f.name, f.uri]))) : undefined;
  loaded = files.map((f) => packDocument(f.uri, fs.readFileSync(f.p, 'utf8'), cache?.get(f.name)));
  return loaded;
}

let facts: readonly PackFileFacts[] | undefined;

/**
 * The pack files' facts from the cache's index line when it describes exactly the files
 * there are (same names, same SHA-256); otherwise from the analysed pack.
 */
function starterPackFacts(): readonly PackFileFacts[] {
  if (facts) return facts;
  const dir = starterPackDir();
  const index = dir ? readPackIndex(starterPackCacheFile()) : undefined;
  if (dir && index) {
    const files = findRuleFiles(dir);
    const byName = new Map(index.map((e) => [e.name, e]));
    const known: PackFileFacts[] = [];
    for (const p of files) {
      const e = byName.get(packFileName(dir, p));
      if (e && e.sha256 === sha256(fs.readFileSync(p, 'utf8'))) known.push({ uri: fileUri(p), ruleset: e.ruleset, jurisdiction: e.jurisdiction });
    }
    // every file there is, and no other, as the build indexed it
    if (known.length === files.length && files.length === index.length) return (facts = known);
  }
  return (facts = loadStarterPack().map(factsOf));
}

/** What decides whether a pack document is used. */
export const factsOf = (d: RuleDocument): PackFileFacts => ({ uri: d.uri, ruleset: d.ruleSet.id, jurisdiction: d.ruleSet.jurisdiction });

/** The pack that ships with the product. */
export const bundledStarterPack: StarterPack = { facts: starterPackFacts, documents: loadStarterPack };
