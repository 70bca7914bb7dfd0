// Recovery: the language server is killed; the client restarts it, and an edit made while it
// was down is not lost (the restarted server gets the document as it is now).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activeExtension, codeOf, ourDiagnostics, SOURCE, waitFor, workspaceFile } from './helpers';

/** Our language server: the child of this extension host running dist/server/server.js. */
function serverPid(): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmd.includes('dist/server/server.js')) continue;
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid === process.pid) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

const text = (decision: string, key = 'decision') =>
  `ruleset: e2e-recovery\ntitle: Recovery\nrules:\n  - id: r\n    citation: x\n    when:\n      items: [{ ccl: true }]\n      destinations: [{ country: RU }]\n    ${key}: ${decision}\n`;

suite('recovery', () => {
  test('a killed server is restarted and sees the edit made while it was down', async function () {
    if (process.platform !== 'linux') this.skip();
    await activeExtension();
    const uri = workspaceFile('recovery.ecr.yaml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text('license-required')));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    try {
      await waitFor(() => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE).length === 0 && serverPid(), 30_000, 'a clean file and a running server');
      const before = serverPid()!;
      process.kill(before, 'SIGKILL');
      await waitFor(() => serverPid() !== before, 10_000, 'the old server to be gone');
      // typed while the server is down: a misspelt key
      await editor.edit((e) => e.replace(new vscode.Range(0, 0, doc.lineCount, 0), text('license-required', 'decison')));
      const diags = await ourDiagnostics(uri, 1, 60_000);
      assert.ok(diags.some((d) => codeOf(d) === 'unknown-property'), diags.map((d) => `${codeOf(d)} ${d.message}`).join('\n'));
      const after = await waitFor(() => serverPid(), 10_000, 'a new server process');
      assert.notEqual(after, before);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
