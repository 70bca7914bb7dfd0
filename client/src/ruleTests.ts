// The `tests:` entries of rule files in VS Code's Testing view: one item per rule file, one
// child per test, run by the server (`exportRules/runTests`), results at the test's line.
import * as vscode from 'vscode';
import type { RuleTestResult } from '../../server/src/engine/types';
import { type RunTestsParams, RunTestsRequest, type RunTestsResult } from '../../server/src/protocol';
import { decisionLabel } from '../../server/src/render/matrix';
import { fileName } from './renderDetermination';
import { errorMessage, type ServerConnection } from './serverConnection';

export class RuleTests implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController('exportRules', 'Export Rules');
  /** The result behind each test item, by item id. */
  private readonly results = new Map<string, RuleTestResult>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly connection: ServerConnection) {
    this.controller.createRunProfile(
      'Run rule tests',
      vscode.TestRunProfileKind.Run,
      (request, token) => this.runProfile(request, token),
      true,
    );
    this.controller.refreshHandler = () => this.refresh();
  }

  /** Rebuilds the tree from the server (after a start or a change of rule files). */
  refresh(): Promise<void> {
    return this.fetch(undefined).then(
      (results) => this.setTree(results, undefined),
      (error: unknown) => this.connection.output.appendLine(`Listing rule tests failed: ${errorMessage(error)}`),
    );
  }

  /** Coalesces bursts of change notifications into one refresh. */
  refreshSoon(delayMs = 500): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), delayMs);
  }

  /** "Export Rules: Run Rule Tests": runs every test, reports in the Testing view, returns the results. */
  async runAll(): Promise<RunTestsResult> {
    const results = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Export Rules: running rule tests…' },
      () => this.fetch(undefined),
    );
    this.setTree(results, undefined);
    const run = this.controller.createTestRun(new vscode.TestRunRequest(), 'Export Rules: Run Rule Tests', false);
    for (const [id, result] of this.results) {
      const item = this.find(id);
      if (item) report(run, item, result);
    }
    run.end();
    const failed = results.filter((r) => !r.passed).length;
    const summary =
      results.length === 0
        ? 'Export Rules: no rule tests found.'
        : `Export Rules: ${results.length - failed} passed, ${failed} failed.`;
    // Not awaited: the command returns its results without waiting for the message to close.
    const shown = failed > 0 ? vscode.window.showWarningMessage(summary, 'Show Tests') : vscode.window.showInformationMessage(summary);
    void shown.then((choice) => {
      if (choice === 'Show Tests') void vscode.commands.executeCommand('workbench.view.testing.focus');
    });
    return results;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.controller.dispose();
  }

  private fetch(uri: string | undefined, token?: vscode.CancellationToken): Promise<RunTestsResult> {
    const params: RunTestsParams = uri ? { uri } : {};
    return this.connection.request(RunTestsRequest, params, token);
  }

  private async runProfile(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const included = request.include ? new Set(request.include.map((i) => i.id)) : undefined;
    const wanted = (item: vscode.TestItem): boolean =>
      !excluded.has(item.id) &&
      !(item.parent && excluded.has(item.parent.id)) &&
      (!included || included.has(item.id) || (item.parent !== undefined && included.has(item.parent.id)));
    // Whole files are the unit the server runs; all files in one request when nothing is picked.
    const files = included ? [...new Set(request.include!.map((i) => i.parent?.id ?? i.id))] : [undefined];
    for (const file of files) {
      if (token.isCancellationRequested) break;
      const items = this.testsOf(file).filter(wanted);
      for (const item of items) run.started(item);
      try {
        const results = await this.fetch(file, token);
        this.setTree(results, file);
        for (const [id, result] of this.results) {
          const item = this.find(id);
          if (item && (file === undefined || result.uri === file) && wanted(item)) report(run, item, result);
        }
      } catch (error) {
        const message = new vscode.TestMessage(`Could not run the tests: ${errorMessage(error)}`);
        for (const item of items) run.errored(item, message);
      }
    }
    run.end();
  }

  private testsOf(file: string | undefined): vscode.TestItem[] {
    const files: vscode.TestItem[] = [];
    this.controller.items.forEach((f) => {
      if (file === undefined || f.id === file) files.push(f);
    });
    return files.flatMap((f) => {
      const children: vscode.TestItem[] = [];
      f.children.forEach((c) => children.push(c));
      return children;
    });
  }

  private find(id: string): vscode.TestItem | undefined {
    const result = this.results.get(id);
    return result ? this.controller.items.get(result.uri)?.children.get(id) : undefined;
  }

  /** Replaces the tests of one file (or of every file) with those in `results`. */
  private setTree(results: RunTestsResult, onlyFile: string | undefined): void {
    for (const [id, r] of this.results) {
      if (onlyFile === undefined || r.uri === onlyFile) this.results.delete(id);
    }
    const byFile = new Map<string, RuleTestResult[]>();
    for (const r of results) byFile.set(r.uri, [...(byFile.get(r.uri) ?? []), r]);
    if (onlyFile !== undefined && !byFile.has(onlyFile)) this.controller.items.delete(onlyFile);
    const fileItems: vscode.TestItem[] = [];
    for (const [uri, tests] of byFile) {
      const fileItem =
        this.controller.items.get(uri) ?? this.controller.createTestItem(uri, fileName(uri), vscode.Uri.parse(uri));
      fileItem.description = tests[0]?.ruleset;
      const seen = new Map<string, number>();
      fileItem.children.replace(
        tests.map((t) => {
          const n = (seen.get(t.name) ?? 0) + 1;
          seen.set(t.name, n);
          const id = `${uri}#${t.name}${n > 1 ? `#${n}` : ''}`; // names are meant to be unique; be safe
          this.results.set(id, t);
          const item = this.controller.createTestItem(id, t.name, vscode.Uri.parse(uri));
          item.range = toRange(t.range);
          item.description = `expects ${decisionLabel(t.expected).toLowerCase()}`;
          return item;
        }),
      );
      fileItems.push(fileItem);
    }
    if (onlyFile === undefined) this.controller.items.replace(fileItems);
    else for (const f of fileItems) this.controller.items.add(f);
  }
}

function report(run: vscode.TestRun, item: vscode.TestItem, result: RuleTestResult): void {
  if (result.passed) {
    run.passed(item);
    return;
  }
  const location = new vscode.Location(vscode.Uri.parse(result.uri), toRange(result.range));
  if (!result.actual) {
    // Unknown product, ECCN or destination: the test could not be run at all.
    const message = new vscode.TestMessage(result.message);
    message.location = location;
    run.errored(item, message);
    return;
  }
  const deciding = result.actual.matched.filter((m) => m.deciding).map((m) => `${m.ruleset}/${m.rule}`);
  const lines = [
    result.message,
    `Expected: ${result.expected}`,
    `Actual: ${result.actual.decision}`,
    `Deciding rules: ${deciding.length > 0 ? deciding.join(', ') : 'none (no rule applied)'}`,
  ];
  // Plain text rather than expected/actual outputs, so the gutter shows the sentence, not a diff.
  const message = new vscode.TestMessage(lines.join('\n'));
  message.location = location;
  run.failed(item, message);
}

function toRange(r: RuleTestResult['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
