// Impact views beside the editor: the decision matrix (items x destinations, refreshed when
// rules change) and "what changed since a git revision". One reused webview each; a cell or a
// change opens the Check Item result for that pair.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DecisionMatrix } from '../../server/src/impact/matrix';
import type { ItemInput } from '../../server/src/model/types';
import { isCalendarDate } from '../../server/src/model/dates';
import type * as P from '../../server/src/protocol';
import { matrixAsCsv, renderMatrix, renderMatrixError, renderWhatChanged, renderWhatChangedError, type WhatChangedResult } from './renderMatrix';
import { errorMessage, type ServerConnection } from './serverConnection';

// Typed against the server's constants, so a rename there fails the client's type check.
const DecisionMatrixRequest: typeof P.DecisionMatrixRequest = 'exportRules/decisionMatrix';
const WhatChangedRequest: typeof P.WhatChangedRequest = 'exportRules/whatChanged';
const REFRESH_DELAY_MS = 300;

type MatrixMessage =
  | { command: 'check'; row: number; col: number }
  | { command: 'setDate'; date: string }
  | { command: 'exportCsv' | 'copyCsv' | 'refresh' };

function nonce(): string {
  return randomBytes(16).toString('base64');
}

function checkItem(item: ItemInput, destination: string, date: string): void {
  void vscode.commands.executeCommand('exportRules.checkItem', { item, destination, date }).then(undefined, (error: unknown) => {
    void vscode.window.showErrorMessage(`Export Rules: ${errorMessage(error)}`);
  });
}

export class MatrixPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private matrix: DecisionMatrix | undefined;
  /** The date asked for in the view; today (the server's default) when undefined. */
  private date: string | undefined;
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly connection: ServerConnection) {}

  async show(): Promise<void> {
    if (this.panel) this.panel.reveal(undefined, true);
    else this.panel = this.createPanel();
    await this.refresh();
  }

  /** Refreshes after the burst of changes settles (typing fires many notifications). */
  refreshSoon(): void {
    if (!this.panel) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  async refresh(): Promise<void> {
    if (!this.panel) return;
    const generation = ++this.generation;
    const params: P.DecisionMatrixParams = this.date ? { date: this.date } : {};
    try {
      const matrix = await this.connection.request<DecisionMatrix>(DecisionMatrixRequest, params);
      if (generation !== this.generation || !this.panel) return; // a newer refresh wins
      this.matrix = matrix;
      this.render();
    } catch (error) {
      if (generation !== this.generation || !this.panel) return;
      if (this.matrix) this.render(errorMessage(error));
      else this.panel.webview.html = renderMatrixError(errorMessage(error), nonce(), this.panel.webview.cspSource);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      'exportRules.matrix',
      'Export Rules: Decision Matrix',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [], retainContextWhenHidden: false },
    );
    panel.webview.onDidReceiveMessage((message: unknown) => {
      const parsed = parseMatrixMessage(message);
      if (parsed) void this.handle(parsed);
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.matrix = undefined;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
    });
    return panel;
  }

  private render(error?: string): void {
    if (!this.panel || !this.matrix) return;
    this.panel.webview.html = renderMatrix(this.matrix, nonce(), this.panel.webview.cspSource, { date: this.date, error });
    this.panel.title = `Export Rules: Matrix ${this.matrix.date}`;
  }

  private async handle(message: MatrixMessage): Promise<void> {
    const matrix = this.matrix;
    switch (message.command) {
      case 'check': {
        // The pair comes from our copy of the matrix; the view only sends indices.
        const row = matrix?.items[message.row];
        const destination = matrix?.destinations[message.col];
        if (matrix && row && destination) checkItem(row.item, destination.code, matrix.date);
        return;
      }
      case 'setDate':
        this.date = message.date;
        return this.refresh();
      case 'refresh':
        return this.refresh();
      case 'copyCsv':
        if (!matrix) return;
        await vscode.env.clipboard.writeText(matrixAsCsv(matrix));
        vscode.window.setStatusBarMessage('Export Rules: matrix copied as CSV', 3000);
        return;
      case 'exportCsv':
        if (matrix) await exportCsv(matrix);
        return;
    }
  }
}

