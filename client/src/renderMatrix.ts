// The decision matrix and "what changed" views, as plain functions of the server's answers:
// HTML for the webview and CSV for export. No VS Code import, so tests render them directly.
// Every value from a rule file or the catalog goes through the `html` tag (escaped).
import type { DecisionChange, DecisionMatrix, MatrixCell } from '../../server/src/impact/matrix';
import { type SafeHtml, html, webviewPage } from './html';
import { asOfText, COMMAND_SCRIPT, decisionLabel, footer, NOTICE } from './renderDetermination';

/** The `exportRules/whatChanged` answer. */
export interface WhatChangedResult {
  base: string;
  date: string;
  changes: DecisionChange[];
  dataAsOf?: string;
  notice?: string;
}

type Destination = DecisionMatrix['destinations'][number];

// A letter in every cell, so the decision does not rest on colour alone.
const CELL_MARKS: Readonly<Record<string, string>> = {
  prohibited: 'P',
  'license-required': 'L',
  'no-license-required': '–',
};

export function cellMark(decision: string): string {
  return CELL_MARKS[decision] ?? '?';
}

function decisionClass(decision: string): string {
  return decision in CELL_MARKS ? `decision-${decision}` : 'decision-unknown';
}

function rulesText(rules: readonly string[]): string {
  return rules.length > 0 ? rules.join(', ') : 'no rule';
}

function groupTitle(group: string): string {
  if (group === 'none') return 'No Country Group';
  return /^[A-Z]$/.test(group) ? `Country Group ${group}` : group;
}

/** Destinations in their groups, keeping the server's order (grouped already, but not assumed). */
export function groupDestinations(destinations: readonly Destination[]): { group: string; columns: number[] }[] {
  const groups = new Map<string, number[]>();
  destinations.forEach((d, j) => {
    const list = groups.get(d.group) ?? [];
    list.push(j);
    groups.set(d.group, list);
  });
  return [...groups].map(([group, columns]) => ({ group, columns }));
}

export interface MatrixViewState {
  /** The date input's value; the matrix's own date when absent. */
  date?: string;
  /** Shown above the table when the last refresh failed (the old matrix stays). */
  error?: string;
}

