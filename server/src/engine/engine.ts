// The decision engine: built once per set of rule files (the server rebuilds it when rules
// change), then asked about an item, a destination and a date. The answer is the most
// restrictive applying rule, with every applying rule reported. See docs/rule-format.md.
import type { Catalog, Destination, Eccn } from '../catalog/types';
import { localToday, whyNotADate } from '../model/dates';
import { DECISION_RANK, type Decision, type ItemInput, type Rule, type RuleSet } from '../model/types';
import { buildUniverse, type DestinationUniverse } from './destinations';
import { resolveRegimes, type RegimeProblem } from './regimes';
import { buildProductMaster, checkShipmentValue, resolveItem } from './resolveItem';
import { normalizeSku } from './patterns';
import { appliesToItem, buildRuleIndex, compileRules, type CompiledRule, type ItemCandidates, ruleDestinationSet, type RuleIndex } from './ruleIndex';
import { runRuleTests } from './ruleTests';
import { didYouMean } from './suggest';
import type { PartyScreener } from '../screening/screener';
import { listName } from '../screening/effects';
import type { ExceptionResult, LicenceRequirement } from '../exceptions';
import { partyHitsOf, partyOutcomes, partySelectorsCondition, partySelectorsGrade, screenCheckParty, type ScreenedCheckParty } from './parties';
import { type ItemFacts, Match, itemLookupKeys, itemSelectorGrade, selectorConditions, selectorsGrade } from './itemMatch';
import type { ItemControls } from './controls';
import {
  createShipmentAnswers,
  NOT_CHECKED_DE_MINIMIS,
  NOT_CHECKED_DECIDABLE_ONLY,
  NOT_CHECKED_END_USES,
  NOT_CHECKED_NO_EXCEPTIONS,
  NOT_CHECKED_NO_PARTIES,
  reasonsPerItem,
  ruleReasons,
  type DeMinimisScope,
} from './exceptions';
import {
  type BriefDetermination,
  CheckInputError,
  type CheckRequest,
  type ExceptionMode,
  type CheckScope,
  type Determination,
  type MatchCondition,
  type MatchedRule,
  type PartyScreening,
  type ResolvedItem,
  type RuleTestResult,
} from './types';

const DECISIONS_BY_RANK: readonly Decision[] = ['no-license-required', 'license-required', 'prohibited'];

/** What no check of the engine covers by itself (other agencies); parties and exceptions: see exceptions.ts. */
const ALWAYS_NOT_CHECKED: readonly string[] = Object.freeze(["Other agencies' controls (OFAC sanctions, the ITAR) beyond what the rules in use state."]);

/** An item resolved once per engine, with what checks report about it. */
interface ResolvedEntry {
  item: ResolvedItem;
  facts: ItemFacts;
  keys: string[];
  /** What the item's keys find in the rule index (looked up on its first check). */
  lookup?: ItemCandidates;
  entry: Eccn;
  checked: Pick<CheckScope, 'controls'>;
  /** A warning when the item's paragraph is not named in the reference data. */
  unnamedParagraph?: string;
  /** No ECCN was given (an HS code or a product without one): EAR99 is an assumption. */
  assumedEar99: boolean;
  // what answers about this item share (bounded by the destinations and dates asked about)
  partialRules: Map<number, MatchedRule>;
  checkedByDestination: Map<string, CheckScope>;
  notAppliedByDestination: Map<string, string[]>;
  warningsByDate: Map<string, string[]>;
  /** Trace entries of full matches whose reasons depend on the item (rules with several `reason` values). */
  reasonRules: Map<number, MatchedRule>;
  /** De minimis answers by destination and date (only for a foreign-made item with U.S. content). */
  deMinimis: Map<string, DeMinimisScope>;
}

const NO_LISTS: string[] = Object.freeze([]) as unknown as string[];
const NO_RULES: number[] = Object.freeze([]) as unknown as number[];
const byNumber = (a: number, b: number): number => a - b;
const NO_EXCEPTIONS: Determination['exceptions'] = Object.freeze([]) as unknown as Determination['exceptions'];

/**
 * The item's controls as the answer lists them: each chart column, and each reason that has
 * rows without a column (a destination requirement in words), with where it applies:
 * "NS2 (whole item)", "NS1 (3A001.b.2, 3A001.b.3 only; on a condition)".
 */
