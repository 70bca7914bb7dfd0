// The command line as a user runs it (bin/export-rules.js over the built bundle), for the CLI
// tests: one runner, so every test spawns it the same way.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '../..');
export const bin = path.join(root, 'bin/export-rules.js');

export interface CliRun {
  /** The exit status (null if the process was killed: the timeout). */
  code: number | null;
  out: string;
  err: string;
}

export function exportRules(args: readonly string[], opts: { cwd: string; input?: string; timeoutMs?: number }): CliRun {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: opts.cwd, input: opts.input, encoding: 'utf8', timeout: opts.timeoutMs ?? 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A scratch folder with no rule files: the bundled starter pack answers there. */
export function emptyFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
