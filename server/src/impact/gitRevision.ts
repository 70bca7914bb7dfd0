// The rule files of a git revision, read with `git show` (never written to disk) and
// analysed in memory, for "what changed since REV".
import { execFileSync } from 'node:child_process';
import { analyzeRuleText, type RuleDocument } from '../model/document';

export class RevisionError extends Error {}

export function docsAtRevision(rev: string, paths: string[], cwd: string): RuleDocument[] {
  // read-only commands; a partial clone must not fetch missing objects, nor git ask for a password
  const env = { ...process.env, GIT_NO_LAZY_FETCH: '1', GIT_TERMINAL_PROMPT: '0' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  // a revision is never an option to git
  if (!rev || rev.startsWith('-') || /\s/.test(rev)) throw new RevisionError(`"${rev}" is not a git revision`);
  let prefix: string;
  try {
    git('rev-parse', '--verify', '--quiet', `${rev}^{commit}`);
    prefix = git('rev-parse', '--show-prefix').trim();
  } catch {
    throw new RevisionError(`"${rev}" is not a git revision here`);
  }
  const names = git('ls-tree', '-r', '--name-only', rev, '--', ...(paths.length ? paths : ['.']))
    .split('\n')
    .filter((f) => /\.ecr\.ya?ml$/i.test(f));
  return names.map((f) => analyzeRuleText(`git:${rev}/${prefix}${f}`, git('show', `${rev}:${prefix}${f}`)));
}