function describeControls(controls: ItemControls, entry: Eccn): string[] {
  const worded = new Set(entry.controls.filter((r) => r.columns.length === 0 && r.reason).map((r) => r.reason.toUpperCase()));
  const out: string[] = [];
  for (const [key, c] of controls) {
    if (!/\d$/.test(key) && !worded.has(key)) continue;
    const parts: string[] = [];
    if (c.full) parts.push('whole item');
    if (c.paragraphs.length) parts.push(`${c.paragraphs.join(', ')} only`);
    if (c.except.length) parts.push(`except ${c.except.join(', ')}`);
    if (c.conditions.length) parts.push('on a condition');
    out.push(`${key} (${parts.join('; ')})`);
  }
  return out;
}

/** A field of an item key: plain text as it is, anything else as JSON (each part reads back one way). */
const keyPart = (f: unknown): string => (f === undefined || f === null ? '' : typeof f === 'string' ? (/^[\w .:*-]*$/.test(f) ? f : JSON.stringify(f)) : `#${JSON.stringify(f)}`);

/** The cache key of an item's fields (cheaper than JSON.stringify of them all: a batch builds one per line). */
function itemKey(fields: readonly unknown[]): string {
  let key = keyPart(fields[0]);
  for (let i = 1; i < fields.length; i++) key += `|${keyPart(fields[i])}`;
  return key;
}

export const NO_RULE_NOTE = 'No rule applied: no licence requirement was found in these rules.';

/** Counters for tests and benchmarks: how much work checks did (never timings). */
interface EngineStats {
  readonly rules: number;
  /** (destination, item key, rule) entries in the index. */
  readonly indexEntries: number;
  checks: number;
  /** Candidate rules verified in full, over all checks. */
  candidates: number;
  /** Candidates of the last check. */
  lastCandidates: number;
}

export interface Engine {
  check(request: CheckRequest): Determination; // throws CheckInputError on bad input
  /** The same decision as `check`, only what the matrix and `check --batch` show (cheaper). */
  brief(request: CheckRequest): BriefDetermination; // throws CheckInputError on bad input
  resolveItem(item: ItemInput): ResolvedItem; // throws CheckInputError
  regimeMembers(id: string): ReadonlySet<string> | undefined;
  readonly regimeProblems: readonly RegimeProblem[];
  /** Destinations a rule's destination selectors cover, less its except destinations
   *  (for "matches nothing" checks and the matrix). */
  ruleDestinations(rule: Rule): ReadonlySet<string> | 'any';
  /** Every `tests:` entry of the given rule files (default: the engine's), run against all rules. */
  runTests(ruleSets?: readonly RuleSet[]): RuleTestResult[];
  readonly rules: readonly Rule[];
  readonly stats: EngineStats;
}

export interface EngineOptions {
  /** yyyy-mm-dd: the date of checks and tests that name none (default: the local date). */
  today?: string;
  /**
   * The screening of a check's party (`CheckRequest.party`), asked for on the first check that
   * names one. Absent: a check that names a party is an input error (no list to screen against).
   */
  screener?: () => PartyScreener;
}

function matchedRule(r: CompiledRule, deciding: boolean, facts?: ItemFacts): MatchedRule {
  const { rule } = r;
  const m: MatchedRule = {
    ruleset: rule.ruleset,
    rule: rule.id,
    decision: rule.decision,
    deciding,
    exceptions: Object.freeze([...rule.exceptions]) as string[],
    uri: rule.location.uri,
    range: rule.location.range,
    line: rule.location.range.start.line + 1,
  };
  if (rule.title !== undefined) m.title = rule.title;
  if (rule.citation !== undefined) m.citation = rule.citation;
  if (rule.review !== undefined) m.review = rule.review;
  if (rule.authority !== undefined) m.authority = rule.authority;
  const reasons = ruleReasons(r, facts);
  if (reasons.length) m.reasons = Object.freeze(reasons) as string[];
  // shared by every answer the rule is in (a batch makes millions): frozen, so no caller can
  // change another's answer; decorate a copy ({ ...m, file })
  return Object.freeze(m);
}

/** The destination universe of a catalog: the same for every engine built on it. */
const universes = new WeakMap<Catalog, DestinationUniverse>();

