// The party of a check: resolved (a workspace party by id or name, else a name to screen),
// screened with the workspace's clearances honoured, and read for what each hit does to the
// answer (the effect logic is screening/effects.ts: `partyEffect` and `partyCoversItem`); and
// the rules' party selectors graded against it. Pure: the screening comes in as a PartyScreener.
import type { Decision, Party, PartyListName, PartySelector } from '../model/types';
import { clearanceOf } from '../screening/clearance';
import { listName, partyCoversItem, partyEffect, policyWords } from '../screening/effects';
import { screenNames, type PartyScreener } from '../screening/screener';
import type { ListCode } from '../screening/types';
import { Match } from './itemMatch';
import { CheckInputError, type CheckParty, type PartyHit, type PartyOutcome, type PartyScreening, type PartyScreeningHit, type ScreenedParty } from './types';

/** A party input longer than this is refused (a name, not a document). */
const MAX_PARTY = 1000;

/** The schema's list names (`partySelector.list`) as the CSL's codes. */
const SELECTOR_LISTS: Record<Exclude<PartyListName, 'any-list'>, ListCode> = {
  'entity-list': 'EL',
  'meu-list': 'MEU',
  'unverified-list': 'UVL',
  'denied-persons-list': 'DPL',
  sdn: 'SDN',
  ssi: 'SSI',
  fse: 'FSE',
  cmic: 'CMIC',
  'ns-mbs': 'MBS',
  plc: 'PLC',
  capta: 'CAP',
  'itar-debarred': 'DTC',
  nonproliferation: 'ISN',
};

/** What party selectors read: the party and its hits (screened, or with outcomes). */
export interface PartySide {
  party: ScreenedParty;
  hits: readonly Pick<PartyScreeningHit, 'id' | 'name' | 'list' | 'status' | 'clearance'>[];
}

/** Lists whose entries no one may deal with (blocked persons under the OFAC regulations, 31 CFR chapter V; ITAR debarment, 22 CFR 127.7): a hit is prohibited until cleared. */
const OUTRIGHT: readonly ListCode[] = ['SDN', 'FSE', 'DTC'];

