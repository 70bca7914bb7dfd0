// The Check Item result beside the editor: one webview, reused, re-run on "Check again" and
// when the server reports that rule files changed.
import * as vscode from 'vscode';
import type { CheckItemParams, CheckItemResult } from '../../server/src/protocol';
import { parseShipmentValue } from './itemText';
import { determinationAsText, renderCheckError, renderDetermination } from './renderDetermination';
import { createViewPanel, webviewContext } from './webviewScripts';

type ViewMessage =
  | { command: 'open'; index: number }
  | { command: 'checkAgain' }
  | { command: 'checkWithValue' }
  | { command: 'copyText' }
  | { command: 'copyJson' };

/** Runs a check; the panel uses it for "Check again". */
export type Checker = (params: CheckItemParams) => Promise<CheckItemResult>;

export class ResultPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private params: CheckItemParams | undefined;
  private result: CheckItemResult | undefined;
  /** Where rule files open: the editor column the check was started from. */
  private sourceColumn = vscode.ViewColumn.One;
  private generation = 0;

  constructor(private readonly check: Checker) {}

  /** Shows a result (or the error of a failed check) for `params`. */
  show(params: CheckItemParams, outcome: CheckItemResult | Error): void {
    this.generation++; // a slower "Check again" still running must not overwrite this
    this.params = params;
    this.result = outcome instanceof Error ? undefined : outcome;
    const active = vscode.window.activeTextEditor?.viewColumn;
    if (active !== undefined) this.sourceColumn = active;
    if (!this.panel) this.panel = this.createPanel();
    else this.panel.reveal(undefined, true); // stays in its column
    this.render(outcome);
  }

  /** Runs the last check again, if the panel is open. */
  async refresh(): Promise<void> {
    if (!this.panel || !this.params) return;
    const params = this.params;
    const generation = ++this.generation;
    let outcome: CheckItemResult | Error;
    try {
      outcome = await this.check(params);
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
    }
    // A newer check (or a closed panel) wins over a slow answer.
    if (generation !== this.generation || !this.panel || this.params !== params) return;
    this.result = outcome instanceof Error ? undefined : outcome;
    this.render(outcome);
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = createViewPanel('exportRules.result', 'Export Rules: Check');
    panel.webview.onDidReceiveMessage((message: unknown) => {
      const parsed = parseMessage(message);
      if (parsed) void this.handle(parsed);
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.params = undefined;
      this.result = undefined;
    });
    return panel;
  }

  private render(outcome: CheckItemResult | Error): void {
    if (!this.panel || !this.params) return;
    const view = webviewContext(this.panel.webview);
    this.panel.webview.html = outcome instanceof Error ? renderCheckError(outcome.message, this.params, view) : renderDetermination(outcome, view);
    this.panel.title =
      outcome instanceof Error ? 'Export Rules: Check failed' : `Export Rules: ${outcome.destination.code}`;
  }

  private async handle(message: ViewMessage): Promise<void> {
    switch (message.command) {
      case 'open':
        return this.openRule(message.index);
      case 'checkAgain':
        return this.refresh();
      case 'checkWithValue':
        return this.checkWithValue();
      case 'copyText':
        if (!this.result) return;
        await vscode.env.clipboard.writeText(determinationAsText(this.result));
        vscode.window.setStatusBarMessage('Export Rules: result copied as text', 3000);
        return;
      case 'copyJson':
        if (!this.result) return;
        await vscode.env.clipboard.writeText(JSON.stringify(this.result, null, 2) + '\n');
        vscode.window.setStatusBarMessage('Export Rules: result copied as JSON', 3000);
        return;
    }
  }

  /**
   * Asks for the shipment value (only offered when it would decide an exception, LVS) and runs
   * the check again with it.
   */
  private async checkWithValue(): Promise<void> {
    if (!this.params) return;
    const params = this.params;
    const text = await vscode.window.showInputBox({
      title: 'Export Rules: shipment value',
      prompt: "The shipment's value in US dollars: the net value of the order's items under this ECCN (License Exception LVS, 15 CFR 740.3)",
      placeHolder: '4000',
      value: params.item.value !== undefined ? String(params.item.value) : '',
      validateInput: (v) => (parseShipmentValue(v) === undefined ? 'An amount in US dollars, 0 or more (for example 4000)' : undefined),
    });
    const value = text === undefined ? undefined : parseShipmentValue(text);
    if (value === undefined || this.params !== params) return;
    this.params = { ...params, item: { ...params.item, value } };
    await this.refresh();
  }

  /** Opens the rule's file at its range; the location comes from the result, not the view. */
  private async openRule(index: number): Promise<void> {
    const rule = this.result?.matched[index];
    if (!rule) return;
    const { start, end } = rule.range;
    const selection = new vscode.Range(start.line, start.character, end.line, end.character);
    const column = this.panel?.viewColumn === this.sourceColumn ? vscode.ViewColumn.Beside : this.sourceColumn;
    try {
      await vscode.window.showTextDocument(vscode.Uri.parse(rule.uri), { selection, viewColumn: column });
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not open ${rule.uri}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function parseMessage(message: unknown): ViewMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { command, index } = message as { command?: unknown; index?: unknown };
  if (command === 'open') return Number.isInteger(index) ? { command, index: index as number } : undefined;
  if (command === 'checkAgain' || command === 'checkWithValue' || command === 'copyText' || command === 'copyJson') return { command };
  return undefined;
}
