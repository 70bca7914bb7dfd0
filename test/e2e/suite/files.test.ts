// `exportRules.files`: extra glob patterns of rule files, relative to the workspace folder, in
// VS Code's glob dialect (braces, classes, `**`). VS Code matches them and tells the server
// which files they take, so what the editor sends and what the server checks are the same
// files, names with spaces and accents included.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, codeOf, ourDiagnostics, SOURCE, waitFor, workspaceFile } from './helpers';

const GLOBS = ['compliance/*.{yaml,yml}', 'My Rules/**/*.rules.yaml', 'règles/[a-c]*.yaml'];

// one mistake each (licence-required), so a checked file has exactly one diagnostic
const text = (id: string) =>
  `ruleset: ${id}\ntitle: ${id}\nrules:\n  - id: r\n    citation: x\n    when:\n      items: [{ eccn: 5A992 }]\n      destinations: [{ country: RU }]\n    decision: licence-required\n`;

const TAKEN = ['compliance/a.yaml', 'compliance/b.yml', 'My Rules/policy.rules.yaml', 'My Rules/2024/q1 été.rules.yaml', 'règles/b-été.yaml'];
const LEFT = ['compliance/c.json', 'elsewhere/compliance/d.yaml', 'My Rules/notes.yaml', 'règles/d-été.yaml'];

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

suite('extra rule files (exportRules.files)', () => {
  const config = () => vscode.workspace.getConfiguration('exportRules');

  suiteSetup(async () => {
    await activeExtension();
    for (const [i, name] of [...TAKEN, ...LEFT].entries()) {
      const p = workspaceFile(name).fsPath;
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, text(`extra-${i}`));
    }
    // a user setting: in Restricted Mode (this window) a workspace's value is not used
    await config().update('files', GLOBS, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await config().update('files', undefined, vscode.ConfigurationTarget.Global);
    for (const name of [...TAKEN, ...LEFT]) fs.rmSync(workspaceFile(name).fsPath, { force: true });
  });

  test('the files the globs take are checked without being opened; the others are not', async () => {
    for (const name of TAKEN) {
      const d = await ourDiagnostics(workspaceFile(name), 1, 60_000);
      assert.deepEqual(d.map(codeOf), ['invalid-value'], name);
    }
    // the server published the whole workspace in one pass, so the others got nothing
    for (const name of LEFT) assert.deepEqual(ours(workspaceFile(name)), [], name);
  });

  test('an opened file the globs take is checked as a rule file; one they do not take is not sent', async () => {
    const left = await vscode.workspace.openTextDocument(workspaceFile('règles/d-été.yaml'));
    const taken = await vscode.workspace.openTextDocument(workspaceFile('My Rules/2024/q1 été.rules.yaml'));
    await vscode.window.showTextDocument(left, { preview: false });
    await vscode.window.showTextDocument(taken, { preview: false });
    const edit = new vscode.WorkspaceEdit();
    edit.replace(taken.uri, new vscode.Range(8, 14, 8, 30), 'license-required');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => ours(taken.uri).length === 0, 30_000, 'the fixed file to have no diagnostics');
    assert.deepEqual(ours(left.uri), []);
  });

});