/** A party screened for a check, before the item is considered. */
export interface ScreenedCheckParty {
  party: ScreenedParty;
  /** Each hit with its effect and clearance, outcome not yet read against the item. */
  hits: Omit<PartyScreeningHit, 'coverage' | 'outcome'>[];
  list: PartyScreening['list'];
  threshold: number;
  notes: string[];
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The workspace party an input names: by id, else by its name or an alternate name (case and spacing aside). */
function workspaceParty(input: string, parties: readonly Party[]): Party | undefined {
  const byId = parties.find((p) => p.id === input);
  if (byId) return byId;
  const f = fold(input);
  return parties.find((p) => [p.name, ...p.altNames].some((n) => n !== undefined && fold(n) === f));
}

/** Screens the party of a check. Throws CheckInputError for an empty or oversized input. */
export function screenCheckParty(input: CheckParty, parties: readonly Party[], screener: PartyScreener): ScreenedCheckParty {
  const raw: unknown = input?.party;
  if (typeof raw !== 'string' || !raw.trim()) throw new CheckInputError('the party is empty: give a party id of the rule files or a name to screen', 'party', []);
  if (raw.length > MAX_PARTY) throw new CheckInputError(`the party is ${raw.length} characters long; give a name of at most ${MAX_PARTY}`, 'party', []);
  const text = raw.trim();
  const countryIn = typeof input.country === 'string' && input.country.trim() ? input.country.trim().toUpperCase() : undefined;
  if (countryIn !== undefined && !/^[A-Z]{2}$/.test(countryIn)) throw new CheckInputError(`the party's country "${input.country}" is not an ISO 3166-1 alpha-2 code (CN, RU, DE)`, 'party', []);
  const p = workspaceParty(text, parties);
  const country = countryIn ?? p?.country?.toUpperCase();
  const names = p ? [p.name, ...p.altNames].filter((n): n is string => !!n) : [text];
  const party: ScreenedParty = { input: text, names: names.length ? names : [text] };
  if (p) {
    party.id = p.id;
    party.ruleset = p.ruleset;
    if (p.role) party.role = p.role;
  }
  if (country) party.country = country;
  const info = screener.info;
  const notes: string[] = [];
  if (p && !p.name && p.altNames.length === 0) notes.push(`The party "${p.id}" has no name in the rule files: its id was screened.`);
  const hits = screenNames(party.names, country, screener).map(({ hit, from }) => {
    const h: ScreenedCheckParty['hits'][number] = {
      id: hit.id,
      name: hit.name,
      matchedName: hit.matchedName,
      list: hit.list,
      score: hit.score,
      status: hit.status,
      why: hit.why,
      screenedName: party.names[from + 1] ?? text,
      effect: partyEffect(hit),
    };
    const c = p ? clearanceOf(hit, p.clearances, info.date) : ({ state: 'none' } as const);
    if (c.state !== 'none') {
      const { by, date, reason, listVersion } = c.clearance;
      h.clearance = { state: c.state, ...(by ? { by } : {}), ...(date ? { date } : {}), ...(reason ? { reason } : {}), ...(listVersion ? { listVersion } : {}), ...(c.state === 'changed' ? { why: c.why } : {}) };
    }
    return h;
  });
  for (const n of party.names) for (const note of screener.screen({ name: n, ...(country ? { country } : {}) }).notes) if (!notes.includes(note)) notes.push(note);
  return { party, hits, list: { file: info.file, date: info.date, lists: info.lists.map((l) => l.code) }, threshold: screener.threshold, notes };
}

/** A hit that counts: a match not cleared (a clearance that no longer holds alerts again). */
function confirmed(h: ScreenedCheckParty['hits'][number]): boolean {
  return h.status === 'match' && h.clearance?.state !== 'cleared';
}

/** The lists the party is on (confirmed hits), for the licence-exception evaluator. */
export function partyHitsOf(s: ScreenedCheckParty): PartyHit[] {
  return s.hits.filter(confirmed).map((h) => ({ list: h.list, name: h.name }));
}

const entryText = (h: { list: ListCode; id: string; name: string }) => `${listName(h.list)} entry "${h.name}" [${h.list} ${h.id}]`;

/**
 * What each hit does to an answer about this item: the screening part of the Determination
 * (`deciding` left false: the engine sets it when it knows the rules' decision).
 * `subjectToEar` false: de minimis took the item out of the EAR, so the EAR's party rules
 * (Entity List, MEU, Unverified, Denied Persons) do not reach it; OFAC and State lists still do.
 */
export function partyOutcomes(s: ScreenedCheckParty, item: { eccn: string }, subjectToEar: boolean): PartyScreening {
  const hits: PartyScreeningHit[] = s.hits.map((h) => {
    const coverage = partyCoversItem(h.effect, item);
    return { ...h, coverage, outcome: outcomeOf(h, coverage, item.eccn, subjectToEar) };
  });
  const listed = hits.some((h) => confirmed(h));
  const result: PartyScreening['result'] = listed
    ? 'listed'
    : hits.some((h) => h.status === 'possible' && h.clearance?.state !== 'cleared')
      ? 'possible'
      : hits.length
        ? 'cleared'
        : 'clear';
  return { party: s.party, list: s.list, threshold: s.threshold, hits, result, notes: s.notes };
}

function outcomeOf(h: ScreenedCheckParty['hits'][number], coverage: PartyScreeningHit['coverage'], eccn: string, subjectToEar: boolean): PartyOutcome {
  const e = h.effect;
  const at = entryText(h);
  if (h.clearance?.state === 'cleared') {
    const c = h.clearance;
    return {
      kind: 'cleared',
      deciding: false,
      citation: e.citation,
      text: `${at}: cleared as a false positive${c.by ? ` by ${c.by}` : ''}${c.date ? ` on ${c.date}` : ''}${c.reason ? ` (${c.reason})` : ''}; no effect`,
    };
  }
  if (h.status === 'possible') {
    return { kind: 'review', deciding: false, citation: e.citation, text: `Possible match (score ${h.score}, below the threshold), for review: ${e.summary.replace(/^Possible match, for review: /, '')}; it does not change the decision until a person confirms it` };
  }
  const lapsed = h.clearance?.state === 'changed' ? ` (it was cleared, but ${h.clearance.why}: it alerts again)` : '';
  if (e.kind === 'sanctions') {
    // SDN, FSE and ITAR debarment forbid dealing with the party outright: prohibited. The other
    // lists restrict some transactions only (securities, debt, accounts, a programme's terms): a
    // person must clear them before shipping, so license-required (authority named), never less.
    return {
      kind: 'applies',
      decision: OUTRIGHT.includes(h.list) ? 'prohibited' : 'license-required',
      deciding: false,
      citation: e.citation,
      authority: e.agency,
      text: `${at}${lapsed}: blocked until a person clears the hit or ${e.agency === 'unknown' ? 'the administering agency' : e.agency} authorises the transaction${e.programmes.length ? `; programme ${e.programmes.join(', ')}` : ''}`,
    };
  }
  if (!subjectToEar) {
    return { kind: 'not-applicable', deciding: false, citation: e.citation, text: `${at}${lapsed}: the item is not subject to the EAR (de minimis), so the ${listName(h.list)} does not reach it` };
  }
  switch (e.kind) {
    case 'denied-persons':
      return { kind: 'applies', decision: 'prohibited', deciding: false, citation: e.citation, text: `${at}${lapsed}: ${e.summary}` };
    case 'unverified-list':
      return { kind: 'conditions', deciding: false, citation: e.citation, text: `${at}${lapsed}: ${e.summary}` };
    case 'entity-list':
    case 'military-end-user': {
      const what =
        e.kind === 'entity-list'
          ? `licence required (${e.requirement.summary}); review policy: ${policyWords(e.reviewPolicy.text)}; no licence exceptions (§ 744.16(b))`
          : `licence required for the items of supplement no. 2 to part 744 (§ 744.21(b)); presumption of denial; only License Exception GOV (§ 744.21(c))`;
      const decision: Decision = 'license-required';
      if (coverage.covers === 'no') return { kind: 'not-applicable', deciding: false, citation: e.citation, text: `${at}${lapsed}: does not decide this answer: ${coverage.reason}` };
      if (coverage.covers === 'maybe') return { kind: 'conditional', decision, deciding: false, citation: e.citation, text: `${at}${lapsed}: ${what}, if it reaches ${eccn}: ${coverage.reason}` };
      return { kind: 'applies', decision, deciding: false, citation: e.citation, text: `${at}${lapsed}: ${what}; ${coverage.reason}` };
    }
  }
}

/** A plain description of a party selector: "a party on the Entity List", "the party hebei-semi". */
function describeSelector(s: PartySelector): string {
  const parts: string[] = [];
  if (s.id?.length) parts.push(s.id.length === 1 ? `the party ${s.id[0]}` : `one of the parties ${s.id.join(', ')}`);
  if (s.list) parts.push(s.list === 'any-list' ? 'on a screening list' : `on the ${listName(SELECTOR_LISTS[s.list])}`);
  if (s.role) parts.push(`the ${s.role}`);
  if (s.country?.length) parts.push(`in ${s.country.join(' or ')}`);
  return parts.join(', ');
}

/** The condition a rule that selects by party states when the check cannot settle it. */
function partySelectorsText(selectors: readonly PartySelector[]): string {
  return `applies if the party is ${selectors.map(describeSelector).join('; or ')}`;
}

/**
 * How a rule's party selectors match the check's party: Full, Partial (a check without a party;
 * a possible match on the list named; a party whose role or country is not known), None.
 * Selectors are alternatives; every key of one selector must match.
 */
export function partySelectorsGrade(selectors: readonly PartySelector[], party: PartySide | undefined): Match {
  if (!party) return Match.Partial;
  let best = Match.None;
  for (const s of selectors) {
    const g = selectorGrade(s, party);
    if (g > best) best = g;
    if (best === Match.Full) break;
  }
  return best;
}

function selectorGrade(s: PartySelector, screening: PartySide): Match {
  const p = screening.party;
  let g = Match.Full;
  const meet = (m: Match) => {
    if (m < g) g = m;
  };
  if (s.id?.length) meet(p.id !== undefined && s.id.includes(p.id) ? Match.Full : Match.None);
  if (s.list) {
    const code = s.list === 'any-list' ? undefined : SELECTOR_LISTS[s.list];
    const on = screening.hits.filter((h) => h.clearance?.state !== 'cleared' && (code === undefined || h.list === code));
    meet(on.some((h) => h.status === 'match') ? Match.Full : on.length ? Match.Partial : Match.None);
  }
  if (s.role) meet(p.role === undefined ? Match.Partial : p.role === s.role ? Match.Full : Match.None);
  if (s.country?.length) meet(p.country === undefined ? Match.Partial : s.country.some((c) => c.toUpperCase() === p.country) ? Match.Full : Match.None);
  return g;
}

/** The conditions of a rule's party selectors that matched in part, in words. */
export function partySelectorsCondition(selectors: readonly PartySelector[], party: PartySide | undefined): string {
  if (!party) return `${partySelectorsText(selectors)} (no party was given)`;
  const partial = selectors.filter((s) => selectorGrade(s, party) === Match.Partial);
  const possible = party.hits.filter((h) => h.status === 'possible' && h.clearance?.state !== 'cleared');
  const why: string[] = [];
  if (partial.some((s) => s.list) && possible.length) why.push(`possible match with ${possible.map((h) => entryText(h)).join(', ')}, for review`);
  if (partial.some((s) => s.role) && !party.party.role) why.push('the party has no role in the rule files');
  if (partial.some((s) => s.country?.length) && !party.party.country) why.push("the party's country is not known");
  return `${partySelectorsText(partial)}${why.length ? ` (${why.join('; ')})` : ''}`;
}
