// Problems (offsets, plain data) -> LSP diagnostics. Every diagnostic has source
// `export-rules`, a stable code, and its quick fixes in `data`.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { RuleDocument } from '../model/document';
import type { Problem, Severity } from '../model/types';

export const DIAGNOSTIC_SOURCE = 'export-rules';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(doc: RuleDocument, p: Problem): Diagnostic {
  const d: Diagnostic = {
    range: doc.lines.rangeOf(p.span),
    severity: SEVERITY[p.severity],
    code: p.code,
    source: DIAGNOSTIC_SOURCE,
    message: p.message,
  };
  if (p.fixes?.length) d.data = { fixes: p.fixes };
  if (p.unnecessary) d.tags = [DiagnosticTag.Unnecessary];
  if (p.related?.length)
    d.relatedInformation = p.related.map((r) => ({
      location: r.location ?? { uri: doc.uri, range: doc.lines.rangeOf(r.span ?? p.span) },
      message: r.message,
    }));
  return d;
}

/** Sorted by position, so that every client shows them in reading order. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
