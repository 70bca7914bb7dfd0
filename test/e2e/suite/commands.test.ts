// The commands a person runs: Check Item (with preset inputs, so no quick picks), Run Rule
// Tests, the Testing view's controller, and Restart Language Server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, codeOf, labelOf, openFixture, positionOf, waitFor, workspaceFile } from './helpers';

interface LspRange { start: { line: number; character: number }; end: { line: number; character: number } }
interface Matched { rule: string; ruleset: string; decision?: string; deciding?: boolean; uri: string | vscode.Uri; range: LspRange }
interface CheckResult { decision: string; matched: Matched[] }
interface TestResult { name: string; passed: boolean; message: string }

async function checkItem(eccn: string, destination: string): Promise<CheckResult> {
  const r = await vscode.commands.executeCommand<CheckResult | undefined>('exportRules.checkItem',
    { item: { eccn }, destination, date: '2024-01-01' });
  assert.ok(r, `exportRules.checkItem returned nothing for ${eccn} to ${destination}`);
  return r;
}

const webviewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);

suite('commands', () => {
  let rules: vscode.TextDocument;
  suiteSetup(async () => {
    rules = await openFixture('rules.ecr.yaml');
    await activeExtension();
  });

  test('Check Item: smartphones to Russia need a license, decided by ru-by-all-ccl, and the result panel opens', async () => {
    const r = await checkItem('5A992', 'RU');
    assert.equal(r.decision, 'license-required');
    const m = r.matched.find((x) => x.rule === 'ru-by-all-ccl');
    assert.ok(m, `matched: ${r.matched.map((x) => x.rule).join(', ')}`);
    assert.equal(m.ruleset, 'e2e-rules');
    assert.match(String(m.uri), /rules\.ecr\.yaml$/);
    assert.equal(m.range.start.line, positionOf(rules, 'id: ru-by-all-ccl').line);
    assert.ok(!r.matched.some((x) => x.ruleset === 'e2e-broken'), 'a rule of broken.ecr.yaml decided about Russia');
    await waitFor(() => webviewTabs().length > 0, 15_000, 'the result panel (a webview tab)');
  });

  test('Check Item: smartphones to Canada need no license (ca-telecom-nlr)', async () => {
    const r = await checkItem('5A992', 'CA');
    assert.equal(r.decision, 'no-license-required');
    assert.ok(r.matched.some((x) => x.rule === 'ca-telecom-nlr'), `matched: ${r.matched.map((x) => x.rule).join(', ')}`);
  });

  test('Check Item: nothing ships to North Korea (regime through Country Groups)', async () => {
    const r = await checkItem('5A992', 'KP');
    assert.equal(r.decision, 'prohibited');
    assert.ok(r.matched.some((x) => x.rule === 'embargoed-destinations'), `matched: ${r.matched.map((x) => x.rule).join(', ')}`);
  });

  test('Run Rule Tests returns every test of the workspace with its outcome', async () => {
    const results = await vscode.commands.executeCommand<TestResult[]>('exportRules.runRuleTests');
    assert.ok(Array.isArray(results), 'exportRules.runRuleTests did not return an array');
    const byName = new Map(results.map((t) => [t.name, t]));
    for (const name of ['smartphones to Russia need a license', 'avionics to Belarus need a license',
      'smartphones to Canada need no license', 'nothing ships to North Korea']) {
      const t = byName.get(name);
      assert.ok(t, `no result for "${name}"; got ${[...byName.keys()].join(' | ')}`);
      assert.equal(t.passed, true, `"${name}" failed: ${t.message}`);
    }
    const wrong = byName.get('deliberately wrong expectation');
    assert.ok(wrong, 'no result for the deliberately failing test of broken.ecr.yaml');
    assert.equal(wrong.passed, false);
    assert.match(wrong.message, /license-required/);
  });

  test('the Testing view has the exportRules controller with a run profile and its items', async () => {
    const profiles = await waitFor(async () => {
      const ps = await vscode.commands.executeCommand<{ controllerId: string }[]>('testing.getSelectedProfiles');
      return ps?.some((p) => p.controllerId === 'exportRules') ? ps : undefined;
    }, 15_000, 'a default run profile of the exportRules test controller');
    assert.ok(profiles.length > 0);
    // The explorer's tree: with nothing selected it reports every runnable root it shows.
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    const sel = await waitFor(async () => {
      const s = await vscode.commands.executeCommand<{ include: string[] }>('_testing.getExplorerSelection');
      return s?.include.some((id) => id.startsWith('exportRules')) ? s : undefined;
    }, 15_000, 'exportRules items in the Testing view');
    assert.ok(sel.include.length > 0);
  });

  test('the rule files without mistakes have no diagnostics at all', async () => {
    // An empty list proves nothing until the server has spoken about the file: plant one
    // mistake, wait for its diagnostic, revert to the file on disk, wait for the server's
    // answer to the reverted text (the planted one is gone), then read everything it says.
    const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'export-rules');
    for (const name of ['rules.ecr.yaml', 'regimes.ecr.yaml']) {
      const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
      await vscode.window.showTextDocument(doc, { preview: false });
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), 'planted: x\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor(() => ours(doc.uri).some((d) => codeOf(d) === 'unknown-property'), 30_000, `the planted mistake in ${name}`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor(() => !ours(doc.uri).some((d) => codeOf(d) === 'unknown-property'), 30_000, `the answer to the reverted ${name}`);
      assert.equal(doc.isDirty, false);
      assert.deepEqual(ours(doc.uri).map((d) => `${codeOf(d)} ${d.range.start.line}: ${d.message}`), [], name);
    }
  });

  test('Restart Language Server: features answer again afterwards', async () => {
    await vscode.commands.executeCommand('exportRules.restartServer');
    const pos = positionOf(rules, '- eccn: 5A992', '- eccn: 5A99'.length);
    await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', rules.uri, pos);
      return list.items.some((i) => labelOf(i) === '5A992');
    }, 30_000, 'completion after the restart');
  });
});
