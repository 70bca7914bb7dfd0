// Parties in the editor: a party whose name matches a list entry gets a diagnostic (the entry,
// the list, the score, the names that matched, what it means) with a quick fix that records a
// cleared false positive; a hover shows the list entries; rules and tests that name an
// undefined party are flagged. Pure: the screening comes in through a PartyScreener (the
// server passes the embedded list or the user's, tests pass any list).
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { RuleDocument } from '../model/document';
import type { Party, PartyClearance, Problem, Span } from '../model/types';
import { localToday } from '../model/dates';
import { locate } from '../model/pointer';
import { clearanceOf, entryHash } from '../screening/clearance';
import { listName, partyEffect } from '../screening/effects';
import { screenNames, type NamedHit, type PartyScreener } from '../screening/screener';
import type { ListEntry, ScreeningHit } from '../screening/types';

/** The hits of a party: its name and alternate names screened, the best hit per entry. */
function screenParty(p: Party, screener: PartyScreener): NamedHit[] {
  return screenNames([p.name, ...p.altNames], p.country, screener);
}

/** Diagnostics about the parties of a document, and about party names it uses. */
export function partyProblems(doc: RuleDocument, screener: PartyScreener | undefined, workspaceParties: readonly Party[]): Problem[] {
  const out: Problem[] = [];
  const parties = doc.ruleSet.parties ?? [];
  if (screener) {
    for (const p of parties) {
      for (const { hit, from } of screenParty(p, screener)) {
        const span = (from < 0 ? p.nameSpan : p.altNameSpans[from]) ?? p.idSpan;
        const cleared = clearanceOf(hit, p.clearances, screener.info.date);
        if (cleared.state === 'cleared') continue;
        const effect = partyEffect(hit);
        const matched = hit.matchedName === hit.name ? '' : `; matched its alternate name "${hit.matchedName}"`;
        const head =
          hit.status === 'match'
            ? `Party "${p.id}" matches the ${listName(hit.list)} entry "${hit.name}" [${hit.list} ${hit.id}], score ${hit.score}${matched}`
            : `Party "${p.id}" is close to the ${listName(hit.list)} entry "${hit.name}" [${hit.list} ${hit.id}], score ${hit.score}${matched}: a possible match, for review`;
        const changed =
          cleared.state === 'changed'
            ? ` It was cleared${cleared.clearance.date ? ` on ${cleared.clearance.date}` : ''}, but ${cleared.why}: review it again.`
            : '';
        out.push({
          code: hit.status === 'match' ? 'party-listed' : 'party-possible-match',
          severity: hit.status === 'match' ? 'warning' : 'info',
          span,
          message: `${head}. Why: ${hit.why.summary}. ${effect.summary.replace(/^Possible match, for review: if the party is "[^"]*" \([^)]*\): /, 'If it is: ')}.${changed} (${screener.info.file}, list of ${screener.info.date})`,
          fixes: [clearanceFix(doc, p, hit, screener.info.date)],
          ...(cleared.state === 'changed' ? { related: [{ span: cleared.clearance.span, message: 'the clearance that no longer holds' }] } : {}),
        });
      }
    }
  }
  out.push(...unknownParties(doc, workspaceParties));
  return out;
}

