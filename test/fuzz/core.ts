// The in-process fuzz target: one text through every service the server offers, with the
// invariants a client relies on checked on every answer. A violation throws (FuzzFailure);
// so does a call whose counted work (server/src/model/work.ts) grows faster than its input,
// the way the fuzzers' slow inputs once did: work is bounded, not wall-clock time, so a busy
// machine cannot fail a test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getCatalog } from '../../server/src/catalog/catalog';
import { analyzeRuleText, type RuleDocument } from '../../server/src/model/document';
import type { Problem, Range } from '../../server/src/model/types';
import { quickFixes } from '../../server/src/service/codeActions';
import { productLenses } from '../../server/src/service/checkItem';
import { complete } from '../../server/src/service/completion';
import { sortProblems, toDiagnostic } from '../../server/src/service/diagnostics';
import { domainProblems } from '../../server/src/service/domainDiagnostics';
import { hover } from '../../server/src/service/hover';
import { definition, prepareRename, references, rename, workspaceSymbols } from '../../server/src/service/navigation';
import { documentSymbols } from '../../server/src/service/symbols';
import { RuleWorkspace } from '../../server/src/workspace/workspace';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { parseRuleText, splitUnits, withoutExponentFloats, type UnitCache } from '../../server/src/model/parse';
import { toData } from '../../server/src/model/yamlTree';
import { work } from '../../server/src/model/work';

export const repoRoot = path.resolve(__dirname, '../..');

/**
 * The counted steps a call may take: four per character of its input (binary searches and
 * pointer lookups cost a few steps per finding or node; the most seen is 2 per character, for
 * 400,000 schema findings), plus a constant. A search that turned quadratic again exceeds it
 * several times over at the sizes of the regression fixtures (test/fixtures/fuzz).
 */
export function workBound(textLength: number): number {
  return 4 * textLength + 20_000;
}

export class FuzzFailure extends Error {}

const catalog = getCatalog();

/** Every rule file the repository ships: the seeds the mutations start from. */
export function corpus(): { name: string; text: string }[] {
  const roots = ['samples', 'test/fixtures', 'test/e2e/workspace'].map((r) => path.join(repoRoot, r));
  const out: { name: string; text: string }[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ecr\.ya?ml$/.test(e.name)) out.push({ name: path.relative(repoRoot, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  roots.forEach(walk);
  return out;
}

/**
 * Per-operation counts, counted work and timings over a run. The work of each call is bounded
 * (workBound of the input's length); the times are only reported (npm run fuzz).
 */
export class Timings {
  readonly max = new Map<string, number>();
  readonly total = new Map<string, number>();
  readonly counts = new Map<string, number>();
  /** The largest share of its bound that a call's work took. */
  maxWorkShare = 0;
  calls = 0;
  time<T>(op: string, fn: () => T, textLength = 0): T {
    const t0 = performance.now();
    const w0 = work.steps;
    const r = fn();
    const steps = work.steps - w0;
    const ms = performance.now() - t0;
    this.calls++;
    this.counts.set(op, (this.counts.get(op) ?? 0) + 1);
    this.total.set(op, (this.total.get(op) ?? 0) + ms);
    if (ms > (this.max.get(op) ?? 0)) this.max.set(op, ms);
    const bound = workBound(textLength);
    this.maxWorkShare = Math.max(this.maxWorkShare, steps / bound);
    if (steps > bound) throw new FuzzFailure(`${op} took ${steps} counted steps for ${textLength} characters (bound ${bound})`);
    return r;
  }
  summary(): string {
    return [...this.max.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([op, ms]) => `${op} max ${ms.toFixed(1)} ms`)
      .join(', ');
  }
}

/** Line lengths as LSP counts them (\n, \r\n and \r end a line), independent of LineIndex. */
export function lineLengths(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push(i - start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  out.push(text.length - start);
  return out;
}

function fail(what: string, detail: unknown): never {
  throw new FuzzFailure(`${what}: ${JSON.stringify(detail)?.slice(0, 400)}`);
}

export function checkRange(lines: number[], r: Range | undefined, what: string): void {
  const okPos = (p: { line: number; character: number } | undefined) =>
    !!p && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line];
  if (!r || !okPos(r.start) || !okPos(r.end)) fail(`${what}: range outside the document`, r);
  if (r.end.line < r.start.line || (r.end.line === r.start.line && r.end.character < r.start.character)) fail(`${what}: range ends before it starts`, r);
}

const contains = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);
function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function checkProblems(text: string, problems: Problem[], what: string): void {
  if (!Array.isArray(problems)) fail(`${what}: not a list`, problems);
  for (const p of problems) {
    if (typeof p.code !== 'string' || !p.code || typeof p.message !== 'string' || !p.message) fail(`${what}: problem without code or message`, p);
    if (!['error', 'warning', 'info', 'hint'].includes(p.severity)) fail(`${what}: bad severity`, p);
    const s = p.span;
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= text.length)) fail(`${what}: span outside the text (length ${text.length})`, p);
  }
}