export function renderMatrix(m: DecisionMatrix, nonce: string, cspSource: string, state: MatrixViewState = {}): string {
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
    ${legend()}
    <div class="scroll">
    <table id="matrix" role="grid" aria-label="Decisions by item and destination on ${m.date}">
      <thead>
        <tr><td class="corner"></td>${groups.map(
          (g) => html`<th scope="colgroup" class="group-head" data-group="${g.group}" colspan="${g.columns.length}">${groupTitle(g.group)}</th>`,
        )}</tr>
        <tr><th scope="col" class="item-head">Item</th>${groups.map((g) => g.columns.map((j) => destinationHead(m.destinations[j]!, j)))}</tr>
      </thead>
      <tbody>${m.items.map((item, i) => html`<tr data-row="${i}" data-label="${item.label} ${item.key}">
        <th scope="row" class="item">${item.label}</th>${groups.map((g) => g.columns.map((j) => cell(m, i, j)))}</tr>`)}
      </tbody>
    </table>
    </div>
    <p id="no-match" class="note" hidden>Nothing matches the filter.</p>
    ${footer(m.dataAsOf, m.notice)}`;
  return page(`Decision matrix ${m.date}`, body, nonce, cspSource, MATRIX_SCRIPT);
}

/** The view when the first matrix could not be made (server down). */
export function renderMatrixError(message: string, nonce: string, cspSource: string): string {
  const body = html`
    <h1>Decision matrix</h1>
    <p class="error" role="alert">Could not make the matrix: ${message}</p>
    <div class="actions"><button type="button" class="secondary" data-command="refresh">Try again</button></div>
    ${footer(undefined, undefined)}`;
  return page('Decision matrix', body, nonce, cspSource, CHANGES_SCRIPT);
}

function destinationHead(d: Destination, j: number): SafeHtml {
  return html`<th scope="col" class="dest" data-col="${j}" data-group="${d.group}" data-label="${d.code} ${d.name}" title="${d.name} (${groupTitle(d.group)})"><abbr title="${d.name}">${d.code}</abbr></th>`;
}

function cell(m: DecisionMatrix, i: number, j: number): SafeHtml {
  const c: MatrixCell | undefined = m.cells[i]?.[j];
  const item = m.items[i]!;
  const d = m.destinations[j]!;
  const decision = c?.decision ?? 'unknown';
  const label = c ? cellLabel(c) : 'No answer';
  const rules = rulesText(c?.rules ?? []);
  const aria = `${item.label} to ${d.name} (${d.code}): ${label}. Deciding rules: ${rules}.`;
  const title = `${label}: ${item.key} to ${d.name} (${d.code})\nDeciding rules: ${rules}`;
  const mark = c?.error ? '!' : c?.subjectToEar === false && decision === 'no-license-required' ? NOT_SUBJECT_MARK : cellMark(decision);
  return html`<td role="gridcell" tabindex="-1" class="cell ${decisionClass(decision)}${c?.conditional ? ' conditional' : ''}${c?.exceptions ? ' exception' : ''}" data-row="${i}" data-col="${j}" aria-label="${aria}" title="${title}">${mark}${c?.exceptions ? EXCEPTION_MARK : ''}${c?.conditional ? '?' : ''}</td>`;
}

/** Marks beside the decision's letter: a licence exception available, not subject to the EAR. */
const EXCEPTION_MARK = '+';
const NOT_SUBJECT_MARK = 'N';

/** "License required (most restrictive: depends on the paragraph or a fact not given)", "Could not check: ...". */
function cellLabel(c: MatrixCell): string {
  if (c.error) return `Could not check (counted as a licence): ${c.error}`;
  const head = c.subjectToEar === false && c.decision === 'no-license-required' ? 'Not subject to the EAR (de minimis)' : decisionLabel(c.decision);
  const exceptions = c.exceptions ? `, but licence exception ${c.exceptions.join(', ')} available` : '';
  return `${head}${exceptions}${c.conditional ? ' (most restrictive: depends on the paragraph or a fact not given)' : ''}`;
}

function legend(): SafeHtml {
  const entries: [string, string][] = [
    ['prohibited', 'Prohibited'],
    ['license-required', 'License required'],
    ['no-license-required', 'No license required'],
  ];
  return html`<dl class="legend" aria-label="Legend">
    ${entries.map(([d, text]) => html`<div><dt class="cell ${decisionClass(d)}">${cellMark(d)}</dt><dd>${text}</dd></div>`)}
    <div><dt class="cell">${EXCEPTION_MARK}</dt><dd>License required, but a licence exception is available (LVS, GBS, TSR or SPP: select the cell for its conditions)</dd></div>
    <div><dt class="cell">${NOT_SUBJECT_MARK}</dt><dd>Not subject to the EAR (de minimis)</dd></div>
    <div><dt class="cell">?</dt><dd>The most restrictive answer: it depends on the item's paragraph or a fact not given</dd></div>
    <div><dt class="cell">!</dt><dd>Could not check (counted as a licence)</dd></div>
  </dl>`;
}

/** The matrix as CSV: item key, label, then one column per destination code. */
export function matrixAsCsv(m: DecisionMatrix): string {
  const head = ['item', 'label', ...m.destinations.map((d) => d.code)];
  const rows = m.items.map((item, i) => [item.key, item.label, ...m.destinations.map((_, j) => m.cells[i]?.[j]?.decision ?? '')]);
  const lines = [head, ...rows].map((row) => row.map(csvCell).join(','));
  lines.push('', csvCell(`Reference data: ${asOfText(m.dataAsOf)}. ${NOTICE}`));
  return lines.join('\r\n') + '\r\n';
}

/** Quotes when needed; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// ---- What changed ----------------------------------------------------------------------------

export function renderWhatChanged(result: WhatChangedResult, nonce: string, cspSource: string, dataAsOf?: string): string {
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
    ${footer(dataAsOf, undefined)}`;
  return page(`What changed since ${result.base}`, body, nonce, cspSource, CHANGES_SCRIPT);
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
export function renderWhatChangedError(message: string, base: string, nonce: string, cspSource: string): string {
  const body = html`
    <h1>What changed since ${base}</h1>
    <p class="error" role="alert">Could not compare: ${message}</p>
    <div class="actions"><button type="button" class="secondary" data-command="refresh">Try again</button></div>
    ${footer(undefined, undefined)}`;
  return page(`What changed since ${base}`, body, nonce, cspSource, CHANGES_SCRIPT);
}

// ---- Page --------------------------------------------------------------------------------------


function page(title: string, body: SafeHtml, nonce: string, cspSource: string, script: string): string {
  return webviewPage(title, body, nonce, cspSource, STYLE, script);
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

// Filtering, keyboard movement (one tab stop, arrow keys move between visible cells) and
// messages to the extension, which looks the pair up in its own copy of the matrix.
const MATRIX_SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const table = document.getElementById('matrix');
  const filter = document.getElementById('filter');
  const group = document.getElementById('group');
  const date = document.getElementById('date');
  const count = document.getElementById('match-count');
  const noMatch = document.getElementById('no-match');
  const rows = Array.from(table.tBodies[0].rows);
  const heads = Array.from(table.querySelectorAll('th.dest'));
  const groupHeads = Array.from(table.querySelectorAll('th.group-head'));
  const scroller = document.querySelector('.scroll');
  const saved = vscode.getState() || {};
  filter.value = saved.filter || '';
  group.value = saved.group || '';
  // a refresh replaces the page; the filter and the scroll position survive it
  function save() {
    vscode.setState({ filter: filter.value, group: group.value, left: scroller.scrollLeft, top: scroller.scrollTop });
  }

  function apply() {
    const text = filter.value.trim().toLowerCase();
    const g = group.value;
    const inGroup = heads.filter(function (h) { return !g || h.dataset.group === g; });
    const colHits = text ? inGroup.filter(function (h) { return h.dataset.label.toLowerCase().includes(text); }) : [];
    const rowHits = text ? rows.filter(function (r) { return r.dataset.label.toLowerCase().includes(text); }) : [];
    const nothing = text !== '' && colHits.length === 0 && rowHits.length === 0;
    // the text narrows rows when it names items, columns when it names destinations
    const shownCols = new Set((colHits.length ? colHits : inGroup).map(function (h) { return h.dataset.col; }));
    const shownRows = new Set(rowHits.length ? rowHits : rows);
    heads.forEach(function (h) { h.hidden = !shownCols.has(h.dataset.col); });
    rows.forEach(function (r) {
      r.hidden = nothing || !shownRows.has(r);
      Array.from(r.cells).forEach(function (c) { if (c.dataset.col !== undefined) c.hidden = !shownCols.has(c.dataset.col); });
    });
    groupHeads.forEach(function (gh) {
      const n = heads.filter(function (h) { return !h.hidden && h.dataset.group === gh.dataset.group; }).length;
      gh.hidden = n === 0;
      if (n > 0) gh.colSpan = n;
    });
    noMatch.hidden = !nothing;
    count.textContent = nothing ? '' : (shownRows.size + ' item(s), ' + shownCols.size + ' destination(s) shown');
    save();
    ensureTabStop();
  }

  function visibleCells() {
    return rows.filter(function (r) { return !r.hidden; }).map(function (r) {
      return Array.from(r.querySelectorAll('td.cell')).filter(function (c) { return !c.hidden; });
    });
  }
  function ensureTabStop() {
    const current = table.querySelector('td.cell[tabindex="0"]');
    if (current && !current.hidden && !current.parentElement.hidden) return;
    if (current) current.tabIndex = -1;
    const grid = visibleCells();
    if (grid.length && grid[0].length) grid[0][0].tabIndex = 0;
  }
  function focusCell(cell) {
    const current = table.querySelector('td.cell[tabindex="0"]');
    if (current) current.tabIndex = -1;
    cell.tabIndex = 0;
    cell.focus();
  }
  function check(cell) {
    vscode.postMessage({ command: 'check', row: Number(cell.dataset.row), col: Number(cell.dataset.col) });
  }

  table.addEventListener('click', function (event) {
    const cell = event.target instanceof Element ? event.target.closest('td.cell') : null;
    if (!cell) return;
    focusCell(cell);
    check(cell);
  });
  table.addEventListener('keydown', function (event) {
    const cell = event.target instanceof Element ? event.target.closest('td.cell') : null;
    if (!cell) return;
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); check(cell); return; }
    const grid = visibleCells();
    let r = grid.findIndex(function (row) { return row.includes(cell); });
    if (r < 0) return;
    let c = grid[r].indexOf(cell);
    if (event.key === 'ArrowRight') c++;
    else if (event.key === 'ArrowLeft') c--;
    else if (event.key === 'ArrowDown') r++;
    else if (event.key === 'ArrowUp') r--;
    else if (event.key === 'Home') c = 0;
    else if (event.key === 'End') c = grid[r].length - 1;
    else return;
    event.preventDefault();
    r = Math.max(0, Math.min(grid.length - 1, r));
    c = Math.max(0, Math.min(grid[r].length - 1, c));
    if (grid[r][c]) focusCell(grid[r][c]);
  });
  filter.addEventListener('input', apply);
  group.addEventListener('change', apply);
  date.addEventListener('change', function () {
    // the extension checks the date (a date input gives yyyy-mm-dd, or nothing while incomplete)
    if (date.value) vscode.postMessage({ command: 'setDate', date: date.value });
  });
  document.addEventListener('click', function (event) {
    const el = event.target instanceof Element ? event.target.closest('button[data-command]') : null;
    if (el) vscode.postMessage({ command: el.getAttribute('data-command') });
  });
  scroller.addEventListener('scroll', save, { passive: true });
  apply();
  scroller.scrollLeft = saved.left || 0;
  scroller.scrollTop = saved.top || 0;
})();
`;

/** The changes table's only script: links and buttons post a message. */
const CHANGES_SCRIPT = COMMAND_SCRIPT;
