// Finding and reading rule files on disk, confined to the given folders: symbolic links that
// point outside are not followed, files over the size limit and invalid UTF-8 are reported,
// not read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { byCodeUnits } from '../model/order';

export const RULE_FILE = /\.ecr\.ya?ml$/i;

/**
 * The URI of a file, written as VS Code writes it (vscode-uri: `(`, `+`, `,` ... encoded too),
 * so a file read from disk and the same file opened in the editor are one document, not two.
 */
export function fileUri(p: string): string {
  return URI.file(p).toString();
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** Every rule file under `root` (depth-first, sorted), never leaving `root`. */
export function findRuleFiles(root: string, limit = 20_000): string[] {
  const out: string[] = [];
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return out;
  }
  const stat = safeStat(root);
  if (stat?.isFile()) return RULE_FILE.test(root) ? [root] : [];
  const walk = (dir: string, depth: number) => {
    if (out.length >= limit || depth > 32) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => byCodeUnits(a.name, b.name));
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isSymbolicLink()) {
        if (!insideRoot(realRoot, p)) continue;
        const s = safeStat(p);
        if (s?.isDirectory()) walk(p, depth + 1);
        else if (s?.isFile() && RULE_FILE.test(e.name)) out.push(p);
      } else if (e.isDirectory()) walk(p, depth + 1);
      else if (e.isFile() && RULE_FILE.test(e.name)) out.push(p);
    }
  };
  walk(root, 0);
  return out;
}

/** True when the real path of `p` (links resolved) lies inside `realRoot`. */
export function insideRoot(realRoot: string, p: string): boolean {
  try {
    const real = fs.realpathSync(p);
    const rel = path.relative(realRoot, real);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  } catch {
    return false;
  }
}

export function readRuleFile(p: string, maxBytes: number): ReadResult {
  try {
    const st = fs.statSync(p);
    // a named pipe or device would block the read (and the server with it) or never end
    if (!st.isFile()) return { ok: false, reason: 'It is not a regular file (a folder, pipe or device); it is not read.' };
    if (st.size > maxBytes) return { ok: false, reason: `The file is ${st.size} bytes, over the limit of ${maxBytes} bytes (setting exportRules.maxFileSize); it is not read.` };
    const buf = fs.readFileSync(p);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (err) {
    if (err instanceof TypeError) return { ok: false, reason: 'The file is not valid UTF-8 text; it is not read (save it as UTF-8).' };
    return { ok: false, reason: `The file could not be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}

function safeStat(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}
