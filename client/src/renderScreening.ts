// The party screening part of the Check Item result, beside the item decision: the party, the
// list file and its date, the lists searched, the threshold and each hit (the entry as listed,
// its list, score, match or possible match, which names matched and why, and what it does to
// this answer with its citation); "no match" with the list date; or, without a party, that the
// parties were not screened. Plain functions (HTML for the webview, lines for the clipboard).
import type { Determination, PartyScreening, PartyScreeningHit, ScreenedParty } from '../../server/src/engine/types';
import { listName } from '../../server/src/screening/listNames';
import type { ListCode, TokenMatch } from '../../server/src/screening/types';
import { html, type SafeHtml } from '../../server/src/render/html';
import { decisionClass, decisionLabel } from '../../server/src/render/matrix';

/** The heading of the screening by its result. */
const RESULT_WORDS: Readonly<Record<PartyScreening['result'], string>> = {
  listed: 'match on a list',
  possible: 'possible match, for review',
  clear: 'no match',
  cleared: 'hits cleared as false positives',
};

// A shape besides the colour (as the decision header does).
const RESULT_MARKS: Readonly<Record<PartyScreening['result'], string>> = { listed: '⚠', possible: '?', clear: '✓', cleared: '✓' };

const ROLE_WORDS: Readonly<Record<string, string>> = {
  customer: 'customer',
  consignee: 'consignee',
  'intermediate-consignee': 'intermediate consignee',
  'end-user': 'end user',
  forwarder: 'forwarder',
};

/** A party's role in words ("end user"); a role the schema does not name, as written. */
export function roleWords(role: string): string {
  return ROLE_WORDS[role] ?? role;
}

const NOT_SCREENED = 'Parties were not screened: no party was given. Check again with a party to screen it against the restricted-party lists.';

/** "chengdu-latest (Chengdu Latest Electronics Technology Co., Ltd.), end user, CN" or "the name "X" as typed, CN". */
export function describeParty(p: ScreenedParty): string {
  const name = p.names[0];
  const head = p.id ? (name && name !== p.id ? `${p.id} (${name})` : p.id) : `the name "${p.input}"`;
  const role = p.role ? roleWords(p.role) : '';
  return [head, role, p.country ?? ''].filter(Boolean).join(', ');
}

function listsText(codes: readonly ListCode[]): string {
  return codes.map((c) => `${listName(c)} (${c})`).join(', ');
}

/** The lists by code, each with its name as its title (twelve names would fill the panel). */
function listsAbbr(codes: readonly ListCode[]): SafeHtml {
  return html`${codes.map((c, i) => html`${i ? ', ' : ''}<abbr title="${listName(c)}">${c}</abbr>`)}`;
}

function thresholdText(threshold: number): string {
  return `a match from score ${threshold}; a little below it, a possible match for review`;
}

function tokenText(t: TokenMatch): string {
  return t.query === t.listed ? `${t.query} (${t.rule})` : `${t.query} ~ ${t.listed} (${t.rule}, ${t.similarity})`;
}

/** Which names met: the party's name that was screened and the entry's name or alias that matched. */
function namesText(hit: PartyScreeningHit): string {
  const alias = hit.matchedName !== hit.name ? ' (an alternate name of the entry)' : '';
  return `"${hit.screenedName}" and "${hit.matchedName}"${alias}`;
}

function clearanceText(hit: PartyScreeningHit): string | undefined {
  const c = hit.clearance;
  if (!c) return undefined;
  if (c.state === 'changed') return `Cleared earlier${c.date ? ` (${c.date})` : ''}, but ${c.why ?? 'the entry changed'}: review it again.`;
  const who = [c.by ? `by ${c.by}` : '', c.date ? `on ${c.date}` : ''].filter(Boolean).join(' ');
  return `Cleared as a false positive${who ? ` ${who}` : ''}${c.reason ? `: ${c.reason}` : ''}${c.listVersion ? ` (list of ${c.listVersion})` : ''}.`;
}

function hitStatusText(hit: PartyScreeningHit): string {
  if (hit.clearance?.state === 'cleared') return 'cleared';
  return hit.status === 'match' ? 'match' : 'possible match';
}

