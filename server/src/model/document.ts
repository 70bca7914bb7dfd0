// One rule file, analysed: parsed (per unit, cached), schema-validated and typed. Everything
// the language features and the CLI read about a file comes from here, once per version.
import { buildRuleSet } from './build';
import { createLineIndex, type LineIndex } from './lines';
import { parseRuleText, type UnitCache } from './parse';
import type { Problem, RuleSet, Span } from './types';
import { validateRuleTree } from './validate';
import type { YNode } from './yamlTree';

export interface RuleDocument {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  root: YNode | null;
  /** YAML syntax and schema problems (domain problems come from the service layer). */
  problems: Problem[];
  ruleSet: RuleSet;
  parseMode: 'units' | 'whole';
}

export function analyzeRuleText(uri: string, text: string, version = 0, cache?: UnitCache): RuleDocument {
  const lines = createLineIndex(text);
  const parsed = parseRuleText(text, cache);
  // An entry with a syntax error is partial: schema findings about it (a key cut off by
  // the error is "missing") would only add noise to the one thing to fix there.
  const broken = entrySpans(parsed.root).filter((e) =>
    parsed.problems.some((p) => p.severity === 'error' && p.span.start >= e.start && p.span.start <= e.end),
  );
  const schemaProblems = validateRuleTree(parsed.root).filter(
    (p) => !broken.some((e) => p.span.start >= e.start && p.span.end <= e.end),
  );
  return {
    uri,
    version,
    text,
    lines,
    root: parsed.root,
    problems: [...parsed.problems, ...schemaProblems].map((p) => withinText(p, text.length)),
    ruleSet: buildRuleSet(uri, parsed.root, lines),
    parseMode: parsed.mode,
  };
}

/** A finding on an empty value at the very end of the text is marked one character wide,
 *  past the end: keep every span inside the text. */
function withinText(p: Problem, length: number): Problem {
  return p.span.end <= length ? p : { ...p, span: { start: Math.min(p.span.start, length), end: length } };
}

/** The spans of the entries of the sections (each rule, product, test, regime). */
function entrySpans(root: YNode | null): Span[] {
  const out: Span[] = [];
  if (root?.kind !== 'map') return out;
  for (const pair of root.items) {
    const v = pair.value;
    if (v?.kind === 'seq') for (const n of v.items) if (n) out.push({ start: n.start, end: n.end });
    if (v?.kind === 'map' && pair.key.value === 'regimes') for (const q of v.items) out.push({ start: q.key.start, end: q.value?.end ?? q.key.end });
  }
  return out;
}
