// The decision matrix and "what changed" views, as plain functions of the server's answers:
// HTML for the webview and CSV for export. No VS Code import, so tests render them directly.
// Every value from a rule file or the catalog goes through the `html` tag (escaped).
import type { DecisionChange, DecisionMatrix } from '../../server/src/impact/matrix';
import type { WhatChangedResult } from '../../server/src/protocol';
import { html, type SafeHtml } from '../../server/src/render/html';
import { cellLabel, cellMark, decisionClass, groupDestinations, groupTitle, matrixLegend, matrixTable, rulesText } from '../../server/src/render/matrix';
import { type WebviewContext, webviewPage, type WebviewScriptName } from './html';
import { footer } from './renderDetermination';


export interface MatrixViewState {
  /** The date input's value; the matrix's own date when absent. */
  date?: string;
  /** Shown above the table when the last refresh failed (the old matrix stays). */
  error?: string;
}

export function renderMatrix(m: DecisionMatrix, view: WebviewContext, state: MatrixViewState = {}): string {
  const groups = groupDestinations(m.destinations);
  const body = html`
    <h1>Decision matrix</h1>
    <p class="subject">${m.items.length} item(s) × ${m.destinations.length} destination(s) on ${m.date}. Select a cell (click or Enter) to see the full check.</p>
    ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ''}
    <div class="toolbar" role="toolbar" aria-label="Matrix controls">
      <label>Filter <input type="search" id="filter" placeholder="item, country code or name" aria-describedby="match-count"></label>
      <label>Country Group <select id="group">
        <option value="">All groups</option>
        ${groups.map((g) => html`<option value="${g.group}">${groupTitle(g.group)}</option>`)}
      </select></label>
      <label>Date <input type="date" id="date" value="${state.date ?? m.date}"></label>
      <button type="button" data-command="exportCsv">Export CSV…</button>
      <button type="button" class="secondary" data-command="copyCsv">Copy CSV</button>
      <button type="button" class="secondary" data-command="refresh">Refresh</button>
      <span id="match-count" class="muted" aria-live="polite"></span>
    </div>
    ${matrixLegend()}
    <div class="scroll">${matrixTable(m)}</div>
    <p id="no-match" class="note" hidden>Nothing matches the filter.</p>
    ${footer(m.dataAsOf, m.notice)}`;
  return page(`Decision matrix ${m.date}`, body, view, 'matrixView');
}

/** The view when the first matrix could not be made (server down). */
export function renderMatrixError(message: string, view: WebviewContext): string {
  const body = html`
    <h1>Decision matrix</h1>
    <p class="error" role="alert">Could not make the matrix: ${message}</p>
    <div class="actions"><button type="button" class="secondary" data-command="refresh">Try again</button></div>
    ${footer(undefined, undefined)}`;
  return page('Decision matrix', body, view, 'commandsView');
}

// ---- What changed ----------------------------------------------------------------------------

export function renderWhatChanged(result: WhatChangedResult, view: WebviewContext): string {
  const changes = result.changes;
  const stricter = changes.filter((c) => c.stricter).length;
  const summary =
    changes.length === 0
      ? `No decision changed since ${result.base} (on ${result.date}).`
      : `${changes.length} decision(s) changed since ${result.base} (on ${result.date}): ${stricter} stricter, ${changes.length - stricter} relaxed.`;
  const body = html`
    <h1>What changed since ${result.base}</h1>
    <p class="summary" role="status">${summary}</p>
    ${
      changes.length === 0
        ? ''
        : html`<table class="changes">
      <thead><tr><th scope="col">Item</th><th scope="col">Destination</th><th scope="col">Before (${result.base})</th><th scope="col">After (now)</th><th scope="col">Change</th><th scope="col">Rules before</th><th scope="col">Rules after</th></tr></thead>
      <tbody>${changes.map((c, index) => changeRow(c, index))}</tbody>
    </table>`
    }
    <div class="actions"><button type="button" class="secondary" data-command="refresh">Refresh</button></div>
    ${footer(result.dataAsOf, result.notice)}`;
  return page(`What changed since ${result.base}`, body, view, 'commandsView');
}

