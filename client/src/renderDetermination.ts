// The result view of a check, as plain functions of the server's answer: HTML for the webview
// and text for the clipboard. No VS Code import, so tests render it directly.
import { dataAsOfText } from '../../server/src/model/dates';
import type { CheckItemParams, CheckItemResult } from '../../server/src/protocol';
import type { ItemInput } from '../../server/src/model/types';
import { outcomeOf, type MatchedRule, type ResolvedItem } from '../../server/src/engine/types';
import type { ExceptionResult, ExceptionStatus } from '../../server/src/exceptions/types';
import { deMinimisText, exceptionsText, STATUS_HEADINGS, type InputWords } from '../../server/src/exceptions/text';
import { usd } from '../../server/src/exceptions/match';
import { html, type SafeHtml } from '../../server/src/render/html';
import { decisionClass, decisionLabel } from '../../server/src/render/matrix';
import { type WebviewContext, webviewPage } from './html';
import { describeParty, renderScreening, screeningText } from './renderScreening';

const NOTICE = 'Reference only, not legal advice.';

// A shape besides the colour, so the decision does not rest on colour alone.
const DECISION_MARKS: Readonly<Record<string, string>> = {
  prohibited: '⛔',
  'license-required': '⚠',
  'no-license-required': '✓',
  'not-subject-to-ear': '○',
};

/** What the panel asks for when an input would decide an exception. */
const PANEL_INPUTS: InputWords = {
  value: 'check again with the shipment value',
  paragraph: 'check again with the ECCN paragraph (3A001.b.2)',
  parties: 'screen the parties',
};

/** "FMC-200 (Flight management computer), ECCN 7A994, HS 8526.91, foreign-made". */
export function describeItem(item: Partial<ResolvedItem> & ItemInput): string {
  const parts: string[] = [];
  if (item.product) parts.push(item.name ? `${item.product} (${item.name})` : item.product);
  if (item.eccn) parts.push(item.eccn === 'EAR99' ? 'EAR99' : `ECCN ${item.eccn}`);
  if (item.hs) parts.push(`HS ${item.hs}`);
  if (item.cas) parts.push(`CAS ${item.cas}`);
  if (item.unitValue !== undefined) parts.push(`unit value ${usd(item.unitValue)}`);
  if (item.value !== undefined) parts.push(`value ${usd(item.value)}`);
  if (item.origin === 'foreign' || item.usContent) parts.push('foreign-made');
  if (item.usContent) parts.push(`U.S. content ${item.usContent.percent} % (${item.usContent.eccns.join(', ')})`);
  if (item.directProductOf && item.directProductOf.length > 0) {
    parts.push(`direct product of ${item.directProductOf.join(', ')}`);
  }
  return parts.join(', ') || 'unspecified item';
}


function destinationText(result: CheckItemResult): string {
  const d = result.destination;
  return d.name && d.name !== d.code ? `${d.name} (${d.code})` : d.code;
}