/** The screening section of the result view, or the line that parties were not screened. */
export function renderScreening(result: Pick<Determination, 'screening'>): SafeHtml {
  const s = result.screening;
  if (!s) return html`<p class="note" id="screening-none">${NOT_SCREENED}</p>`;
  return html`<section id="screening" class="screening screening-${s.result}" aria-labelledby="screening-title">
    <h2 id="screening-title"><span class="mark" aria-hidden="true">${RESULT_MARKS[s.result]}</span> Party screening: ${RESULT_WORDS[s.result]}</h2>
    <dl>
      <dt>Party</dt><dd>${describeParty(s.party)}${s.party.ruleset ? html` <span class="muted">(ruleset ${s.party.ruleset})</span>` : ''}</dd>
      ${s.party.names.length > 1 ? html`<dt>Names screened</dt><dd>${s.party.names.join('; ')}</dd>` : ''}
      <dt>List file</dt><dd>${s.list.file}, of ${s.list.date}</dd>
      <dt>Lists searched</dt><dd>${s.list.lists.length}: ${listsAbbr(s.list.lists)}</dd>
      <dt>Threshold</dt><dd>${thresholdText(s.threshold)}</dd>
    </dl>
    ${s.hits.length === 0 ? html`<p class="screening-clear">No match on these lists (list of ${s.list.date}).</p>` : html`<ol class="hits" aria-label="Hits">${s.hits.map((h) => renderHit(h))}</ol>`}
    ${s.notes.length ? html`<ul class="notes">${s.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}
  </section>`;
}

function renderHit(hit: PartyScreeningHit): SafeHtml {
  const o = hit.outcome;
  const cleared = clearanceText(hit);
  return html`<li class="hit hit-${hit.status}${o.deciding ? ' deciding' : ''}" data-list="${hit.list}" data-id="${hit.id}">
    <div class="hit-head">
      <strong>${hit.name}</strong>
      <span class="badge">${listName(hit.list)}</span>
      <span class="hit-status">${hitStatusText(hit)}, score ${hit.score}</span>
      ${o.deciding ? html`<span class="badge">deciding</span>` : ''}
    </div>
    <dl>
      <dt>Entry</dt><dd>${hit.list} ${hit.id}; ${hit.effect.entry.source}</dd>
      <dt>Names that matched</dt><dd>${namesText(hit)}</dd>
      <dt>Why</dt><dd>${hit.why.summary}${hit.why.tokens.length ? html`<div class="muted">Words: ${hit.why.tokens.map(tokenText).join('; ')}</div>` : ''}</dd>
      <dt>Effect here</dt><dd>${o.decision ? html`<span class="rule-decision ${decisionClass(o.decision)}">${decisionLabel(o.decision)}</span>: ` : ''}${o.text}</dd>
      <dt>Citation</dt><dd>${o.citation}${o.authority ? html` <span class="muted">(${o.authority})</span>` : ''}</dd>
      ${hit.coverage.covers !== 'yes' ? html`<dt>This item</dt><dd>${hit.coverage.reason}</dd>` : ''}
      ${cleared ? html`<dt>Clearance</dt><dd>${cleared}</dd>` : ''}
    </dl>
  </li>`;
}

/** The screening as lines of the "Copy as text" form. */
export function screeningText(result: Pick<Determination, 'screening'>): string[] {
  const s = result.screening;
  if (!s) return [NOT_SCREENED];
  const lines = [
    `Party screening: ${RESULT_WORDS[s.result]}`,
    `  Party: ${describeParty(s.party)}${s.party.ruleset ? ` (ruleset ${s.party.ruleset})` : ''}`,
  ];
  if (s.party.names.length > 1) lines.push(`  Names screened: ${s.party.names.join('; ')}`);
  lines.push(`  List file: ${s.list.file}, of ${s.list.date}`, `  Lists searched: ${listsText(s.list.lists)}`, `  Threshold: ${thresholdText(s.threshold)}`);
  if (s.hits.length === 0) lines.push(`  No match on these lists (list of ${s.list.date}).`);
  for (const hit of s.hits) {
    const o = hit.outcome;
    lines.push(`  ${o.deciding ? '*' : '-'} "${hit.name}" (${listName(hit.list)}, ${hit.list} ${hit.id}): ${hitStatusText(hit)}, score ${hit.score}${o.deciding ? ' (deciding)' : ''}`);
    lines.push(`    Names that matched: ${namesText(hit)}`);
    lines.push(`    Why: ${hit.why.summary}`);
    if (hit.why.tokens.length) lines.push(`    Words: ${hit.why.tokens.map(tokenText).join('; ')}`);
    lines.push(`    Effect here: ${o.decision ? `${decisionLabel(o.decision)}: ` : ''}${o.text}`);
    lines.push(`    Citation: ${o.citation}${o.authority ? ` (${o.authority})` : ''}`);
    if (hit.coverage.covers !== 'yes') lines.push(`    This item: ${hit.coverage.reason}`);
    const cleared = clearanceText(hit);
    if (cleared) lines.push(`    Clearance: ${cleared}`);
  }
  for (const n of s.notes) lines.push(`  Note: ${n}`);
  return lines;
}
