// The decision matrix as HTML, one renderer: the table (grouped by Country Group, a letter in
// every cell besides its colour, a title and an accessible name per cell) and its legend, for
// the editor's matrix view (client/src/renderMatrix.ts adds the controls and the script) and
// for `export-rules matrix --format html` (matrixPage: a self-contained page, no script).
import type { DecisionMatrix, MatrixCell } from '../impact/matrix';
import { dataAsOfText } from '../model/dates';
import { html, type SafeHtml, trusted } from './html';

type Destination = DecisionMatrix['destinations'][number];

const DECISION_LABELS: Readonly<Record<string, string>> = {
  prohibited: 'Prohibited',
  'license-required': 'License required',
  'no-license-required': 'No license required',
  // the outcome of a check whose item de minimis takes outside the EAR (outcomeOf)
  'not-subject-to-ear': 'Not subject to the EAR',
};

// A letter in every cell, so the decision does not rest on colour alone.
const CELL_MARKS: Readonly<Record<string, string>> = {
  prohibited: 'P',
  'license-required': 'L',
  'no-license-required': '–',
  'not-subject-to-ear': 'N',
};

export function decisionLabel(decision: string): string {
  return DECISION_LABELS[decision] ?? decision;
}

export function cellMark(decision: string): string {
  return CELL_MARKS[decision] ?? '?';
}

/** The CSS class of a decision (`decision-prohibited` ...), for the views and the page alike. */
export function decisionClass(decision: string): string {
  return decision in DECISION_LABELS ? `decision-${decision}` : 'decision-unknown';
}

/** "License required (most restrictive: depends on the paragraph or a fact not given)", "Could not check: ...". */
export function cellLabel(c: MatrixCell): string {
  if (c.error) return `Could not check (counted as a licence): ${c.error}`;
  const head = c.subjectToEar === false && c.decision === 'no-license-required' ? 'Not subject to the EAR (de minimis)' : decisionLabel(c.decision);
  const exceptions = c.exceptions?.length ? `, but licence exception ${c.exceptions.join(', ')} available` : '';
  return `${head}${exceptions}${c.conditional ? ' (most restrictive: depends on the paragraph or a fact not given)' : ''}`;
}

export function rulesText(rules: readonly string[]): string {
  return rules.length > 0 ? rules.join(', ') : 'no rule';
}

export function groupTitle(group: string): string {
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

/** The table, with the data attributes the view's script reads (rows, columns, groups, labels). */
export function matrixTable(m: DecisionMatrix): SafeHtml {
  const groups = groupDestinations(m.destinations);
  return html`<table id="matrix" role="grid" aria-label="Decisions by item and destination on ${m.date}">
      <thead>
        <tr><td class="corner"></td>${groups.map(
          (g) => html`<th scope="colgroup" class="group-head" data-group="${g.group}" colspan="${g.columns.length}">${groupTitle(g.group)}</th>`,
        )}</tr>
        <tr><th scope="col" class="item-head">Item</th>${groups.map((g) => g.columns.map((j) => destinationHead(m.destinations[j]!, j)))}</tr>
      </thead>
      <tbody>${m.items.map((item, i) => html`<tr data-row="${i}" data-label="${item.label} ${item.key}">
        <th scope="row" class="item">${item.label}</th>${groups.map((g) => g.columns.map((j) => cell(m, i, j)))}</tr>`)}
      </tbody>
    </table>`;
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
  // "?": the most restrictive answer, the deciding rules apply in part; "!": could not check;
  // "+": a licence exception is available; "N": not subject to the EAR (de minimis)
  const mark = c?.error ? '!' : c?.subjectToEar === false && decision === 'no-license-required' ? NOT_SUBJECT_MARK : cellMark(decision);
  return html`<td role="gridcell" tabindex="-1" class="cell ${decisionClass(decision)}${c?.conditional ? ' conditional' : ''}${c?.exceptions?.length ? ' exception' : ''}" data-row="${i}" data-col="${j}" aria-label="${aria}" title="${title}">${mark}${c?.exceptions?.length ? EXCEPTION_MARK : ''}${c?.conditional ? '?' : ''}</td>`;
}

/** Marks beside the decision's letter: a licence exception available, not subject to the EAR. */
const EXCEPTION_MARK = '+';
const NOT_SUBJECT_MARK = 'N';

export function matrixLegend(): SafeHtml {
  const decisions = ['prohibited', 'license-required', 'no-license-required'];
  return html`<dl class="legend" aria-label="Legend">
    ${decisions.map((d) => html`<div><dt class="cell ${decisionClass(d)}">${cellMark(d)}</dt><dd>${decisionLabel(d)}</dd></div>`)}
    <div><dt class="cell">${EXCEPTION_MARK}</dt><dd>License required, but a licence exception is available (LVS, GBS, TSR or SPP: its conditions still to meet)</dd></div>
    <div><dt class="cell">${NOT_SUBJECT_MARK}</dt><dd>Not subject to the EAR (de minimis)</dd></div>
    <div><dt class="cell">?</dt><dd>The most restrictive answer: it depends on the item's paragraph or a fact not given</dd></div>
    <div><dt class="cell">!</dt><dd>Could not check (counted as a licence)</dd></div>
  </dl>`;
}

// the page's own colours (it is opened outside the editor, with no theme)
const PAGE_STYLE = `
body { font: 13px system-ui, sans-serif; margin: 1em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 2px 4px; text-align: center; }
th.item, th.item-head { text-align: left; white-space: nowrap; }
abbr { text-decoration: none; }
.legend { display: flex; gap: 0.4em 1.2em; }
.legend div { display: flex; gap: 0.4em; }
.legend dt { padding: 0 0.4em; }
.legend dd { margin: 0; }
.decision-prohibited { background: #b00020; color: #fff; }
.decision-license-required { background: #f3c623; }
.decision-no-license-required { background: #e8f5e9; }
`;

/** A self-contained page (no script, no remote resource) for `export-rules matrix --format html`. */
export function matrixPage(m: DecisionMatrix): string {
  return `${html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Decision matrix ${m.date}</title><style>${trusted(PAGE_STYLE)}</style></head>
<body><h1>Decision matrix, ${m.date}</h1>
<p>${m.items.length} item(s) × ${m.destinations.length} destination(s) on ${m.date}.</p>
${matrixLegend()}
${matrixTable(m)}
<footer><p>Reference data: ${dataAsOfText(m.dataAsOf)}.</p><p><strong>${m.notice}</strong></p></footer>
</body></html>`.value}\n`;
}
