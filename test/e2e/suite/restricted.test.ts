// Restricted Mode: the e2e windows never trust their workspace (test/e2e/run.mjs), so every
// other test of this suite runs in Restricted Mode; this one makes that visible and fails if
// the window became trusted (then the rest would prove nothing about Restricted Mode).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension } from './helpers';

suite('restricted mode', () => {
  test('the workspace is not trusted, and the extension is active with its language server', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the e2e workspace should be untrusted (Restricted Mode)');
    const ext = await activeExtension();
    assert.equal(ext.isActive, true);
    const manifest = ext.packageJSON as { capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: unknown } } };
    // limited: everything works, but a repository's own exportRules.files is not used
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.deepEqual(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations, ['exportRules.files']);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('exportRules.checkItem'));
  });
});
