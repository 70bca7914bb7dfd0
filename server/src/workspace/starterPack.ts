// The bundled starter pack: the embedded default rules a workspace (or a CLI run) is layered
// on (RuleWorkspace.setStarterPack). It ships in the package under samples/starter/, analysed at build
// time into dist/server/starter-pack.json (see packCache.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleDocument } from '../model/document';
import { fileUri, findRuleFiles } from './files';
import { PACK_CACHE_FILE, packDocument, packFileName, readPackCache } from './packCache';

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
