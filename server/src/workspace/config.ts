// `.export-rules.json` in a folder may name the rule sources to answer from
// (`{ "rules": ["compliance/rules"] }`), for repositories that hold other rule files
// (examples, test fixtures) that are not the rules. The command line reads it in the current
// folder, the server in the first workspace folder; both through here.
import * as fs from 'node:fs';
import * as path from 'node:path';

const CONFIG_FILE = '.export-rules.json';

export class ConfigError extends Error {}

/** The paths `"rules"` names (relative to `folder`), or [] without a config file. */
export function configuredRules(folder: string): string[] {
  const file = path.join(folder, CONFIG_FILE);
  if (!fs.existsSync(file)) return [];
  let config: unknown;
  try {
    config = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${CONFIG_FILE} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const rules = (config as { rules?: unknown } | null)?.rules;
  if (rules === undefined) return [];
  if (!Array.isArray(rules) || !rules.every((r) => typeof r === 'string')) throw new ConfigError(`${CONFIG_FILE}: "rules" must be a list of paths`);
  return rules as string[];
}

/** True when `file` is one of `paths` (resolved against `folder`) or lies in one of them. */
export function inConfiguredPaths(folder: string, paths: readonly string[], file: string): boolean {
  return paths.some((p) => {
    const rel = path.relative(path.resolve(folder, p), file);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}