function changeRow(c: DecisionChange, index: number): SafeHtml {
  const direction = c.stricter ? 'Stricter' : 'Relaxed';
  return html`<tr class="${c.stricter ? 'stricter' : 'relaxed'}">
    <th scope="row"><a href="#" data-command="check" data-index="${index}" title="Check ${c.item} to ${c.destination} now">${c.itemLabel || c.item}</a></th>
    <td>${c.destinationName} (${c.destination})</td>
    <td class="${decisionClass(c.before.decision)}"><span aria-hidden="true">${cellMark(c.before.decision)} </span>${cellLabel(c.before)}</td>
    <td class="${decisionClass(c.after.decision)}"><span aria-hidden="true">${cellMark(c.after.decision)} </span>${cellLabel(c.after)}</td>
    <td class="direction"><span aria-hidden="true">${c.stricter ? '▲ ' : '▼ '}</span>${direction}</td>
    <td>${rulesText(c.before.rules)}</td>
    <td>${rulesText(c.after.rules)}</td>
  </tr>`;
}

/** The view when the comparison could not be made (not a git repository, unknown revision). */
export function renderWhatChangedError(message: string, base: string, view: WebviewContext): string {
  const body = html`
    <h1>What changed since ${base}</h1>
    <p class="error" role="alert">Could not compare: ${message}</p>
    <div class="actions"><button type="button" class="secondary" data-command="refresh">Try again</button></div>
    ${footer(undefined, undefined)}`;
  return page(`What changed since ${base}`, body, view, 'commandsView');
}

// ---- Page --------------------------------------------------------------------------------------


function page(title: string, body: SafeHtml, view: WebviewContext, script: WebviewScriptName): string {
  return webviewPage(title, body, view, STYLE, script);
}

// Theme variables only, so the views follow light, dark and high-contrast themes.
const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1.5em 1.5em; line-height: 1.45; }
h1 { font-size: 1.5em; margin: 0.8em 0 0.3em; }
.toolbar { display: flex; flex-wrap: wrap; gap: 0.6em 1em; align-items: center; margin: 0.8em 0; }
input, select { font: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 0.15em 0.3em; }
.scroll { overflow: auto; max-height: 75vh; border: 1px solid var(--vscode-panel-border, transparent); }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border, transparent)); padding: 0.1em 0.35em; }
#matrix thead th { position: sticky; background: var(--vscode-editor-background); z-index: 1; }
#matrix thead tr:first-child th { top: 0; }
#matrix thead tr:nth-child(2) th { top: 1.6em; }
#matrix th.item, #matrix th.item-head { position: sticky; left: 0; background: var(--vscode-editor-background); text-align: left; white-space: nowrap; max-width: 22em; overflow: hidden; text-overflow: ellipsis; z-index: 2; }
.group-head { text-align: left; white-space: nowrap; }
.dest { font-weight: normal; font-size: 0.9em; }
abbr { text-decoration: none; }
.cell { text-align: center; min-width: 1.6em; font-weight: 600; cursor: pointer; }
.cell:focus { outline: 2px solid var(--vscode-focusBorder); outline-offset: -2px; }
.decision-prohibited { color: var(--vscode-errorForeground); background: var(--vscode-inputValidation-errorBackground, transparent); }
.decision-license-required { color: var(--vscode-editorWarning-foreground); background: var(--vscode-inputValidation-warningBackground, transparent); }
.decision-no-license-required { color: var(--vscode-testing-iconPassed); }
.decision-unknown { color: var(--vscode-descriptionForeground); }
.legend { display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; margin: 0.5em 0; }
.legend div { display: flex; gap: 0.4em; align-items: center; }
.legend dt { cursor: default; border: 1px solid var(--vscode-panel-border, transparent); padding: 0 0.4em; }
.legend dd { margin: 0; }
.changes td, .changes th { text-align: left; vertical-align: top; }
.stricter .direction { color: var(--vscode-errorForeground); font-weight: 600; }
.relaxed .direction { color: var(--vscode-testing-iconPassed); }
a { color: var(--vscode-textLink-foreground); }
.muted, .note, .subject { color: var(--vscode-descriptionForeground); }
.error { color: var(--vscode-errorForeground); }
.actions { display: flex; gap: 0.5em; margin: 1.2em 0; }
button { font: inherit; padding: 0.25em 0.8em; border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; cursor: pointer; color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
footer { margin-top: 1.5em; color: var(--vscode-descriptionForeground); }
[hidden] { display: none !important; }
`;