/** `when: { parties: [{ id: x }] }` and tests' `party: x` that name no party of the workspace. */
function unknownParties(doc: RuleDocument, workspaceParties: readonly Party[]): Problem[] {
  const ids = new Set([...(doc.ruleSet.parties ?? []), ...workspaceParties].map((p) => p.id));
  const out: Problem[] = [];
  const known = [...ids].sort();
  const hint = known.length
    ? `; the parties are: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', ...' : ''}`
    : '; the rule files of the workspace define no parties (a `parties:` section)';
  const rules = doc.ruleSet.rules;
  for (let i = 0; i < rules.length; i++) {
    // (most rules name no party: no loop over an empty list for each of thousands)
    const selectors = rules[i].parties;
    if (!selectors?.length) continue;
    for (const s of selectors) {
      for (const id of s.id ?? []) {
        if (ids.has(id)) continue;
        const at = locate(doc.root, `${s.pointer}/id`);
        const node = at.node?.kind === 'seq' ? at.node.items.find((n) => n?.kind === 'scalar' && String(n.value) === id) : at.node;
        if (!node) continue;
        out.push({
          code: 'unknown-party',
          severity: 'error',
          span: { start: node.start, end: node.end },
          message: `No party "${id}" is defined in the rule files of the workspace${hint}`,
        });
      }
    }
  }
  for (const t of doc.ruleSet.tests) {
    if (!t.party || ids.has(t.party) || !/^[a-z0-9][a-z0-9._-]*$/.test(t.party)) continue;
    const node = locate(doc.root, `${t.pointer}/party`).node;
    if (!node) continue;
    out.push({
      code: 'unknown-party',
      severity: 'warning',
      span: { start: node.start, end: node.end },
      message: `No party "${t.party}" is defined in the rule files of the workspace; the test screens "${t.party}" as a name${hint}`,
    });
  }
  return out;
}

/**
 * The quick fix: a clearance for the hit, added to the party's `clearances:` (made if absent),
 * with the list version and the entry's fingerprint filled in, `reason` and `by` left for the
 * reviewer (empty, so that the schema asks for them).
 */
export function clearanceFix(
  doc: RuleDocument,
  p: Party,
  hit: ScreeningHit,
  listDate: string,
  today = localToday(),
): { title: string; newText: string; span: Span } {
  const text = doc.text;
  const col = (offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
  // the end of the line the node's content ends on (a node's span can run to the next line)
  const lineEnd = (offset: number) => {
    let e = offset;
    while (e > 0 && /\s/.test(text[e - 1])) e--;
    const nl = text.indexOf('\n', e);
    return nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  };
  const item = (dashCol: number) => {
    const pad = ' '.repeat(dashCol);
    const fields: [string, string][] = [
      ['entry', hit.id],
      ['list', hit.list],
      ['name', hit.name],
      ['reason', ''],
      ['by', ''],
      ['date', today],
      ['listVersion', listDate],
      ['entryHash', entryHash(hit.entry)],
    ];
    return fields.map(([k, v], i) => `${i === 0 ? `${pad}- ` : `${pad}  `}${k}: ${yamlString(v)}`).join('\n');
  };
  const title = `Record "${hit.name}" (${hit.list} ${hit.id}) as a cleared false positive of "${p.id}"`;
  const partyNode = locate(doc.root, p.pointer).node;
  // the party's keys start where its mapping does (after the "- ")
  const keyCol = col(partyNode ? partyNode.start : p.span.start);
  const cl = locate(doc.root, `${p.pointer}/clearances`);
  if (cl.node?.kind === 'seq' && cl.node.items.length > 0 && !cl.node.flow) {
    const last = cl.node.items[cl.node.items.length - 1]!;
    const end = lineEnd(last.end);
    return { title, newText: `\n${item(col(cl.node.items[0]!.start) - 2)}`, span: { start: end, end } };
  }
  if (cl.key) {
    // `clearances:` with nothing (or `[]`) after it: the list goes in its place
    const from = cl.key.end;
    const to = cl.node ? cl.node.end : from + 1;
    return { title, newText: `:\n${item(col(cl.key.start) + 2)}`, span: { start: from, end: to } };
  }
  const end = lineEnd(partyNode ? partyNode.end : p.span.end);
  const pad = ' '.repeat(Math.max(0, keyCol));
  return { title, newText: `\n${pad}clearances:\n${item(Math.max(0, keyCol) + 2)}`, span: { start: end, end } };
}

function yamlString(v: string): string {
  if (v === '') return '""';
  return /^[A-Za-z0-9][A-Za-z0-9 ._@/-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) && !/^\d+([eE.]\d*)?$/.test(v) ? v : JSON.stringify(v);
}

/** The hover of a party's name (its screening) or of a clearance (the list entry cleared). */
export function partyHover(doc: RuleDocument, offset: number, screener: PartyScreener | undefined): Hover | null {
  if (!screener) return null;
  const within = (s: Span | undefined) => !!s && offset >= s.start && offset <= s.end;
  for (const p of doc.ruleSet.parties ?? []) {
    if (!within(p.span)) continue;
    const c = p.clearances.find((x) => within(x.span));
    if (c) return markdown(clearanceMarkdown(c, screener), c.span, doc);
    const on = [p.nameSpan, ...p.altNameSpans, p.idSpan].find((s) => within(s));
    if (!on) return null;
    return markdown(partyMarkdown(p, screenParty(p, screener), screener), on, doc);
  }
  return null;
}

function markdown(value: string, span: Span, doc: RuleDocument): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: doc.lines.rangeOf(span) };
}

