// The status-bar item on rule files: the ruleset id and its errors and warnings; a click
// opens the Problems panel.
import * as vscode from 'vscode';
import { type DocumentInfoParams, DocumentInfoRequest, type DocumentInfoResult } from '../../server/src/protocol';
import { extraFilePatterns, readSettings, ruleDocumentSelector, type ServerConnection } from './serverConnection';

const DIAGNOSTIC_SOURCE = 'export-rules';

export class RuleStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('exportRules.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  /** The last answer, shown while a new one is on its way (no flicker while typing). */
  private last: { uri: string; info: DocumentInfoResult | undefined } | undefined;

  constructor(private readonly connection: ServerConnection) {
    this.item.name = 'Export Rules';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.update();
      }),
      // The ruleset id may have just been typed; ask again once typing pauses.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.update(400);
      }),
    );
    this.update(0);
  }

  /** Redraws for the active editor after `delayMs` (coalescing bursts of events). */
  update(delayMs = 50): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.draw(), delayMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private async draw(): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    const selector = ruleDocumentSelector(extraFilePatterns(readSettings().extraFileGlobs));
    if (!document || vscode.languages.match(selector, document) === 0) {
      this.item.hide();
      return;
    }
    const uri = document.uri.toString();
    const counts = countProblems(document.uri);
    this.render(this.last?.uri === uri ? this.last.info : undefined, counts);
    this.item.show();
    let info: DocumentInfoResult | undefined;
    try {
      const params: DocumentInfoParams = { uri };
      info = await this.connection.request(DocumentInfoRequest, params);
    } catch {
      info = undefined; // server starting or down: the counts still help
    }
    if (generation !== this.generation) return;
    this.last = { uri, info };
    this.render(info, counts);
  }

  private render(info: DocumentInfoResult | undefined, counts: { errors: number; warnings: number }): void {
    const name = info?.ruleset ?? 'Export Rules';
    this.item.text = `$(law) ${name}  $(error) ${counts.errors} $(warning) ${counts.warnings}`;
    const problems = `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`;
    const heading = info?.title ? `${info.title} (${name})` : name;
    const size = info ? `\n${plural(info.rules, 'rule')}, ${plural(info.tests, 'test')}` : '';
    this.item.tooltip = `${heading}\n${problems}${size}\nClick to show the Problems panel`;
    this.item.accessibilityInformation = { label: `Export rules ${name}: ${problems}`, role: 'button' };
  }
}

function countProblems(uri: vscode.Uri): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
  }
  return { errors, warnings };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
