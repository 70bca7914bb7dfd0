// One rule file, analysed: parsed (per unit, cached), schema-validated and typed. Everything
// the language features and the CLI read about a file comes from here, once per version.
import { buildRuleSet } from './build';
import { createLineIndex, type LineIndex } from './lines';
import { parseRuleText, unbuiltFile, type ParsedRuleText, type UnitCache } from './parse';
import type { Problem, RuleSet, Span } from './types';
import { validateRuleTree, validateUnbuilt } from './validate';
import type { YNode } from './yamlTree';
import { work } from './work';

export interface RuleDocument {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  /** The tree (made on first use after a file's first analysis: see parse.ts). */
  readonly root: YNode | null;
  /** YAML syntax and schema problems (domain problems come from the service layer). */
  problems: Problem[];
  readonly ruleSet: RuleSet;
  parseMode: 'units' | 'whole';
}

/**
 * Counts analyses by uri while `counting` is set (tests set it): a file opened as the folder
 * index read it from disk must be analysed once. A counter, never a timing.
 */
export const analysisStats: { counting?: Map<string, number> } = {};

export function analyzeRuleText(uri: string, text: string, version = 0, cache?: UnitCache): RuleDocument {
  if (analysisStats.counting) analysisStats.counting.set(uri, (analysisStats.counting.get(uri) ?? 0) + 1);
  const lines = createLineIndex(text);
  const parsed = parseLf(text, cache);
  // a first analysis in the fast parser's subset: validated from data, the tree made when asked for
  const unbuilt = unbuiltFile(parsed);
  // An entry with a syntax error is partial: schema findings about it (a key cut off by
  // the error is "missing") would only add noise to the one thing to fix there.
  const broken = parsed.problems.some((p) => p.severity === 'error') ? brokenEntries(entrySpans(parsed.root), parsed.problems) : [];
  const schemaProblems = (unbuilt ? validateUnbuilt(unbuilt) : validateRuleTree(parsed.root)).filter((p) => !insideAny(broken, p.span));
  let ruleSet: RuleSet | undefined;
  return {
    uri,
    version,
    text,
    lines,
    get root(): YNode | null {
      return parsed.root;
    },
    problems: [...parsed.problems, ...schemaProblems].map((p) => withinText(p, text.length)),
    // typed on first use: the diagnostics of an edit need only the tree and the schema
    get ruleSet(): RuleSet {
      return (ruleSet ??= buildRuleSet(uri, parsed.root, lines));
    },
    parseMode: parsed.mode,
  };
}

/**
 * Text with CRLF line breaks (Windows) is parsed as the same text with LF breaks, per entry and
 * cached like any other, and every offset is mapped back: YAML reads both as one line break, so
 * the data is the same, and a CRLF file is not re-parsed whole (seconds per keystroke for a few
 * MB) on every change. Text with a lone CR is parsed as it is.
 */
function parseLf(text: string, cache?: UnitCache): ParsedRuleText {
  const crs = text.includes('\r') ? crlfBreaks(text) : undefined;
  if (!crs) return parseRuleText(text, cache);
  const parsed = parseRuleText(text.replace(/\r\n/g, '\n'), cache);
  // an LF offset plus the CRs before it; the offset of an LF itself maps to its CR
  const at = (o: number): number => {
    let lo = 0;
    let hi = crs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (crs[mid] < o) lo = mid + 1;
      else hi = mid;
    }
    return o + lo;
  };
  const span = (s: Span): Span => ({ start: at(s.start), end: at(s.end) });
  const node = <T extends YNode>(n: T): T => {
    if (n.kind === 'scalar') return { ...n, ...span(n) };
    if (n.kind === 'seq') return { ...n, ...span(n), items: n.items.map((i) => (i ? node(i) : null)) };
    return { ...n, ...span(n), items: n.items.map((p) => ({ key: node(p.key), value: p.value ? node(p.value) : null })) };
  };
  return {
    ...parsed,
    root: parsed.root ? node(parsed.root) : null,
    problems: parsed.problems.map((p) => ({
      ...p,
      span: span(p.span),
      ...(p.related ? { related: p.related.map((r) => (r.span ? { ...r, span: span(r.span) } : r)) } : {}),
    })),
  };
}

/** The LF offsets (in the text without CRs) of the line breaks that were CRLF; undefined when a CR stands alone. */
function crlfBreaks(text: string): number[] | undefined {
  const out: number[] = [];
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return undefined;
    out.push(i - out.length);
  }
  return out;
}

/** A finding on an empty value at the very end of the text is marked one character wide,
 *  past the end: keep every span inside the text. */
function withinText(p: Problem, length: number): Problem {
  return p.span.end <= length ? p : { ...p, span: { start: Math.min(p.span.start, length), end: length } };
}

/**
 * The entries (in document order, disjoint) with a syntax error starting in them. Searched,
 * not compared pairwise: a 60,000-item list with a finding per item took seconds per edit.
 */
function brokenEntries(entries: Span[], problems: Problem[]): Span[] {
  const starts = problems.filter((p) => p.severity === 'error').map((p) => p.span.start).sort((a, b) => a - b);
  return entries.filter((e) => {
    const i = firstAtLeast(starts, e.start);
    return i < starts.length && starts[i] <= e.end;
  });
}

/** True when the span lies inside one of the (sorted, disjoint) entries. */
function insideAny(entries: Span[], s: Span): boolean {
  const i = firstWhere(entries.length, (k) => entries[k].start > s.start);
  return i > 0 && s.end <= entries[i - 1].end;
}

function firstAtLeast(sorted: number[], x: number): number {
  return firstWhere(sorted.length, (k) => sorted[k] >= x);
}

/** The first index below `n` where `past` holds (it holds from some index on): a binary search. */
function firstWhere(n: number, past: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    work.steps++;
    const mid = (lo + hi) >> 1;
    if (past(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The spans of the entries of the sections (each rule, product, test, regime). */
export function entrySpans(root: YNode | null): Span[] {
  const out: Span[] = [];
  if (root?.kind !== 'map') return out;
  for (const pair of root.items) {
    const v = pair.value;
    if (v?.kind === 'seq') for (const n of v.items) if (n) out.push({ start: n.start, end: n.end });
    if (v?.kind === 'map' && pair.key.value === 'regimes') for (const q of v.items) out.push({ start: q.key.start, end: q.value?.end ?? q.key.end });
  }
  return out;
}