function partyMarkdown(p: Party, hits: NamedHit[], screener: PartyScreener): string {
  const lines = [
    `**Screening of \`${p.id}\`** (${[p.name, ...p.altNames]
      .filter(Boolean)
      .map((n) => `"${n}"`)
      .join(', ')}${p.country ? `, ${p.country}` : ''})`,
    '',
  ];
  if (hits.length === 0) lines.push(`No list entry matches at threshold ${screener.threshold}.`);
  for (const { hit } of hits) {
    const cleared = clearanceOf(hit, p.clearances, screener.info.date);
    const state =
      cleared.state === 'cleared' ? ' (cleared as a false positive)' : cleared.state === 'changed' ? ' (cleared once; the entry changed since)' : '';
    lines.push(
      `- **${hit.status === 'match' ? 'Match' : 'Possible match'}** ${hit.score} — ${listName(hit.list)} \`${hit.id}\`${state}`,
      '',
      entryMarkdown(hit.entry, '  '),
      `  - why: ${hit.why.summary}`,
      `  - means: ${partyEffect(hit).summary}`,
      '',
    );
  }
  lines.push(`List: ${screener.info.file}, ${screener.info.date}. Reference software, not legal advice: a person decides on every hit.`);
  return lines.join('\n');
}

function clearanceMarkdown(c: PartyClearance, screener: PartyScreener): string {
  const e = screener.entry(c.entry, c.list);
  const lines = [
    `**Cleared false positive** \`${c.entry}\`${c.by ? ` by ${c.by}` : ''}${c.date ? ` on ${c.date}` : ''}${c.listVersion ? ` (list of ${c.listVersion})` : ''}`,
    '',
  ];
  if (!e) lines.push(`The list ${screener.info.file} (${screener.info.date}) has no entry \`${c.entry}\`: it may have been removed.`);
  else {
    lines.push(entryMarkdown(e, ''));
    if (c.entryHash && c.entryHash !== entryHash(e)) lines.push('', 'The entry has changed since it was cleared: review the hit again.');
  }
  return lines.join('\n');
}

/** A list entry as listed. */
function entryMarkdown(e: ListEntry, indent: string): string {
  const rows: string[] = [`**${e.name}** (${listName(e.list)})`];
  if (e.altNames.length) rows.push(`also: ${e.altNames.slice(0, 8).join('; ')}${e.altNames.length > 8 ? '; ...' : ''}`);
  if (e.countries.length) rows.push(`countries: ${e.countries.join(', ')}`);
  if (e.licenseRequirement) rows.push(`licence requirement: ${e.licenseRequirement}`);
  if (e.licensePolicy) rows.push(`review policy: ${e.licensePolicy}`);
  if (e.programs.length) rows.push(`programmes: ${e.programs.join(', ')}`);
  if (e.federalRegisterNotice) rows.push(`Federal Register: ${e.federalRegisterNotice}`);
  return rows.map((r, i) => `${indent}${i === 0 ? '' : '- '}${r}`).join('\n');
}
