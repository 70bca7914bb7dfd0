// The shipment side of a check, kept out of engine.ts: licence exceptions (part 740) for a
// license-required answer, and de minimis (734.4) for a foreign-made item with U.S. content.
// The engine calls `createShipmentAnswers` once per set of rules; each check then asks it for
// de minimis before matching (it may set the EAR's rules aside) and for the exceptions after.
// The evaluator keeps its answers per item, destination, date and requirements (a value only
// changes LVS); this module builds each combination of rules' requirements once.
import type { Catalog } from '../catalog/types';
import {
  createExceptionEvaluator,
  ShipmentInputError,
  type DeMinimisResult,
  type ExceptionAnswer,
  type ExceptionEvaluator,
  type ExceptionResult,
  type LicenceRequirement,
} from '../exceptions';
import type { UsContent } from '../model/types';
import { type ItemFacts, Match, itemSelectorGrade } from './itemMatch';
import { appliesToItem, type CompiledRule } from './ruleIndex';
import { CheckInputError, type ExceptionMode, type PartyHit } from './types';

/** Said in `notChecked` of a license-required answer when not every exception was evaluated. */
export const NOT_CHECKED_DECIDABLE_ONLY =
  'Licence exceptions: only those the data can find available (LVS, GBS, TSR, SPP) were evaluated here; check the item on its own for the others (TMP, GOV, ENC, STA ...).';
export const NOT_CHECKED_NO_EXCEPTIONS = 'Licence exceptions (15 CFR part 740) were not evaluated for this answer.';
export const NOT_CHECKED_NO_PARTIES =
  'End users and end uses (15 CFR part 744: Entity List, military end users, Unverified List): no party was screened, so party restrictions on licence exceptions were not checked either.';
export const NOT_CHECKED_END_USES = 'End uses (15 CFR part 744) beyond the screening results given.';
export const NOT_CHECKED_DE_MINIMIS =
  'De minimis (15 CFR 734.4): no U.S.-origin content was given (usContent, --us-content), so the foreign-made item was treated as subject to the EAR.';

const NONE: ExceptionResult[] = Object.freeze([]) as unknown as ExceptionResult[];
const NO_NOTES: string[] = Object.freeze([]) as unknown as string[];
/** Requirement lists remembered (per combination of deciding rules); cleared when full. */
const REQUIREMENTS_LIMIT = 4096;

const evaluators = new WeakMap<Catalog, ExceptionEvaluator>();

/** One evaluator per catalog (the shipped one in use; a thinner one in tests). */
export function evaluatorFor(catalog: Catalog): ExceptionEvaluator {
  let e = evaluators.get(catalog);
  if (!e) evaluators.set(catalog, (e = createExceptionEvaluator(catalog)));
  return e;
}

/**
 * A rule's place in the law: the EAR (part 740 can lift it), a company policy, another
 * jurisdiction, or unknown (no jurisdiction and no EAR citation: not taken to be liftable).
 */
type RuleLaw = 'ear' | 'internal' | 'other' | 'unknown';

function lawOf(r: CompiledRule): RuleLaw {
  const j = r.ruleSet.jurisdiction?.trim().toUpperCase();
  if (j === 'INTERNAL') return 'internal';
  if (j === 'US-EAR') return 'ear';
  if (j) return 'other';
  // no jurisdiction: an EAR rule when it cites the EAR (15 CFR parts 730-774)
  return /\b15 CFR\b|\bEAR\b/.test(r.rule.citation ?? '') ? 'ear' : 'unknown';
}

function kindOf(r: CompiledRule): LicenceRequirement['kind'] {
  const c = r.rule.citation ?? '';
  if (/\b746\.\d/.test(c) || r.rule.authority !== undefined) return 'embargo';
  if (/\b744\.\d/.test(c)) return 'party';
  return 'ccl';
}

/** Reasons a rule's `reason` selectors name, upper case, per rule (empty when none). */
function reasonValues(r: CompiledRule): string[] {
  const out = new Set<string>();
  for (const s of r.items) for (const x of s.reason ?? []) out.add(x);
  return [...out];
}

/**
 * The reasons and columns a matched rule stands for: its `reasonForControl`, and the values of
 * its `reason` selectors that the item is controlled for (all of them when there is one value).
 */
export function ruleReasons(r: CompiledRule, facts: ItemFacts | undefined): string[] {
  const own = r.rule.reasonForControl.map((x) => x.trim().toUpperCase());
  const values = reasonValues(r);
  const matched = values.length <= 1 || !facts ? values : values.filter((v) => facts.controls.has(v));
  return [...new Set([...own, ...matched])];
}

