// The bundled starter pack: the embedded default rules a workspace (or a CLI run) is layered
// on (RuleWorkspace.setStarterPack). It ships in the package under samples/starter/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeRuleText, type RuleDocument } from '../model/document';
import { findRuleFiles } from './files';

/** samples/starter next to the bundle (dist/server/*.js) or the sources (server/src/workspace). */
export function starterPackDir(): string | undefined {
  const candidates = [path.resolve(__dirname, '../../samples/starter'), path.resolve(__dirname, '../../../samples/starter')];
  return candidates.find((d) => fs.existsSync(d));
}

let loaded: RuleDocument[] | undefined;

export function loadStarterPack(): RuleDocument[] {
  if (loaded) return loaded;
  const dir = starterPackDir();
  loaded = dir
    ? findRuleFiles(dir).map((p) => analyzeRuleText(pathToFileURL(p).toString(), fs.readFileSync(p, 'utf8')))
    : [];
  return loaded;
}
