// Finding and reading rule files on disk, confined to the given folders: symbolic links that
// point outside are not followed, files over the size limit and invalid UTF-8 are reported,
// not read.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const RULE_FILE = /\.ecr\.ya?ml$/i;

export interface FoundFile {
  path: string;
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** Every rule file under `root` (depth-first, sorted), never leaving `root`. */
export function findRuleFiles(root: string, extra: RegExp[] = [], limit = 20_000): string[] {
  const out: string[] = [];
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return out;
  }
  const stat = safeStat(root);
  if (stat?.isFile()) return RULE_FILE.test(root) || extra.some((r) => r.test(root)) ? [root] : [];
  const walk = (dir: string, depth: number) => {
    if (out.length >= limit || depth > 32) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isSymbolicLink()) {
        if (!insideRoot(realRoot, p)) continue;
        const s = safeStat(p);
        if (s?.isDirectory()) walk(p, depth + 1);
        else if (s?.isFile() && (RULE_FILE.test(e.name) || extra.some((r) => r.test(p)))) out.push(p);
      } else if (e.isDirectory()) walk(p, depth + 1);
      else if (e.isFile() && (RULE_FILE.test(e.name) || extra.some((r) => r.test(p)))) out.push(p);
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

/**
 * Simple glob (`**`, `*`, `?`) over forward-slash paths: true when the path, or a part of it
 * after a `/`, matches. It keeps the RegExp shape callers hold (`.test`), but matches by one
 * scan over the path per pattern step: the RegExp it once became backtracked for minutes on a
 * pattern of a dozen `**` segments (and a workspace's own settings may hold any pattern).
 */
export function globToRegExp(glob: string): RegExp {
  return new GlobPattern(glob);
}

type GlobStep = { kind: 'char'; c: string } | { kind: 'one' } | { kind: 'star' } | { kind: 'globstar' };

class GlobPattern extends RegExp {
  private readonly steps: GlobStep[] = [];
  constructor(glob: string) {
    super('(?!)'); // as a RegExp it matches nothing; test() below is the matcher
    for (let i = 0; i < glob.length; i++) {
      const c = glob[i];
      if (c === '*' && glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') i++; // `**/` is any run of folders, like `**`
        if (this.steps.at(-1)?.kind !== 'globstar') this.steps.push({ kind: 'globstar' });
      } else if (c === '*') this.steps.push({ kind: 'star' });
      else if (c === '?') this.steps.push({ kind: 'one' });
      else this.steps.push({ kind: 'char', c });
    }
  }
  override test(path: string): boolean {
    const n = path.length;
    // at[i]: the steps so far can end at offset i; a match starts at 0 or after a '/'
    let at = new Uint8Array(n + 1);
    at[0] = 1;
    for (let i = 0; i < n; i++) if (path.charCodeAt(i) === 47) at[i + 1] = 1;
    for (const step of this.steps) {
      const next = new Uint8Array(n + 1);
      if (step.kind === 'char' || step.kind === 'one') {
        for (let i = 0; i < n; i++) if (at[i] && (step.kind === 'char' ? path[i] === step.c : path.charCodeAt(i) !== 47)) next[i + 1] = 1;
      } else {
        next[0] = at[0];
        for (let i = 1; i <= n; i++) next[i] = at[i] || (next[i - 1] && (step.kind === 'globstar' || path.charCodeAt(i - 1) !== 47)) ? 1 : 0;
      }
      at = next;
    }
    return at[n] === 1;
  }
}
