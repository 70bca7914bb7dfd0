// Wiring only: the language client, the commands, the status bar, the result view and the
// Testing view. Each concern lives in its own file; the server does all parsing and deciding.
import * as vscode from 'vscode';
import { checkItemCommand, ItemLists, runCheck } from './checkItem';
import { MatrixPanel, WhatChangedPanel } from './matrixPanel';
import { ResultPanel } from './resultPanel';
import { RuleTests } from './ruleTests';
import { ServerConnection } from './serverConnection';
import { RuleStatusBar } from './statusBar';

let connection: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const server = new ServerConnection(context);
  connection = server;
  const lists = new ItemLists(server);
  const panel = new ResultPanel((params) => runCheck(server, params));
  const status = new RuleStatusBar(server);
  const tests = new RuleTests(server);
  const matrix = new MatrixPanel(server);
  const changes = new WhatChangedPanel(server);

  context.subscriptions.push(
    panel,
    status,
    tests,
    matrix,
    changes,
    server.watchSettings(),
    vscode.commands.registerCommand('exportRules.checkItem', (arg: unknown) => checkItemCommand(server, panel, lists, arg)),
    vscode.commands.registerCommand('exportRules.runRuleTests', () => tests.runAll()),
    vscode.commands.registerCommand('exportRules.showDecisionMatrix', () => matrix.show()),
    vscode.commands.registerCommand('exportRules.showWhatChanged', () => changes.ask()),
    vscode.commands.registerCommand('exportRules.restartServer', () => server.restart()),
    vscode.commands.registerCommand('exportRules.showOutput', () => server.output.show()),
    server.onRulesChanged(() => {
      lists.clear();
      void panel.refresh();
      matrix.refreshSoon();
      tests.refreshSoon();
      status.update();
    }),
    server.onDidStart(() => {
      lists.clear();
      tests.refreshSoon(0);
      status.update();
    }),
  );

  // Not awaited: activation returns at once; requests wait for the start themselves.
  void server.start();
}

export function deactivate(): Promise<void> | undefined {
  const server = connection;
  connection = undefined;
  return server?.dispose();
}
