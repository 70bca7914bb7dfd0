// Problems (offsets, plain data) -> LSP diagnostics. Every diagnostic has source
// `export-rules`, a stable code linked to its section of docs/diagnostics.md, and its quick
// fixes in `data`.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { codeHref, type DiagnosticCode } from '../model/diagnosticCodes';
import type { RuleDocument } from '../model/document';
import { changedRegion } from '../model/textChange';
import type { Problem, Severity, Span } from '../model/types';

const DIAGNOSTIC_SOURCE = 'export-rules';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `docs`: the URI of docs/diagnostics.md, whose section of each code the diagnostic links to. */
export function toDiagnostic(doc: RuleDocument, p: Problem, docs?: string): Diagnostic {
  const d: Diagnostic = {
    range: doc.lines.rangeOf(p.span),
    severity: SEVERITY[p.severity],
    code: p.code,
    source: DIAGNOSTIC_SOURCE,
    message: p.message,
  };
  if (docs) d.codeDescription = { href: codeHref(docs, p.code) };
  if (p.fixes?.length) d.data = { fixes: p.fixes.map(({ span, ...f }) => (span ? { ...f, range: doc.lines.rangeOf(span) } : f)) };
  if (p.unnecessary) d.tags = [DiagnosticTag.Unnecessary];
  if (p.related?.length)
    d.relatedInformation = p.related.map((r) => ({
      location: r.location ?? { uri: doc.uri, range: doc.lines.rangeOf(r.span ?? p.span) },
      message: r.message,
    }));
  return d;
}

/** The one diagnostic of a file that is not read (too large, not UTF-8), at its start. */
export function fileDiagnostic(code: DiagnosticCode, message: string, docs?: string): Diagnostic {
  const start = { line: 0, character: 0 };
  const d: Diagnostic = { range: { start, end: start }, severity: DiagnosticSeverity.Error, code, source: DIAGNOSTIC_SOURCE, message };
  if (docs) d.codeDescription = { href: codeHref(docs, code) };
  return d;
}

/** Sorted by position, so that every client shows them in reading order. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/**
 * Findings computed for an older text, moved onto a newer one: those before the changed region
 * stay, those after it move by the change in length, those touching it are dropped. Lets the
 * diagnostics of an edit go out at once, with the workspace-wide findings of the last full
 * check, until the full check of the new text replaces them.
 */
export function carryOver(problems: readonly Problem[], oldText: string, newText: string, entries: readonly Span[] = []): Problem[] {
  if (problems.length === 0) return [];
  const { start: pre, oldEnd, newEnd } = changedRegion(oldText, newText);
  const delta = newText.length - oldText.length;
  // a finding about an entry the edit touched (a test whose expectation changed) is stale
  const touched = entries.filter((e) => e.start <= newEnd && e.end >= pre);
  const out: Problem[] = [];
  for (const p of problems) {
    let moved = p.span.end <= pre ? p : p.span.start >= oldEnd ? { ...p, span: { start: p.span.start + delta, end: p.span.end + delta }, related: undefined } : undefined;
    // a fix that edits elsewhere moves with its own span, or goes when the edit touched it
    if (moved?.fixes?.some((f) => f.span)) {
      const fixes = moved.fixes.flatMap((f) => (!f.span || f.span.end <= pre ? [f] : f.span.start >= oldEnd ? [{ ...f, span: { start: f.span.start + delta, end: f.span.end + delta } }] : []));
      moved = { ...moved, fixes };
    }
    if (moved && !touched.some((e) => moved.span.start >= e.start && moved.span.end <= e.end)) out.push(moved);
  }
  return out;
}
