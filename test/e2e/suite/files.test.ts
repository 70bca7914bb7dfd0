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

  test('VS Code takes exactly the files the globs name: braces, classes, `**`, spaces and accents', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const patterns = GLOBS.map((g) => new vscode.RelativePattern(folder, g));
    // what the extension tells the server at start (findFiles) ...
    const found = (await Promise.all(patterns.map((p) => vscode.workspace.findFiles(p)))).flat();
    assert.deepEqual(found.map((u) => vscode.workspace.asRelativePath(u, false)).sort(), [...TAKEN].sort());
    // ... and the documents its selector sends (the same patterns, matched by VS Code)
    for (const name of [...TAKEN, ...LEFT]) {
      const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
      const score = vscode.languages.match(patterns.map((pattern) => ({ scheme: 'file', pattern })), doc);
      assert.equal(score > 0, TAKEN.includes(name), name);
    }
  });

  test('the server checks the files the globs take, opened or not, as rule files', async () => {
    for (const name of TAKEN) {
      const d = await ourDiagnostics(workspaceFile(name), 1, 60_000);
      assert.deepEqual(d.map(codeOf), ['invalid-value'], name);
    }
    // fixing the mistake in the editor clears it: the open buffer is a rule document too
    const taken = await vscode.workspace.openTextDocument(workspaceFile('My Rules/2024/q1 été.rules.yaml'));
    await vscode.window.showTextDocument(taken, { preview: false });
    const edit = new vscode.WorkspaceEdit();
    edit.replace(taken.uri, new vscode.Range(8, 14, 8, 30), 'license-required');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => ours(taken.uri).length === 0, 30_000, 'the fixed file to have no diagnostics');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