/** Throws unless `v` survives JSON (what the wire carries) unchanged in shape. */
function checkJson(v: unknown, what: string): void {
  let s: string | undefined;
  try {
    s = JSON.stringify(v);
  } catch (err) {
    fail(`${what}: not serialisable`, String(err));
  }
  if (v !== undefined && s === undefined) fail(`${what}: serialises to nothing`, typeof v);
}

function checkSymbols(lines: number[], symbols: DocumentSymbol[], what: string): void {
  for (const s of symbols) {
    if (typeof s.name !== 'string' || s.name === '') fail(`${what}: symbol without a name (VS Code rejects it)`, s);
    checkRange(lines, s.range, `${what} range`);
    checkRange(lines, s.selectionRange, `${what} selectionRange`);
    // VS Code rejects the whole answer when a selectionRange lies outside its range
    if (!contains(s.range, s.selectionRange)) fail(`${what}: selectionRange outside range`, s);
    if (s.children) checkSymbols(lines, s.children, what);
  }
}

export interface ExerciseOptions {
  /** Fractions (0..1) of the text length where completion and hover are asked. */
  probes?: number[];
  /** Skip completion and hover (huge inputs: the parse is what is under test). */
  parseOnly?: boolean;
  timings?: Timings;
}

const URI = 'file:///fuzz/input.ecr.yaml';
let neighbours: RuleDocument[] | undefined;
/** A second file in the workspace, so names resolve across files as in a real workspace. */
function neighbourDocs(): RuleDocument[] {
  if (!neighbours) {
    const p = path.join(repoRoot, 'samples/company/products.ecr.yaml');
    neighbours = fs.existsSync(p) ? [analyzeRuleText('file:///fuzz/products.ecr.yaml', fs.readFileSync(p, 'utf8'))] : [];
  }
  return neighbours;
}