/** Whether a rule's reasons depend on the item (several `reason` values): then per item, else per rule. */
export function reasonsPerItem(r: CompiledRule): boolean {
  return reasonValues(r).length > 1;
}

export interface DeMinimisScope {
  result: DeMinimisResult;
  /** Not subject to the EAR: de minimis holds and no foreign direct product rule applies. */
  outside: boolean;
}

export interface ShipmentAnswers {
  /** De minimis for a foreign-made item with U.S. content, before matching; undefined otherwise. */
  deMinimis(item: DeMinimisItem, destination: string, date: string, candidates: readonly number[], facts: ItemFacts): DeMinimisScope | undefined;
  /** Whether a rule is one of the EAR's and BIS's (set aside when the item is not subject to the EAR). */
  isEarRule(n: number): boolean;
  /** The licence exceptions for a license-required answer decided by these rules (the deciding ones and those at the same rank). */
  exceptions(q: ExceptionAsk): { exceptions: ExceptionResult[]; notes: string[] };
  /** A line for `notApplied` per EAR rule set aside by de minimis. */
  setAsideLine(n: number, d: DeMinimisResult): string;
}

interface DeMinimisItem {
  /** The item's ECCN when it was given (not an EAR99 assumption). */
  eccn?: string;
  usContent: UsContent;
  /** Per-item cache of answers: owned by the engine's resolved item. */
  cache: Map<string, DeMinimisScope>;
}

interface ExceptionAsk {
  eccn: string;
  destination: string;
  date: string;
  value: number | undefined;
  rules: readonly number[];
  facts: ItemFacts;
  mode: ExceptionMode;
  partyHits: readonly PartyHit[] | undefined;
  /** Licence requirements of the party's lists that decide the answer (Entity List 744.16, MEU 744.21). */
  partyRequirements: readonly LicenceRequirement[];
  /** De minimis took the item outside the EAR: the EAR's exceptions do not apply to what remains. */
  outsideEar: boolean;
}

