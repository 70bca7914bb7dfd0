// The extension loads in a real VS Code and activates on a rule file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, EXTENSION_ID, LANGUAGE_ID, openFixture } from './helpers';

suite('activation', () => {
  test('an *.ecr.yaml file gets the export-rules language and activates the extension', async () => {
    const doc = await openFixture('rules.ecr.yaml');
    assert.equal(doc.languageId, LANGUAGE_ID);
    const ext = await activeExtension();
    assert.equal(ext.id, EXTENSION_ID);
  });

  test('the commands are registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ['exportRules.checkItem', 'exportRules.runRuleTests', 'exportRules.restartServer']) {
      assert.ok(all.has(id), `command ${id} is not registered`);
    }
  });
});