async function exportCsv(matrix: DecisionMatrix): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `decision-matrix-${matrix.date}.csv`;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { CSV: ['csv'] },
    saveLabel: 'Export',
    title: 'Export the decision matrix as CSV',
  });
  if (!target) return;
  try {
    await vscode.workspace.fs.writeFile(target, Buffer.from(matrixAsCsv(matrix), 'utf8'));
    vscode.window.setStatusBarMessage(`Export Rules: matrix written to ${target.fsPath || target.toString()}`, 4000);
  } catch (error) {
    void vscode.window.showErrorMessage(`Export Rules: could not write ${target.toString()}: ${errorMessage(error)}`);
  }
}

function parseMatrixMessage(message: unknown): MatrixMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { command, row, col, date } = message as { command?: unknown; row?: unknown; col?: unknown; date?: unknown };
  if (command === 'check') {
    return Number.isInteger(row) && Number.isInteger(col) ? { command, row: row as number, col: col as number } : undefined;
  }
  if (command === 'setDate') return typeof date === 'string' && isCalendarDate(date) ? { command, date } : undefined;
  if (command === 'exportCsv' || command === 'copyCsv' || command === 'refresh') return { command };
  return undefined;
}

/** A revision git takes as a revision, never as an option. */
export function validRevision(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'Type a git revision (a branch, tag or commit), for example HEAD or main.';
  if (t.startsWith('-') || /\s/.test(t)) return 'A revision cannot start with "-" or contain spaces.';
  return undefined;
}

export class WhatChangedPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private base = 'HEAD';
  private result: WhatChangedResult | undefined;
  private generation = 0;

  constructor(
    private readonly connection: ServerConnection,
    /** The catalog's as-of text, shown under the table (the answer does not carry it). */
    private readonly dataAsOf: () => Promise<string | undefined>,
  ) {}

  /** Asks for a revision (HEAD by default) and shows what changed since it. */
  async ask(): Promise<void> {
    const base = await vscode.window.showInputBox({
      title: 'Export Rules: What Changed',
      prompt: 'Compare the decisions of the rules now with those at this git revision',
      value: this.base,
      placeHolder: 'HEAD, main, v1.2, a commit hash…',
      validateInput: validRevision,
    });
    if (base === undefined) return;
    this.base = base.trim();
    if (this.panel) this.panel.reveal(undefined, true);
    else this.panel = this.createPanel();
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.panel) return;
    const generation = ++this.generation;
    const base = this.base;
    const webview = this.panel.webview;
    this.panel.title = `Export Rules: Changes since ${base}`;
    try {
      const params: P.WhatChangedParams = { base };
      const [result, dataAsOf] = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Export Rules: comparing with ${base}…` },
        () => Promise.all([this.connection.request<WhatChangedResult>(WhatChangedRequest, params), this.dataAsOf().catch(() => undefined)]),
      );
      if (generation !== this.generation || !this.panel) return;
      this.result = result;
      webview.html = renderWhatChanged(result, nonce(), webview.cspSource, result.dataAsOf ?? dataAsOf);
    } catch (error) {
      if (generation !== this.generation || !this.panel) return;
      this.result = undefined;
      webview.html = renderWhatChangedError(errorMessage(error), base, nonce(), webview.cspSource);
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      'exportRules.whatChanged',
      'Export Rules: What Changed',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [] },
    );
    panel.webview.onDidReceiveMessage((message: unknown) => {
      if (typeof message !== 'object' || message === null) return;
      const { command, index } = message as { command?: unknown; index?: unknown };
      if (command === 'refresh') void this.refresh();
      if (command === 'check' && Number.isInteger(index)) this.check(index as number);
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.result = undefined;
    });
    return panel;
  }

  /** Checks a changed pair now, with the item the server compared. */
  private check(index: number): void {
    const change = this.result?.changes[index];
    if (!change || !this.result) return;
    const item: ItemInput = change.itemInput;
    checkItem(item, change.destination, this.result.date);
  }
}