export function createShipmentAnswers(compiled: readonly CompiledRule[], catalog: Catalog): ShipmentAnswers {
  const laws = compiled.map(lawOf);
  const kinds = compiled.map(kindOf);
  const directProduct = compiled.map((r) => r.items.some((s) => s.directProductOf !== undefined));
  const perItem = compiled.map(reasonsPerItem);
  /** The requirements of a combination of rules, built once: the evaluator keys its answers on the list. */
  const requirementLists = new Map<string, { requirements: LicenceRequirement[]; notes: string[] }>();
  let evaluator: ExceptionEvaluator | undefined;
  const ev = (): ExceptionEvaluator => (evaluator ??= evaluatorFor(catalog));

  /** A foreign direct product rule that applies to the item (734.9): it is then subject to the EAR. */
  function fdpRule(candidates: readonly number[], facts: ItemFacts, date: string): number | undefined {
    for (const n of candidates) {
      if (!directProduct[n] || laws[n] === 'internal') continue;
      const r = compiled[n];
      if (appliesToItem(r, facts, date) === Match.None) continue;
      if (r.items.some((s) => s.directProductOf !== undefined && itemSelectorGrade(s, facts) !== Match.None)) return n;
    }
    return undefined;
  }

  function deMinimis(item: DeMinimisItem, destination: string, date: string, candidates: readonly number[], facts: ItemFacts): DeMinimisScope | undefined {
    const key = `${destination}|${date}`;
    const hit = item.cache.get(key);
    if (hit) return hit;
    let result: DeMinimisResult;
    try {
      result = ev().deMinimis({ destination, date, ...(item.eccn ? { item: { eccn: item.eccn } } : {}), usContent: { percent: item.usContent.percent, eccns: item.usContent.eccns } });
    } catch (e) {
      if (e instanceof ShipmentInputError) throw new CheckInputError(`${e.field}: ${e.message}`, 'usContent', []);
      throw e;
    }
    let outside = result.outcome === 'not-subject-to-ear';
    if (outside) {
      const fdp = fdpRule(candidates, facts, date);
      if (fdp !== undefined) {
        outside = false;
        const r = compiled[fdp].rule;
        result = {
          ...result,
          notes: [`A foreign direct product rule applies (${r.ruleset}/${r.id}${r.citation ? `, ${r.citation}` : ''}): the item is subject to the EAR whatever its U.S. content (734.4, 734.9).`, ...result.notes],
        };
      }
    }
    const scope: DeMinimisScope = Object.freeze({ result: Object.freeze(result), outside });
    if (item.cache.size >= 64) item.cache.clear();
    item.cache.set(key, scope);
    return scope;
  }

  function requirement(n: number, facts: ItemFacts): LicenceRequirement {
    const r = compiled[n];
    const req: LicenceRequirement = { rule: `${r.rule.ruleset}/${r.rule.id}`, reasons: ruleReasons(r, facts), kind: laws[n] === 'ear' ? kinds[n] : 'internal' };
    if (r.rule.citation !== undefined) req.citation = r.rule.citation;
    return req;
  }

  function evaluate(q: ExceptionAsk): { exceptions: ExceptionResult[]; notes: string[] } {
    if (q.outsideEar) {
      const rules = q.rules.map((n) => `${compiled[n].rule.ruleset}/${compiled[n].rule.id}${compiled[n].rule.authority ? ` (${compiled[n].rule.authority})` : ''}`);
      return { exceptions: NONE, notes: [`The item is not subject to the EAR (de minimis), so licence exceptions of the EAR do not apply; what still requires a licence here is not the EAR's: ${rules.join(', ')}.`] };
    }
    const ofRules = requirementsOf(q.rules, q.facts);
    const otherNote = ofRules.notes;
    const requirements = q.partyRequirements.length ? [...ofRules.requirements, ...q.partyRequirements] : ofRules.requirements;
    if (requirements.length === 0) {
      return { exceptions: NONE, notes: [`No EAR licence requirement decides this answer: licence exceptions of 15 CFR part 740 only authorise what the EAR would otherwise require a licence for.`, ...otherNote] };
    }
    let answer: ExceptionAnswer;
    try {
      answer = ev().evaluate(
        { eccn: q.eccn, destination: q.destination, date: q.date, requirements, shipment: q.value === undefined ? {} : { value: q.value }, ...(q.partyHits ? { parties: [...q.partyHits] } : {}) },
        { only: q.mode === 'decidable' ? 'decidable' : 'all' },
      );
    } catch (e) {
      // data the evaluator does not have (an ECCN newer than its data): nothing is available
      if (!(e instanceof ShipmentInputError)) throw e;
      return { exceptions: NONE, notes: [`Licence exceptions could not be evaluated (${e.message}): none is shown as available.`, ...otherNote] };
    }
    // shared with other answers (the evaluator's are): frozen, so no caller changes another's
    for (const x of answer.exceptions) Object.freeze(x);
    return {
      exceptions: Object.freeze(answer.exceptions) as ExceptionResult[],
      notes: otherNote.length ? (Object.freeze([...answer.notes, ...otherNote]) as string[]) : answer.notes,
    };
  }

  /** The requirements part 740 can lift, and notes on those it cannot, per combination of rules. */
  function requirementsOf(rules: readonly number[], facts: ItemFacts): { requirements: LicenceRequirement[]; notes: string[] } {
    const key = rules.some((n) => perItem[n]) ? `${rules.join(',')}|${facts.eccn}` : rules.join(',');
    let hit = requirementLists.get(key);
    if (hit) return hit;
    const requirements: LicenceRequirement[] = [];
    const other: string[] = [];
    const unknown: string[] = [];
    for (const n of rules) {
      const name = `${compiled[n].rule.ruleset}/${compiled[n].rule.id}`;
      if (laws[n] === 'other') other.push(`${name} (${compiled[n].ruleSet.jurisdiction})`);
      else if (laws[n] === 'unknown') unknown.push(name);
      else requirements.push(requirement(n, facts));
    }
    const notes = [
      ...(other.length ? [`Licence exceptions of the EAR do not lift the requirement of ${other.join(', ')}: another jurisdiction's rules.`] : []),
      ...(unknown.length
        ? [`${unknown.join(', ')}: the rule set names no jurisdiction and the rule cites no EAR paragraph (15 CFR), so licence exceptions of the EAR are not taken to lift its requirement (give jurisdiction: US-EAR to evaluate them).`]
        : []),
    ];
    hit = { requirements, notes };
    if (requirementLists.size >= REQUIREMENTS_LIMIT) requirementLists.clear();
    requirementLists.set(key, hit);
    return hit;
  }

  return {
    deMinimis,
    // a rule another agency administers (OFAC) reaches the item whatever the EAR says of it
    isEarRule: (n) => laws[n] === 'ear' && compiled[n].rule.authority === undefined,
    exceptions(q) {
      if (q.mode === 'none') return { exceptions: NONE, notes: NO_NOTES };
      // the evaluator keeps the answers without a value per item, destination, date and requirements
      return evaluate(q);
    },
    setAsideLine(n, d) {
      const r = compiled[n].rule;
      return `${r.ruleset}/${r.id}: set aside (not subject to the EAR, de minimis ${d.citation.replace(/^15 CFR /, '')})`;
    },
  };
}