export function createEngine(ruleSets: readonly RuleSet[], catalog: Catalog, options: EngineOptions = {}): Engine {
  let universe = universes.get(catalog);
  if (!universe) universes.set(catalog, (universe = buildUniverse(catalog)));
  const u = universe;
  const regimes = resolveRegimes(ruleSets, u);
  const regimeLookup = (id: string): ReadonlySet<string> => regimes.members(id) ?? new Set<string>();
  const products = buildProductMaster(ruleSets.flatMap((rs) => rs.products));
  // The rules are compiled and indexed on the first check, not here: the editor rebuilds the
  // engine on every edit, and its diagnostics ask only for regimes and rule destinations.
  let built:
    | { compiled: CompiledRule[]; index: RuleIndex; shipment: ReturnType<typeof createShipmentAnswers>; perItemReasons: boolean[] }
    | undefined;
  const build = () => {
    if (built) return built;
    const compiled = compileRules(ruleSets, u, regimeLookup);
    return (built = {
      compiled,
      index: buildRuleIndex(compiled),
      shipment: createShipmentAnswers(compiled, catalog),
      perItemReasons: compiled.map(reasonsPerItem),
    });
  };
  const destinationsOf = new WeakMap<Rule, ReadonlySet<string> | 'any'>();
  const rules = ruleSets.flatMap((rs) => rs.rules);
  const parties = ruleSets.flatMap((rs) => rs.parties ?? []);
  const today = options.today ?? localToday();
  let screener: PartyScreener | undefined;
  function screenParty(party: NonNullable<CheckRequest['party']>): ScreenedCheckParty {
    if (!screener) {
      if (!options.screener) throw new CheckInputError('a party was given, but no screening list is loaded to screen it against', 'party', []);
      screener = options.screener();
    }
    return screenCheckParty(party, parties, screener);
  }
  const stats: EngineStats = {
    rules: rules.length,
    get indexEntries() {
      return build().index.entries;
    },
    checks: 0,
    candidates: 0,
    lastCandidates: 0,
  };

  // destinations as asked (a batch names the same few hundred again and again), once found
  const destinationsAsked = new Map<string, Destination>();
  function destinationOf(input: unknown): Destination {
    const known = typeof input === 'string' ? destinationsAsked.get(input) : undefined;
    if (known) return known;
    const d = findDestination(input);
    if (destinationsAsked.size >= 4096) destinationsAsked.clear();
    destinationsAsked.set(input as string, d);
    return d;
  }

  function findDestination(input: unknown): Destination {
    if (typeof input !== 'string' || input.trim() === '') {
      throw new CheckInputError('no destination given: name a country or region code, e.g. RU or UA-43', 'destination', []);
    }
    const text = input.trim();
    const d = catalog.destination(text) ?? catalog.findDestination(text);
    if (d?.notAnExport) throw new CheckInputError(d.notAnExport, 'destination', []);
    if (d?.unanswerable) throw new CheckInputError(d.unanswerable, 'destination', []);
    if (d && u.byCode.has(d.code.toUpperCase())) return d;
    const near = catalog.suggestDestinations(text, 3);
    const kind = text.includes('-') ? 'region' : 'country';
    throw new CheckInputError(
      `unknown ${kind} "${input}"${didYouMean(near.map((s) => `${s.code} (${s.name})`))}`,
      'destination',
      near.map((s) => s.code),
    );
  }

  /**
   * An item resolved once (product master, catalog facts, index keys) and re-used: a batch
   * asks about the same product for every destination. Bounded, and only for items that resolve.
   */
  const templates: [MatchedRule, MatchedRule][] = [];
  const matchedOf = (n: number, deciding: boolean): MatchedRule => {
    const { compiled } = build();
    return (templates[n] ??= [matchedRule(compiled[n], false), matchedRule(compiled[n], true)])[deciding ? 1 : 0];
  };
  /** The trace entry of a full match: the rule's own, or per item when its reasons depend on the item. */
  function fullMatchedOf(r: ResolvedEntry, n: number, deciding: boolean): MatchedRule {
    const { compiled, perItemReasons } = build();
    if (!perItemReasons[n]) return matchedOf(n, deciding);
    const key = deciding ? n : -1 - n;
    let m = r.reasonRules.get(key);
    if (!m) r.reasonRules.set(key, (m = matchedRule(compiled[n], deciding, r.facts)));
    return m;
  }

  const itemCache = new Map<string, ResolvedEntry>();
  // The same item object asked about again (a matrix row): found by identity, its fields
  // compared, without building the text key.
  let last: { input: ItemInput; fields: unknown[]; entry: ResolvedEntry } | undefined;
  function resolved(input: ItemInput): ResolvedEntry {
    // the shipment value and its currency are the check's (checkShipmentValue), not the item's
    const fields = [input.eccn, input.hs, input.product, input.origin, input.directProductOf, input.cas, input.unitValue, input.usContent];
    if (last?.input === input && last.fields.every((f, i) => f === fields[i])) return last.entry;
    const key = itemKey(fields);
    let hit = itemCache.get(key);
    if (!hit) hit = resolveEntry(input, key);
    last = { input, fields, entry: hit };
    return hit;
  }
  function resolveEntry(input: ItemInput, key: string): ResolvedEntry {
    const { item, facts, entry } = resolveItem(input.value === undefined && input.currency === undefined ? input : { ...input, value: undefined, currency: undefined }, products, catalog);
    // shared by every answer about this item: frozen, like the trace entries
    Object.freeze(item.directProductOf);
    const r: ResolvedEntry = {
      item: Object.freeze(item),
      facts,
      keys: itemLookupKeys(facts),
      entry,
      checked: Object.freeze({ controls: Object.freeze(describeControls(facts.controls, entry)) as string[] }),
      partialRules: new Map(),
      checkedByDestination: new Map(),
      notAppliedByDestination: new Map(),
      warningsByDate: new Map(),
      reasonRules: new Map(),
      deMinimis: new Map(),
      assumedEar99: item.eccn === 'EAR99' && !/^ear99$/i.test((input.eccn ?? (input.product ? products.bySku.get(normalizeSku(input.product))?.eccn : undefined) ?? '').trim()),
    };
    const dot = item.eccn.indexOf('.');
    if (dot > 0 && !entry.paragraphs.some((p) => p.toUpperCase() === facts.eccn || p.toUpperCase().startsWith(`${facts.eccn}.`) || facts.eccn.startsWith(`${p.toUpperCase()}.`))) {
      r.unnamedParagraph =
        `${item.eccn} is not a paragraph the reference data names for ${entry.code}: it was answered by the controls of ${entry.code} that apply to the entry as a whole` +
        (entry.paragraphs.length ? ` (the data singles out ${entry.paragraphs.slice(0, 8).join(', ')}${entry.paragraphs.length > 8 ? ' ...' : ''}).` : '.');
    }
    if (itemCache.size >= 10_000) itemCache.clear();
    itemCache.set(key, r);
    return r;
  }

  let lastGoodDate = '';

  /** What the decision path settles for one check (see `decide`). */
  interface Decided {
    request: CheckRequest;
    date: string;
    destination: Destination;
    resolvedItem: ResolvedEntry;
    /** The shipment value given with the check (it replaces the item's own in the answer). */
    value: number | undefined;
    screened: ScreenedCheckParty | undefined;
    screening: PartyScreening | undefined;
    deMinimis: DeMinimisScope | undefined;
    /** EAR rules that applied but were set aside (not subject to the EAR). */
    setAside: number[];
    /** Rule numbers that apply in full / in part, by decision rank, each in workspace order. */
    full: number[][];
    partial: number[][];
    fullTop: number;
    top: number;
    conditional: boolean;
    partyDecides: boolean;
    decision: Decision;
    mode: ExceptionMode | 'none';
    exceptions: { exceptions: ExceptionResult[]; notes: string[] } | undefined;
  }

  /**
   * The one decision path: `check` and `brief` both read what it settles, so that the matrix,
   * `check --batch` and a single check never disagree.
   */
  function decide(request: CheckRequest): Decided {
    const raw: unknown = request.date;
    const date = raw === undefined || raw === null || raw === '' ? today : String(raw).trim();
    if (date !== lastGoodDate) {
      const why = whyNotADate(date);
      if (why) throw new CheckInputError(`invalid date: ${why}`, 'date', []);
    }
    lastGoodDate = date;
    const destination = destinationOf(request.destination);
    const code = destination.code.toUpperCase();
    const input = request.item ?? {};
    const resolvedItem = resolved(input);
    const { facts, keys } = resolvedItem;
    const value = input.value === undefined && input.currency === undefined ? undefined : checkShipmentValue(input.value, input.currency);
    // the item as resolved; a shipment value given with the check is the check's (check copies the item with it)
    const item = resolvedItem.item;
    const shipmentValue = value === undefined ? item.value : value;

    const { compiled, index, shipment } = build();
    const screened = request.party !== undefined ? screenParty(request.party) : undefined;
    const candidates = index.candidates(code, (resolvedItem.lookup ??= index.lookup(keys)));
    stats.checks++;
    stats.candidates += candidates.length;
    stats.lastCandidates = candidates.length;
    // a foreign-made item with U.S. content may be outside the EAR (de minimis): its rules are then set aside
    const usContent = item.usContent;
    const deMinimis = usContent
      ? shipment.deMinimis({ eccn: resolvedItem.assumedEar99 ? undefined : item.eccn, usContent, cache: resolvedItem.deMinimis }, code, date, candidates, facts)
      : undefined;
    const setAside: number[] = [];

    // Bucket by grade and decision (most restrictive first), then workspace order: rule numbers
    // are that order, so a numeric sort of each bucket suffices.
    const full: number[][] = [[], [], []];
    const partial: number[][] = [[], [], []];
    for (const n of candidates) {
      const r = compiled[n];
      let g = appliesToItem(r, facts, date);
      // a rule for some parties: only for them; in part when the check cannot tell
      if (g !== Match.None && r.parties) {
        const pg = partySelectorsGrade(r.parties, screened);
        if (pg < g) g = pg;
      }
      if (g !== Match.None && deMinimis?.outside && shipment.isEarRule(n)) {
        setAside.push(n);
        continue;
      }
      if (g === Match.Full) full[DECISION_RANK[r.rule.decision]].push(n);
      else if (g === Match.Partial) partial[DECISION_RANK[r.rule.decision]].push(n);
    }
    for (const bucket of full) if (bucket.length > 1) bucket.sort(byNumber);
    for (const bucket of partial) if (bucket.length > 1) bucket.sort(byNumber);
    let fullTop = 2;
    while (fullTop >= 0 && full[fullTop].length === 0) fullTop--;
    let partialTop = 2;
    while (partialTop >= 0 && partial[partialTop].length === 0) partialTop--;
    // the party's hits that reach the item join the rules: in full, or in part (coverage unsure)
    const screening = screened ? partyOutcomes(screened, { eccn: item.eccn }, deMinimis?.outside !== true) : undefined;
    for (const h of screening?.hits ?? []) {
      if (!h.outcome.decision) continue;
      const rank = DECISION_RANK[h.outcome.decision];
      if (h.outcome.kind === 'applies') fullTop = Math.max(fullTop, rank);
      else if (h.outcome.kind === 'conditional') partialTop = Math.max(partialTop, rank);
    }
    // The decision is the most restrictive over the rules that apply in full and in part. Rules
    // that apply in full decide when they reach that rank; otherwise the decision is conditional
    // and the rules that apply in part decide. A rule that applies in part below the rank of the
    // full ones changes nothing and stays out of the trace.
    const conditional = partialTop > fullTop;
    const top = Math.max(fullTop, partialTop);

    let partyDecides = false;
    const partyRequirements: LicenceRequirement[] = [];
    for (const h of screening?.hits ?? []) {
      const o = h.outcome;
      if (!o.decision || (o.kind !== 'applies' && o.kind !== 'conditional')) continue;
      const rank = DECISION_RANK[o.decision];
      o.deciding = rank === top && (o.kind === 'applies' || conditional);
      if (!o.deciding) continue;
      partyDecides = true;
      if (o.decision === 'license-required' && (h.effect.kind === 'entity-list' || h.effect.kind === 'military-end-user')) {
        partyRequirements.push({ rule: `${h.list} ${h.id}`, reasons: [], kind: 'party', citation: h.effect.kind === 'entity-list' ? '15 CFR 744.16' : '15 CFR 744.21' });
      }
    }

    const decision: Decision = top >= 0 ? DECISIONS_BY_RANK[top] : 'no-license-required';
    const mode = decision === 'license-required' ? (request.exceptions ?? 'all') : 'none';
    // the licence exceptions answer for the deciding rules and, conservatively, those at the same rank
    const exceptions =
      mode === 'none'
        ? undefined
        : shipment.exceptions({ eccn: item.eccn, destination: code, date, value: shipmentValue, rules: partial[top].length === 0 ? full[top] : [...full[top], ...partial[top]], facts, mode, partyHits: screened ? [...(request.partyHits ?? []), ...partyHitsOf(screened)] : request.partyHits, partyRequirements, outsideEar: deMinimis?.outside === true });
    return { request, date, destination, resolvedItem, value, screened, screening, deMinimis, setAside, full, partial, fullTop, top, conditional, partyDecides, decision, mode, exceptions };
  }

  function check(request: CheckRequest): Determination {
    const { date, destination, resolvedItem, value, screened, screening, deMinimis, setAside, full, partial, fullTop, top, conditional, partyDecides, decision, mode, exceptions } = decide(request);
    const item = value === undefined ? resolvedItem.item : { ...resolvedItem.item, value };
    const { compiled, shipment } = build();
    const facts = resolvedItem.facts;
    const matched: MatchedRule[] = [];
    const dependsOn: MatchCondition[] = [];
    for (let rank = 2; rank >= 0; rank--) {
      for (const n of full[rank]) matched.push(fullMatchedOf(resolvedItem, n, rank === top));
      if (rank < fullTop) continue;
      const decides = conditional && rank === top;
      for (const n of partial[rank]) {
        const m = compiled[n].parties ? partyMatchedOf(resolvedItem, n, decides, screened) : partialMatchedOf(resolvedItem, n, decides);
        matched.push(m);
        if (decides) for (const c of m.conditions!) if (!dependsOn.some((d) => d.text === c.text)) dependsOn.push(c);
      }
    }
    // deciding rules first
    matched.sort((a, b) => Number(b.deciding) - Number(a.deciding));
    for (const h of screening?.hits ?? []) {
      const o = h.outcome;
      if (!o.decision || o.kind !== 'conditional' || !o.deciding) continue;
      if (!dependsOn.some((d) => d.text === o.text)) dependsOn.push({ kind: 'party', text: o.text });
    }

    const noRuleApplied = matched.length === 0 && !partyDecides;
    const d: Determination = {
      decision,
      item,
      destination: { code: destination.code, name: destination.name },
      date,
      matched,
      exceptions: exceptions?.exceptions ?? NO_EXCEPTIONS,
      exceptionNotes: exceptions?.notes ?? NO_LISTS,
      noRuleApplied,
      checked: screening ? { ...checkedFor(resolvedItem, destination), lists: screening.list.lists.map((l) => `${listName(l)} (${l})`) } : checkedFor(resolvedItem, destination),
      notChecked: notChecked(item, partial, facts, (decision === 'license-required' ? (mode === 'decidable' ? 32 : request.exceptions === 'none' ? 64 : 0) : 0) | (request.partyHits || screening ? 16 : 0)),
      warnings: screening ? [...warningsFor(date, resolvedItem), ...screeningWarnings(screening)] : warningsFor(date, resolvedItem),
      dataAsOf: catalog.data.dataDate,
      notice: catalog.data.notice,
    };
    if (screening) d.screening = screening;
    if (deMinimis) {
      d.deMinimis = deMinimis.result;
      d.subjectToEar = !deMinimis.outside;
    }
    if (conditional) {
      d.conditional = true;
      d.dependsOn = dependsOn;
      d.unconditionalDecision = fullTop >= 0 ? DECISIONS_BY_RANK[fullTop] : 'no-license-required';
      const paragraphs = [...new Set(dependsOn.flatMap((c) => c.paragraphs ?? []))];
      if (paragraphs.length) d.paragraphs = paragraphs;
    }
    if (noRuleApplied) d.note = NO_RULE_NOTE;
    if (decision === 'no-license-required') d.notApplied = notAppliedFor(resolvedItem, destination);
    if (deMinimis?.outside) {
      d.note = `Not subject to the EAR: ${deMinimis.result.calculation} The EAR's rules were set aside${noRuleApplied ? '' : '; the rules that remain decide'}.`;
      if (setAside.length) d.notApplied = setAside.sort(byNumber).map((n) => shipment.setAsideLine(n, deMinimis.result));
    }
    return d;
  }

  /** The rule labels (ruleset/rule) of the short answers, by rule number. */
  const labels: string[] = [];
  function brief(request: CheckRequest): BriefDetermination {
    const { date, destination, screening, deMinimis, full, partial, top, conditional, decision, exceptions } = decide(request);
    const out: BriefDetermination = { decision, rules: NO_LISTS, exceptions: NO_LISTS, destination: destination.code, date };
    // the deciding rules, as check lists them first: those at the top rank that apply in full,
    // or, when the decision is conditional, those that apply in part
    const deciding = top < 0 ? NO_RULES : conditional ? partial[top] : full[top];
    if (deciding.length) {
      const { compiled } = build();
      out.rules = deciding.map((n) => (labels[n] ??= `${compiled[n].rule.ruleset}/${compiled[n].rule.id}`));
    }
    if (conditional) out.conditional = true;
    if (exceptions && exceptions.exceptions.length) {
      const available = exceptions.exceptions.filter((e) => e.status === 'available').map((e) => e.symbol);
      if (available.length) out.exceptions = available;
    }
    if (deMinimis) out.subjectToEar = !deMinimis.outside;
    if (screening) out.screening = screening;
    return out;
  }

  // The descriptive parts of an answer are the same for the same item (and destination, date):
  // built once and shared, frozen, so that a batch or a matrix pays for them once.
  function partialMatchedOf(r: ResolvedEntry, n: number, deciding: boolean): MatchedRule {
    const key = deciding ? n : -1 - n;
    let m = r.partialRules.get(key);
    if (!m) {
      const { compiled, perItemReasons } = build();
      const conditions = Object.freeze(conditionsOf(compiled[n], r.facts, r.item.eccn)) as MatchCondition[];
      m = Object.freeze({ ...(perItemReasons[n] ? matchedRule(compiled[n], deciding, r.facts) : matchedOf(n, deciding)), conditions });
      r.partialRules.set(key, m);
    }
    return m;
  }

  /** The trace entry of a rule that selects by party and applies in part: not shared (its conditions depend on the party). */
  function partyMatchedOf(r: ResolvedEntry, n: number, deciding: boolean, party: ScreenedCheckParty | undefined): MatchedRule {
    const { compiled, perItemReasons } = build();
    const c = compiled[n];
    const conditions = conditionsOf(c, r.facts, r.item.eccn);
    if (c.parties && partySelectorsGrade(c.parties, party) === Match.Partial) conditions.push({ kind: 'party', text: partySelectorsCondition(c.parties, party) });
    return Object.freeze({ ...(perItemReasons[n] ? matchedRule(c, deciding, r.facts) : matchedOf(n, deciding)), conditions: Object.freeze(conditions) as MatchCondition[] });
  }

  function checkedFor(r: ResolvedEntry, dest: Destination): CheckScope {
    let c = r.checkedByDestination.get(dest.code);
    if (!c) {
      c = Object.freeze({ ...r.checked, ...destinationScope(dest), ruleSets: ruleSetIds, lists: NO_LISTS }) as CheckScope;
      r.checkedByDestination.set(dest.code, c);
    }
    return c;
  }

  function notAppliedFor(r: ResolvedEntry, dest: Destination): string[] {
    let n = r.notAppliedByDestination.get(dest.code);
    if (!n) r.notAppliedByDestination.set(dest.code, (n = Object.freeze(notApplied(r, dest)) as string[]));
    return n;
  }

  /** The conditions of a rule that applies in part: its selectors' and its own. */
  function conditionsOf(r: CompiledRule, facts: ItemFacts, itemCode: string): MatchCondition[] {
    const out: MatchCondition[] = [];
    const add = (c: MatchCondition): void => {
      if (!out.some((o) => o.text === c.text)) out.push(c);
    };
    // every selector that matches in part (none matches in full, or the rule would apply in full
    // unless an except or its own condition holds it back)
    if (selectorsGrade(r.items, facts) === Match.Partial) {
      for (const s of r.items) if (itemSelectorGrade(s, facts) === Match.Partial) for (const c of selectorConditions(s, facts, itemCode)) add(c);
    }
    for (const s of r.exceptItems) {
      if (itemSelectorGrade(s, facts) !== Match.Partial) continue;
      // "applies if the item's HS code starts with ..." -> "does not apply if the item's HS code starts with ..."
      for (const c of selectorConditions(s, facts, itemCode)) add({ ...c, text: c.text.replace(/^(\S+ )?applies\b/, (_, r?: string) => `${r ?? ''}does not apply`) });
    }
    if (r.condition !== undefined) out.push({ kind: 'rule', text: r.condition });
    return out;
  }

  const ruleSetIds = Object.freeze(ruleSets.map((rs) => rs.id ?? rs.uri)) as string[];

  const destinationScopes = new Map<string, Pick<CheckScope, 'chartColumns' | 'countryGroups' | 'embargoes'>>();
  function destinationScope(dest: Destination): Pick<CheckScope, 'chartColumns' | 'countryGroups' | 'embargoes'> {
    let hit = destinationScopes.get(dest.code);
    if (!hit) {
      hit = Object.freeze({ chartColumns: dest.chartColumns, countryGroups: dest.countryGroups, embargoes: dest.embargoes });
      destinationScopes.set(dest.code, hit);
    }
    return hit;
  }

  /**
   * One frozen list per combination: foreign-made without U.S. content, the facts rules wanted
   * but were not given, parties given (16), exceptions evaluated in part (32) or not (64).
   */
  const notCheckedLists = new Map<number, string[]>();
  function notChecked(item: ResolvedItem, partial: number[][], facts: ItemFacts, flags: number): string[] {
    let mask = flags | (item.origin === 'foreign' && !item.usContent ? 1 : 0);
    for (const bucket of partial) {
      for (const n of bucket) {
        for (const s of build().compiled[n].items) {
          if (s.hs && facts.hs === undefined) mask |= 2;
          if (s.cas && facts.cas === undefined) mask |= 4;
          if (s.minUnitValue !== undefined && facts.unitValue === undefined) mask |= 8;
        }
      }
    }
    let out = notCheckedLists.get(mask);
    if (out) return out;
    out = [mask & 16 ? NOT_CHECKED_END_USES : NOT_CHECKED_NO_PARTIES];
    if (mask & 32) out.push(NOT_CHECKED_DECIDABLE_ONLY);
    if (mask & 64) out.push(NOT_CHECKED_NO_EXCEPTIONS);
    out.push(...ALWAYS_NOT_CHECKED);
    if (mask & 1) out.push(NOT_CHECKED_DE_MINIMIS);
    if (mask & 2) out.push('The HS code was not given: rules that list tariff codes were taken to apply (the conservative reading).');
    if (mask & 4) out.push('The CAS number was not given: rules that list chemicals by CAS number were taken to apply.');
    if (mask & 8) out.push('The unit value was not given: rules with a value floor (luxury goods) were taken to apply.');
    notCheckedLists.set(mask, Object.freeze(out) as string[]);
    return out;
  }

  /** What the screening asks a person to do: review possible matches, get a UVL statement, look again at a lapsed clearance. */
  function screeningWarnings(s: PartyScreening): string[] {
    const out: string[] = [];
    for (const h of s.hits) {
      if (h.outcome.kind === 'review' || h.outcome.kind === 'conditions') out.push(h.outcome.text);
      if (h.clearance?.state === 'changed' && h.status === 'match') out.push(`The clearance of ${h.list} ${h.id} no longer holds: ${h.clearance.why}. Review the hit again.`);
    }
    return out;
  }

  function warningsFor(date: string, r: ResolvedEntry): string[] {
    let w = r.warningsByDate.get(date);
    if (!w) {
      if (r.warningsByDate.size > 64) r.warningsByDate.clear();
      r.warningsByDate.set(date, (w = Object.freeze(warnings(date, r)) as string[]));
    }
    return w;
  }

  function warnings(date: string, r: ResolvedEntry): string[] {
    const out: string[] = [];
    if (date > catalog.data.dataDate) {
      out.push(
        `The date ${date} is after the reference data's as-of date (${catalog.data.dataDate}): the regulations may have changed since. Check the current eCFR text and BIS notices.`,
      );
    }
    if (r.unnamedParagraph) out.push(r.unnamedParagraph);
    if (r.assumedEar99) {
      out.push('No ECCN was given: the item was taken to be EAR99. If it is on the Commerce Control List, the answer can be stricter: classify it and give its ECCN.');
    }
    return out;
  }

  function notApplied(r: ResolvedEntry, dest: Destination): string[] {
    const out: string[] = [];
    for (const [key, scope] of r.facts.controls) {
      if (!/\d$/.test(key)) continue; // columns; reasons without a column are listed below
      const where = scope.full ? '' : ' (in part)';
      out.push(
        dest.chartColumns.includes(key)
          ? `${key}${where}: ${dest.name} has an X in column ${key}, but no rule in use applies it`
          : `${key}${where}: ${dest.name} has no X in Country Chart column ${key}`,
      );
    }
    for (const row of r.entry.controls) {
      if (row.columns.length || !row.requirement) continue;
      if (!r.facts.controls.has(row.reason.toUpperCase())) continue;
      out.push(`${row.reason} ("${row.requirement}"): does not cover ${dest.name} in the rules in use`);
    }
    if (out.length === 0) out.push(r.item.eccn === 'EAR99' ? 'EAR99: no rule in use names this item for this destination' : `${r.item.eccn}: the reference data gives it no licence requirement row that covers ${dest.name}`);
    return out;
  }

  return {
    check,
    brief,
    resolveItem: (item) => resolveItem(item, products, catalog).item,
    regimeMembers: (id) => regimes.members(id),
    regimeProblems: regimes.problems,
    ruleDestinations: (rule) => {
      let d = destinationsOf.get(rule);
      if (d === undefined) destinationsOf.set(rule, (d = ruleDestinationSet(rule, u, regimeLookup)));
      return d;
    },
    runTests: (sets = ruleSets) => runRuleTests(sets.flatMap((rs) => rs.tests), check),
    rules,
    stats,
  };
}
