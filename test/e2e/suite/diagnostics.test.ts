// broken.ecr.yaml carries one mistake of each kind; its `# want` comments list what must be
// reported. Ranges are 0-based and end-exclusive, as vscode.Range.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, codeOf, openFixture, ourDiagnostics, waitFor } from './helpers';

interface Want {
  code: string;
  /** Exact range [line, startChar, line, endChar], checked with the text it covers. */
  range?: [number, number, number, number];
  text?: string;
  /** When the exact range is the server's choice: the lines it must start within. */
  startLines?: [number, number];
  /** A position the range must contain. */
  contains?: [number, number];
  /** Words the message must use (plain language naming the offending value). */
  mentions?: RegExp;
}

const WANTS: Want[] = [
  { code: 'unknown-property', range: [10, 4, 10, 9], text: 'titel', mentions: /titel/ },
  { code: 'invalid-value', range: [16, 14, 16, 30], text: 'licence-required', mentions: /licen[cs]e-required/ },
  { code: 'missing-property', startLines: [19, 19], mentions: /citation/ },
  { code: 'unknown-eccn', range: [31, 22, 31, 27], text: '5A999', mentions: /5A999/ },
  { code: 'unknown-country', range: [33, 32, 33, 34], text: 'XZ', mentions: /XZ/ },
  { code: 'yaml-syntax', contains: [36, 12] },
  { code: 'failing-test', startLines: [40, 45], mentions: /license-required/ },
];

// What a schema validator says when nobody translated it: never shown to a person.
const JARGON = /must NOT have|must be equal to one of|must match|instancePath|additionalProperties|\/rules\/\d/;

suite('diagnostics', () => {
  let doc: vscode.TextDocument;
  let diags: vscode.Diagnostic[] = [];

  suiteSetup(async () => {
    doc = await openFixture('broken.ecr.yaml');
    await activeExtension();
    // Wait until every wanted code is there (tests run after the server indexed the workspace).
    diags = await waitFor(async () => {
      const ds = await ourDiagnostics(doc.uri, 1);
      const codes = new Set(ds.map(codeOf));
      return WANTS.every((w) => codes.has(w.code)) ? ds : undefined;
    }, 30_000, 'all wanted diagnostic codes on broken.ecr.yaml').catch(() => ourDiagnostics(doc.uri, 1));
  });

  for (const want of WANTS) {
    test(`${want.code}`, () => {
      const found = diags.filter((d) => codeOf(d) === want.code);
      const seen = diags.map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`).join(', ');
      assert.ok(found.length > 0, `no ${want.code} diagnostic; got: ${seen}`);
      const ok = found.find((d) => {
        const r = d.range;
        if (want.range) {
          const [l1, c1, l2, c2] = want.range;
          if (!r.isEqual(new vscode.Range(l1, c1, l2, c2))) return false;
        }
        if (want.startLines && (r.start.line < want.startLines[0] || r.start.line > want.startLines[1])) return false;
        if (want.contains && !r.contains(new vscode.Position(...want.contains))) return false;
        return true;
      });
      const where = found.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} "${doc.getText(d.range)}"`).join('; ');
      assert.ok(ok, `${want.code} at the wrong place: ${where}; want ${JSON.stringify(want.range ?? want.startLines ?? want.contains)}`);
      if (want.text) assert.equal(doc.getText(ok.range), want.text);
      if (want.mentions) assert.match(ok.message, want.mentions);
      assert.doesNotMatch(ok.message, JARGON, 'message should be in plain words');
    });
  }

  test('yaml-syntax is an error', () => {
    const d = diags.find((x) => codeOf(x) === 'yaml-syntax');
    assert.ok(d, 'no yaml-syntax diagnostic');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  });

  test('fixing a mistake in the editor removes its diagnostic', async () => {
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const at = new vscode.Range(10, 4, 10, 9);
    assert.equal(doc.getText(at), 'titel');
    try {
      assert.ok(await editor.edit((e) => e.replace(at, 'title')));
      await waitFor(() => !vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'unknown-property'),
        15_000, 'unknown-property to go away after the fix');
      // The rest are still reported.
      assert.ok(vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'invalid-value'));
    } finally {
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(doc.getText(at), 'titel');
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'unknown-property'),
      15_000, 'unknown-property to come back after reverting');
  });
});