/** Runs `text` through every service; throws FuzzFailure on a broken invariant. */
export function exercise(text: string, options: ExerciseOptions = {}): { diagnostics: number; codes: string[] } {
  const t = options.timings ?? new Timings();
  // the work of a call is bounded by the size of what it reads: this text and its neighbour
  const size = text.length + neighbourDocs().reduce((n, d) => n + d.text.length, 0);
  const time = <T>(op: string, fn: () => T): T => t.time(op, fn, size);
  const lines = lineLengths(text);
  const ws = new RuleWorkspace(catalog);
  for (const d of neighbourDocs()) ws.set(d.uri, d.text, 0, false);
  const doc = time('analyze', () => ws.set(URI, text, 1, true));
  if (!doc) fail('analyze: no document', null);
  checkProblems(text, doc.problems, 'parse/schema problems');
  if (doc.lines.lineCount !== lines.length) fail('line index disagrees with LSP line breaks', { index: doc.lines.lineCount, lsp: lines.length });
  const domain = time('domainProblems', () => domainProblems(doc, ws, catalog));
  checkProblems(text, domain, 'domain problems');
  const diagnostics = sortProblems([...doc.problems, ...domain]).map((p) => toDiagnostic(doc, p));
  for (const d of diagnostics) {
    checkRange(lines, d.range, `diagnostic ${String(d.code)}`);
    for (const r of d.relatedInformation ?? []) if (r.location.uri === URI) checkRange(lines, r.location.range, 'related information');
  }
  checkJson(diagnostics, 'diagnostics');
  for (const a of time('quickFixes', () => quickFixes(URI, diagnostics)))
    for (const e of a.edit?.changes?.[URI] ?? []) checkRange(lines, e.range, 'quick fix edit');

  const symbols = time('documentSymbols', () => documentSymbols(doc));
  checkSymbols(lines, symbols, 'document symbol');
  checkJson(symbols, 'symbols');
  for (const l of time('codeLens', () => productLenses(doc))) checkRange(lines, l.range, 'code lens');
  for (const s of time('workspaceSymbols', () => workspaceSymbols('', ws))) {
    if (typeof s.name !== 'string' || s.name === '') fail('workspace symbol without a name (VS Code rejects it)', s);
    if (s.location.uri === URI) checkRange(lines, s.location.range, 'workspace symbol');
  }
  time('runTests', () => ws.engine().runTests());
  const result = { diagnostics: diagnostics.length, codes: [...new Set(diagnostics.map((d) => String(d.code)))] };
  if (options.parseOnly) return result;

  const probes = [...(options.probes ?? []).map((f) => Math.floor(f * text.length)), text.length];
  for (let offset of probes) {
    // a client cannot place the cursor between the \r and \n of one line break
    if (text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10) offset--;
    const pos = doc.lines.positionAt(offset);
    const at = `at ${pos.line}:${pos.character}`;
    const list = time('complete', () => complete(doc, offset, ws, catalog));
    if (list !== null) {
      if (!Array.isArray(list.items)) fail(`completion ${at}: no items list`, list);
      for (const item of list.items) {
        if (typeof item.label !== 'string' || item.label === '') fail(`completion ${at}: item without a label`, item);
        const edit = item.textEdit;
        if (edit && 'range' in edit) {
          checkRange(lines, edit.range, `completion ${at} edit`);
          // VS Code drops an item whose edit spans lines or does not contain the cursor
          if (edit.range.start.line !== edit.range.end.line) fail(`completion ${at}: edit spans lines`, item);
          if (!contains(edit.range, { start: pos, end: pos })) fail(`completion ${at}: edit does not contain the cursor`, item);
        } else if (edit) {
          checkRange(lines, edit.insert, `completion ${at} insert`);
          checkRange(lines, edit.replace, `completion ${at} replace`);
        }
        for (const e of item.additionalTextEdits ?? []) checkRange(lines, e.range, `completion ${at} additional edit`);
      }
      checkJson(list, 'completion');
    }
    const h = time('hover', () => hover(doc, offset, ws, catalog));
    if (h !== null) {
      const c = h.contents as unknown;
      const ok = typeof c === 'string' || (typeof c === 'object' && c !== null && ('value' in c ? typeof (c as { value: unknown }).value === 'string' : Array.isArray(c)));
      if (!ok) fail(`hover ${at}: bad contents`, h);
      if (h.range) checkRange(lines, h.range, `hover ${at}`);
      checkJson(h, 'hover');
    }
    for (const l of time('definition', () => definition(doc, offset, ws))) if (l.uri === URI) checkRange(lines, l.range, `definition ${at}`);
    for (const l of time('references', () => references(doc, offset, ws, true))) if (l.uri === URI) checkRange(lines, l.range, `references ${at}`);
    const pr = time('prepareRename', () => prepareRename(doc, offset));
    if (pr) {
      checkRange(lines, pr.range, `prepareRename ${at}`);
      const edit = time('rename', () => {
        try {
          return rename(doc, offset, 'fuzz-renamed', ws);
        } catch {
          return null; // a refused rename is an answer (the server turns it into an error reply)
        }
      });
      for (const e of edit?.changes?.[URI] ?? []) checkRange(lines, e.range, `rename ${at}`);
    }
  }
  return result;
}

/** Parses `text` the way the server would and reports what it found (for fixtures). */
export function analyze(text: string): RuleDocument {
  return analyzeRuleText(URI, text);
}

/** True when compared (the text splits and yaml reads it whole without errors). */
export function sameAsWhole(text: string, cache?: UnitCache): boolean {
  if (!splitUnits(text)) return false;
  const whole = parseDocument(text, { customTags: withoutExponentFloats });
  if (whole.errors.length) return false;
  const r = parseRuleText(text, cache);
  // a limit (nesting, aliases) refuses what yaml reads: that is a finding, not a difference
  if (r.problems.some((p) => ['too-deep', 'alias-limit', 'too-large'].includes(p.code))) return false;
  assert.deepEqual(toData(r.root), whole.toJS(), 'units and whole parse differ');
  return true;
}
