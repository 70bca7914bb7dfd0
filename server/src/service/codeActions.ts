// Quick fixes: each replacement a problem carries (the server puts Problem.fixes into
// Diagnostic.data) becomes one code action that edits the diagnostic's range.
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';

interface Fix {
  title: string;
  newText: string;
  /** Where the fix edits, when not the diagnostic's own range. */
  range?: Range;
}

function fixesOf(d: Diagnostic): Fix[] {
  const data = d.data as { fixes?: unknown } | undefined;
  if (!data || !Array.isArray(data.fixes)) return [];
  return data.fixes.filter(
    (f): f is Fix => typeof f === 'object' && f !== null && typeof (f as Fix).title === 'string' && typeof (f as Fix).newText === 'string',
  );
}

export function quickFixes(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    fixesOf(d).forEach((fix, i) => {
      const edit: TextEdit = { range: fix.range ?? d.range, newText: fix.newText };
      const action: CodeAction = { title: fix.title, kind: 'quickfix', diagnostics: [d], edit: { changes: { [uri]: [edit] } } };
      if (i === 0) action.isPreferred = true;
      actions.push(action);
    });
  }
  return actions;
}