/** The last path segment of a file uri, for display. */
export function fileName(uri: string): string {
  const path = uri.split(/[?#]/)[0] ?? uri;
  const last = path.split('/').filter(Boolean).pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function renderDetermination(result: CheckItemResult, view: WebviewContext): string {
  const matched = result.matched ?? [];
  const outcome = outcomeOf(result);
  const label = decisionLabel(outcome);
  const body = html`
    <header class="decision ${decisionClass(outcome)}" role="status">
      <span class="mark" aria-hidden="true">${DECISION_MARKS[outcome] ?? '?'}</span>
      <h1><span class="visually-hidden">Decision: </span>${label}</h1>
    </header>
    <p class="subject"><strong>${describeItem(result.item)}</strong> to <strong>${destinationText(result)}</strong>${result.screening ? html` for <strong>${describeParty(result.screening.party)}</strong>` : ''} on ${result.date}</p>
    ${(result.warnings ?? []).map((w) => html`<p class="warning" role="note">⚠ ${w}</p>`)}
    ${result.conditional ? renderConditional(result) : ''}
    ${renderScreening(result)}
    ${result.noRuleApplied && result.subjectToEar !== false ? html`<p class="note" id="no-rule">No rule applied, so no licence is required by these rules.</p>` : ''}
    ${result.note ? html`<p class="note">${result.note}</p>` : ''}
    ${renderDeMinimis(result)}
    ${renderExceptions(result)}
    ${matched.length > 0 ? renderRules(matched) : ''}
    ${
      (result.notApplied ?? []).length > 0
        ? html`<section id="not-applied"><h2>${result.subjectToEar === false ? "The EAR's rules set aside (de minimis)" : 'Controls of the item found not to apply here'}</h2><ul>${result.notApplied!.map((n) => html`<li>${n}</li>`)}</ul></section>`
        : ''
    }
    ${renderScope(result)}
    ${renderSources(result.sources ?? [])}
    ${actions()}
    ${footer(result.dataAsOf, result.notice)}`;
  return page(`${label}: ${describeItem(result.item)} to ${destinationText(result)}`, body, view);
}

/** Whether the shipment value would decide a licence exception (LVS needs it): then the panel offers to ask for it. */
function asksForValue(result: CheckItemResult): boolean {
  return (result.exceptions ?? []).some((e) => e.status === 'needs-facts' && (e.inputs ?? []).includes('value'));
}

const STATUS_ORDER: readonly ExceptionStatus[] = ['available', 'needs-facts', 'not-available'];

/** The licence exceptions of a license-required answer: a separate, labelled part, by status. */
function renderExceptions(result: CheckItemResult): SafeHtml | string {
  if (result.decision !== 'license-required' || !Array.isArray(result.exceptions)) return '';
  const list = result.exceptions;
  return html`<section id="exceptions" class="exceptions" aria-labelledby="exceptions-title">
    <h2 id="exceptions-title">Licence exceptions</h2>
    <p class="muted">15 CFR part 740, for this shipment. The decision stays <strong>License required</strong>: an available exception authorises the export instead of a licence when its conditions are met.</p>
    ${list.length === 0 ? html`<p>None listed.</p>` : ''}
    ${STATUS_ORDER.map((status) => {
      const group = list.filter((e) => e.status === status);
      return group.length
        ? html`<h3 class="status-${status}">${STATUS_HEADINGS[status]} (${group.length})</h3><ul class="exception-list">${group.map((e) => renderException(e))}</ul>`
        : '';
    })}
    ${asksForValue(result) ? html`<p class="ask"><button type="button" data-command="checkWithValue">Check again with the shipment value…</button> <span class="muted">LVS depends on it.</span></p>` : ''}
    ${(result.exceptionNotes ?? []).length ? html`<details><summary>What the exceptions were checked against</summary><ul>${result.exceptionNotes.map((n) => html`<li>${n}</li>`)}</ul></details>` : ''}
  </section>`;
}

function renderException(e: ExceptionResult): SafeHtml {
  const needs = (e.needs ?? []).filter((n) => !e.reason.includes(n.replace(/\.$/, '')));
  return html`<li class="exception status-${e.status}" data-symbol="${e.symbol}">
    <strong>${e.symbol}</strong> <span class="muted">${e.title}</span>
    <div>${e.reason}${e.limit !== undefined ? html` <span class="limit">Limit ${usd(e.limit)}.</span>` : ''}</div>
    <div class="muted">${e.citation}</div>
    ${e.entryLine ? html`<div class="muted">Entry: “${e.entryLine}”</div>` : ''}
    ${(e.conditions ?? []).length ? html`<details><summary>Conditions (${e.conditions!.length})</summary><ul>${e.conditions!.map((c) => html`<li>${c}</li>`)}</ul></details>` : ''}
    ${e.status === 'needs-facts' && needs.length ? html`<ul class="needs">${needs.map((n) => html`<li>${n}</li>`)}</ul>` : ''}
  </li>`;
}

/** De minimis for a foreign-made item: the outcome and the calculation. */
function renderDeMinimis(result: CheckItemResult): SafeHtml | string {
  const m = result.deMinimis;
  if (!m) return '';
  const words: Record<string, string> = {
    'not-subject-to-ear': 'Not subject to the EAR',
    'subject-to-ear': 'Subject to the EAR',
    'needs-facts': 'Depends on facts not given (treated as subject to the EAR)',
  };
  return html`<section id="de-minimis" class="de-minimis">
    <h2>De minimis (15 CFR 734.4): ${words[m.outcome] ?? m.outcome}</h2>
    ${m.outcome === 'not-subject-to-ear' && result.subjectToEar !== false ? html`<p class="warning">A foreign direct product rule applies: the item is subject to the EAR whatever its U.S. content.</p>` : ''}
    <p class="calculation"><strong>${m.calculation}</strong></p>
    <p>${m.reason} <span class="muted">${m.citation}</span></p>
    ${(m.needs ?? []).length ? html`<ul class="needs">${m.needs!.map((n) => html`<li>${n}</li>`)}</ul>` : ''}
    <details><summary>Notes (${m.notes.length})</summary><ul>${m.notes.map((n) => html`<li>${n}</li>`)}</ul></details>
  </section>`;
}

/** A decision that rests on rules applying in part: what it depends on, and what remains without it. */
function renderConditional(result: CheckItemResult): SafeHtml {
  const paragraphs = result.paragraphs ?? [];
  return html`<section id="conditional" class="conditional">
    <h2>Most restrictive answer: it depends</h2>
    <p>The deciding rules apply only ${paragraphs.length ? html`to <strong>${paragraphs.join(', ')}</strong>` : 'on conditions'}:</p>
    <ul>${(result.dependsOn ?? []).map((c) => html`<li>${c.text}</li>`)}</ul>
    <p>If none of that holds: <strong>${decisionLabel(result.unconditionalDecision ?? 'no-license-required')}</strong>.${paragraphs.length ? ' Naming the paragraph narrows the answer.' : ''}</p>
  </section>`;
}

/** What the check compared and what it did not: no answer is silent. */
function renderScope(result: CheckItemResult): SafeHtml | string {
  const c = result.checked;
  if (!c) return '';
  return html`<section id="scope"><h2>What was checked</h2>
    <dl>
      <dt>Item controls</dt><dd>${c.controls.join(', ') || 'none (EAR99)'}</dd>
      <dt>Destination</dt><dd>chart ${c.chartColumns.join(' ') || 'no X'}; groups ${c.countryGroups.join(' ') || 'none'}${c.embargoes.length ? `; embargoes ${c.embargoes.join(', ')}` : ''}</dd>
      ${c.lists.length ? html`<dt>Lists searched</dt><dd>${c.lists.join(', ')}</dd>` : ''}
    </dl>
    <h2>Not checked</h2>
    <ul class="not-checked">${(result.notChecked ?? []).map((n) => html`<li>${n}</li>`)}</ul>
  </section>`;
}

function renderRules(matched: MatchedRule[]): SafeHtml {
  return html`<section>
    <h2>Rules that applied (${matched.length})</h2>
    <ol class="rules">${matched.map((rule, index) => renderRule(rule, index))}</ol>
  </section>`;
}

function renderRule(rule: MatchedRule, index: number): SafeHtml {
  const exceptions = rule.exceptions ?? [];
  const where = `${fileName(rule.uri)}:${rule.line}`;
  return html`<li class="rule${rule.deciding ? ' deciding' : ''}">
    <div class="rule-head">
      <a href="#" class="rule-link" data-command="open" data-index="${index}" data-uri="${rule.uri}"
         data-line="${rule.line}" data-start-line="${rule.range.start.line}" data-start-character="${rule.range.start.character}"
         title="Open ${where}">${rule.ruleset} / ${rule.rule}</a>
      ${rule.deciding ? html`<span class="badge">deciding</span>` : ''}
      <span class="rule-decision ${decisionClass(rule.decision)}">${decisionLabel(rule.decision)}</span>
    </div>
    ${rule.title ? html`<div class="rule-title">${rule.title}</div>` : ''}
    <dl>
      ${rule.citation ? html`<dt>Citation</dt><dd>${rule.citation}</dd>` : ''}
      ${rule.review ? html`<dt>Review policy</dt><dd>${rule.review}</dd>` : ''}
      ${rule.authority ? html`<dt>Authority</dt><dd>${rule.authority}</dd>` : ''}
      ${(rule.conditions ?? []).length > 0 ? html`<dt>Applies only if</dt><dd>${rule.conditions!.map((c) => html`<div>${c.text}</div>`)}</dd>` : ''}
      ${exceptions.length > 0 ? html`<dt>Exceptions it names</dt><dd>${exceptions.join(', ')} <span class="muted">(evaluated under Licence exceptions)</span></dd>` : ''}
      <dt>File</dt><dd>${where}</dd>
    </dl>
  </li>`;
}

function renderSources(sources: string[]): SafeHtml | string {
  if (sources.length === 0) return '';
  return html`<section><h2>Rule sources</h2><ul class="sources">${sources.map((s) => html`<li>${s}</li>`)}</ul></section>`;
}

function actions(): SafeHtml {
  return html`<div class="actions">
    <button type="button" data-command="checkAgain">Check again</button>
    <button type="button" class="secondary" data-command="copyText">Copy as text</button>
    <button type="button" class="secondary" data-command="copyJson">Copy as JSON</button>
  </div>`;
}

/** The data date and the notice, at the foot of every view. */
export function footer(dataAsOf: string | undefined, notice: string | undefined): SafeHtml {
  return html`<footer>
    ${dataAsOf ? html`<p>Reference data: ${dataAsOfText(dataAsOf)}.</p>` : ''}
    <p class="notice"><strong>${NOTICE}</strong></p>
    ${notice && notice !== NOTICE ? html`<p class="notice">${notice}</p>` : ''}
  </footer>`;
}

/** The view when a check could not be made (unknown country, product removed, server down). */
export function renderCheckError(message: string, params: CheckItemParams, view: WebviewContext): string {
  const body = html`
    <header class="decision decision-unknown" role="alert">
      <span class="mark" aria-hidden="true">?</span>
      <h1>Could not check</h1>
    </header>
    <p class="subject"><strong>${describeItem(params.item)}</strong> to <strong>${params.destination}</strong>${params.party ? html` for <strong>${params.party}</strong>` : ''}${params.date ? html` on ${params.date}` : ''}</p>
    <p class="error">${message}</p>
    ${actions()}
    ${footer(undefined, undefined)}`;
  return page('Could not check', body, view);
}

/** The result as plain text, for "Copy as text". */
export function determinationAsText(result: CheckItemResult): string {
  const lines = [
    `${decisionLabel(outcomeOf(result))}${result.conditional ? ' (most restrictive: it depends)' : ''}: ${describeItem(result.item)} to ${destinationText(result)}${result.screening ? ` for ${describeParty(result.screening.party)}` : ''} on ${result.date}`,
  ];
  for (const w of result.warnings ?? []) lines.push(`Warning: ${w}`);
  if (result.conditional) {
    lines.push(`Depends on:`);
    for (const c of result.dependsOn ?? []) lines.push(`  - ${c.text}`);
    lines.push(`If none of that holds: ${decisionLabel(result.unconditionalDecision ?? 'no-license-required')}.`);
  }
  if (result.noRuleApplied) lines.push('No rule applied.');
  if (result.note) lines.push(result.note);
  lines.push('', ...screeningText(result));
  for (const rule of result.matched ?? []) {
    lines.push('');
    lines.push(`${rule.deciding ? '* ' : '- '}${rule.ruleset} / ${rule.rule}: ${decisionLabel(rule.decision)}${rule.deciding ? ' (deciding)' : ''}`);
    if (rule.title) lines.push(`  ${rule.title}`);
    if (rule.citation) lines.push(`  Citation: ${rule.citation}`);
    if (rule.review) lines.push(`  Review policy: ${rule.review}`);
    if (rule.authority) lines.push(`  Authority: ${rule.authority}`);
    for (const c of rule.conditions ?? []) lines.push(`  Applies only if: ${c.text}`);
    if ((rule.exceptions ?? []).length > 0) lines.push(`  Exceptions it names: ${rule.exceptions.join(', ')}`);
    lines.push(`  File: ${fileName(rule.uri)}:${rule.line}`);
  }
  const shipment = { ...result, exceptions: result.exceptions ?? [], exceptionNotes: result.exceptionNotes ?? [] };
  const parts = [...deMinimisText(shipment), ...exceptionsText(shipment, PANEL_INPUTS)];
  if (parts.length) lines.push('', ...parts);
  if ((result.notApplied ?? []).length > 0) lines.push('', 'Controls of the item found not to apply here:', ...result.notApplied!.map((n) => `  - ${n}`));
  if (result.checked) {
    lines.push('', `Checked: item controls ${result.checked.controls.join(', ') || 'none (EAR99)'}; destination chart ${result.checked.chartColumns.join(' ') || 'no X'}, groups ${result.checked.countryGroups.join(' ') || 'none'}.`);
  }
  if ((result.notChecked ?? []).length > 0) lines.push('Not checked:', ...result.notChecked.map((n) => `  - ${n}`));
  if ((result.sources ?? []).length > 0) lines.push('', `Rule sources: ${result.sources.join(', ')}`);
  lines.push('');
  if (result.dataAsOf) lines.push(`Reference data: ${dataAsOfText(result.dataAsOf)}.`);
  lines.push(NOTICE);
  return lines.join('\n') + '\n';
}

function page(title: string, body: SafeHtml, view: WebviewContext): string {
  return webviewPage(title, body, view, STYLE, 'commandsView');
}

// Theme variables only, so the view follows light, dark and high-contrast themes.
const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1.5em 1.5em; line-height: 1.45; }
main { max-width: 60em; }
h1 { font-size: 1.8em; margin: 0; }
h2 { font-size: 1.1em; margin: 1.4em 0 0.5em; }
.decision { display: flex; align-items: center; gap: 0.5em; margin-top: 1em; padding: 0.6em 0.8em; border-left: 6px solid; border-radius: 2px; background: var(--vscode-textBlockQuote-background); }
.decision .mark { font-size: 1.8em; }
.decision-prohibited { color: var(--vscode-errorForeground); border-color: var(--vscode-errorForeground); }
.decision-license-required { color: var(--vscode-editorWarning-foreground); border-color: var(--vscode-editorWarning-foreground); }
.decision-no-license-required { color: var(--vscode-testing-iconPassed); border-color: var(--vscode-testing-iconPassed); }
.decision-unknown { color: var(--vscode-descriptionForeground); border-color: var(--vscode-descriptionForeground); }
.rule-decision { font-weight: 600; }
.rules { padding-left: 1.4em; }
.rule { margin-bottom: 1em; padding: 0.4em 0.6em; border: 1px solid var(--vscode-panel-border, transparent); border-radius: 2px; }
.rule.deciding { border-left: 4px solid var(--vscode-textBlockQuote-border, var(--vscode-panel-border)); }
.rule-head { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: baseline; }
.rule-title { margin: 0.2em 0; }
.badge { font-size: 0.85em; padding: 0 0.4em; border-radius: 2px; color: var(--vscode-badge-foreground); background: var(--vscode-badge-background); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; margin: 0.3em 0 0; }
dt { color: var(--vscode-descriptionForeground); }
dd { margin: 0; }
a { color: var(--vscode-textLink-foreground); }
a:hover, a:active { color: var(--vscode-textLink-activeForeground); }
.muted, .note { color: var(--vscode-descriptionForeground); }
.error { color: var(--vscode-errorForeground); }
.warning { color: var(--vscode-editorWarning-foreground); }
.exceptions, .de-minimis { padding: 0.2em 0.8em; border-left: 3px solid var(--vscode-textBlockQuote-border, var(--vscode-panel-border)); background: var(--vscode-textBlockQuote-background); }
.exceptions h3 { font-size: 1em; margin: 0.8em 0 0.3em; }
.exception-list { padding-left: 1.2em; }
.exception { margin-bottom: 0.5em; }
.status-available strong, h3.status-available { color: var(--vscode-testing-iconPassed); }
.status-not-available strong, h3.status-not-available { color: var(--vscode-errorForeground); }
.status-needs-facts strong, h3.status-needs-facts { color: var(--vscode-editorWarning-foreground); }
.decision-not-subject-to-ear { color: var(--vscode-textLink-foreground); border-color: var(--vscode-textLink-foreground); }
.screening { padding: 0.2em 0.8em; border-left: 3px solid var(--vscode-textBlockQuote-border, var(--vscode-panel-border)); background: var(--vscode-textBlockQuote-background); }
.screening-listed { border-left-color: var(--vscode-editorWarning-foreground); }
.screening-possible { border-left-color: var(--vscode-editorInfo-foreground, var(--vscode-descriptionForeground)); }
.screening-clear .mark, .screening-cleared .mark { color: var(--vscode-testing-iconPassed); }
.screening-listed .mark { color: var(--vscode-editorWarning-foreground); }
.hits { padding-left: 1.4em; }
.hit { margin-bottom: 0.8em; }
.hit.deciding { border-left: 4px solid var(--vscode-editorWarning-foreground); padding-left: 0.5em; }
.hit-head { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: baseline; }
.hit-possible .hit-status { color: var(--vscode-descriptionForeground); }
.hit-match .hit-status { color: var(--vscode-editorWarning-foreground); font-weight: 600; }
.conditional { padding: 0.2em 0.8em; border-left: 3px solid var(--vscode-editorWarning-foreground); background: var(--vscode-textBlockQuote-background); }
.actions { display: flex; flex-wrap: wrap; gap: 0.5em; margin: 1.5em 0; }
button { font: inherit; padding: 0.3em 0.9em; border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; cursor: pointer; color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
a:focus-visible, button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
footer { margin-top: 1.5em; color: var(--vscode-descriptionForeground); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
