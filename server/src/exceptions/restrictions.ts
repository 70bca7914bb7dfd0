// What limits every licence exception: the restrictions of 740.2 (and the party rules of part
// 744), and the exceptions part 746 keeps for sanctioned destinations. Each restriction is
// checked once per query; its effect is then applied to each exception.
import { controlledFor, type Context } from './context';
import type { Allowance, EccnExceptionEntry, ExceptionsData, Programme, Restriction } from './data';
import type { Finding } from './finding';
import { Conjunction, itemWithin, parseItemRef, placeMatches, usd, type ItemRef, type Tri } from './match';

// Tri values as module constants: a cross-module constant is a getter call under the test loader.
const NO: Tri = 0;
const MAYBE: Tri = 1;
const YES: Tri = 2;

export interface CompiledRestriction {
  r: Restriction;
  items?: ItemRef[];
  factItems?: ItemRef[];
  notItems?: ItemRef[];
  allowed?: string; // "TMP, RPL and GOV", for reasons
}

/** A restriction that applies (YES) or may apply (MAYBE) to this query. */
export interface ActiveRestriction {
  c: CompiledRestriction;
  tri: Tri;
  /** Why it applies, in words: "the item is controlled for MT reasons". */
  why: string[];
  /** What must hold for it to apply, when it only may. */
  facts: string[];
  /** Texts shared by the exceptions it bars, made on first use. */
  barText?: string;
  ifText?: string;
}

const refs = (list: readonly string[] | undefined): ItemRef[] | undefined =>
  list?.map((t) => parseItemRef(t) ?? ({ code: t, path: [], text: t } as ItemRef));

function symbolList(symbols: readonly string[]): string {
  if (symbols.length === 0) return 'none';
  if (symbols.length === 1) return symbols[0];
  return `${symbols.slice(0, -1).join(', ')} and ${symbols[symbols.length - 1]}`;
}

export function compileRestrictions(data: ExceptionsData): CompiledRestriction[] {
  return data.restrictions.map((r) => ({
    r,
    items: refs(r.when.items),
    factItems: refs(r.when.itemsFact?.items),
    notItems: refs(r.when.notItems),
    allowed: r.allowOnly ? symbolList(r.allowOnly.map((a) => a.symbol)) : undefined,
  }));
}

const PARTY_NAMES: Record<string, string> = {
  'entity-list': 'the Entity List',
  'unverified-list': 'the Unverified List',
  meu: 'the Military End-User List',
  dpl: 'the Denied Persons List',
  sdn: "OFAC's SDN List",
};

/**
 * The conditions of a restriction on the item alone, checked once per item (the evaluator keeps
 * the restrictions that pass: a handful of the 40). Undefined when they do not hold.
 */
export function checkItem(c: CompiledRestriction, item: ItemRef, entry: EccnExceptionEntry): ActiveRestriction | undefined {
  const w = c.r.when;
  const all = new Conjunction();
  if (w.itemFlags) {
    const flag = w.itemFlags.find((f) => entry.flags.includes(f));
    if (!all.and(flag ? YES : NO, undefined, flag && `${item.code} is a ${flag} ECCN`)) return undefined;
  }
  if (c.items || c.factItems) {
    let t: Tri = NO;
    let hit: ItemRef | undefined;
    const broader: string[] = [];
    for (const ref of c.items ?? []) {
      const x = itemWithin(item, ref);
      if (x === YES) {
        t = YES;
        hit = ref;
        break;
      }
      if (x === MAYBE) {
        t = MAYBE;
        broader.push(ref.text);
      }
    }
    let fact = broader.length ? `the item is ${broader.join(' or ')}` : undefined;
    if (t !== YES && c.factItems?.some((ref) => itemWithin(item, ref) !== NO)) {
      t = MAYBE;
      fact = fact ? `${fact}, or ${w.itemsFact!.fact}` : w.itemsFact!.fact;
    }
    if (!all.and(t, fact, hit && `the item is ${hit.text}`)) return undefined;
  }
  for (const ref of c.notItems ?? []) {
    const x = itemWithin(item, ref);
    if (x === YES) return undefined;
    if (x === MAYBE) all.and(MAYBE, `the item is not ${ref.text}`);
  }
  if (w.itemReasons) {
    const r = w.itemReasons.find((x) => entry.reasons.includes(x) || entry.columns.includes(x));
    if (!all.and(r ? YES : NO, undefined, r && `${item.code} is controlled for ${r}`)) return undefined;
  }
  return { c, tri: all.tri, why: all.why, facts: all.facts };
}

/**
 * The rest of a restriction's conditions: the destination, the requirements, the parties, the
 * value. Runs for every query on a handful of restrictions: rejects first, allocates last.
 */
export function checkQuery(a: ActiveRestriction, ctx: Context, nato: readonly string[]): ActiveRestriction | undefined {
  const w = a.c.r.when;
  let party: string | undefined;
  let reason: string | undefined;
  let cite: string | undefined;
  if (w.parties && !(party = w.parties.find((p) => ctx.parties.has(p)))) return undefined;
  if (w.requirementReasons && !(reason = w.requirementReasons.find((x) => ctx.req.reasons.has(x)))) return undefined;
  if (w.requirementCitations && !(cite = w.requirementCitations.find((x) => ctx.req.citations.some((y) => y.includes(x))))) return undefined;
  let place: Tri = YES;
  if (w.destinations || w.nato) {
    place = placeMatches(w.destinations, ctx.place, w.nato ? nato : undefined);
    if (place === NO && !w.destinationsFact) return undefined;
  }
  const control = w.controlledFor ? controlledFor(ctx, w.controlledFor) : undefined;
  if (control?.tri === NO) return undefined;

  const all = new Conjunction();
  all.tri = a.tri;
  all.why.push(...a.why);
  all.facts.push(...a.facts);
  if (w.destinations || w.nato) {
    if (place === NO) all.and(MAYBE, w.destinationsFact);
    else all.and(place, `${ctx.place.name}'s Country Groups (the reference data gives it none)`, `the destination is ${ctx.place.name}`);
  }
  if (party) all.why.push(`a party is on ${PARTY_NAMES[party] ?? party}`);
  if (reason) all.why.push(`a licence is required for ${reason} reasons`);
  if (cite) all.why.push(`a licence is required under ${cite}`);
  if (control && w.controlledFor) {
    all.and(control.tri, `the item is controlled for ${w.controlledFor} reasons${control.text ? ` (the entry: “${control.text}”)` : ''}`, `the item is controlled for ${w.controlledFor} reasons`);
  }
  if (w.fact) {
    const byValue = w.valueAtLeast !== undefined && ctx.value !== undefined && ctx.value >= w.valueAtLeast;
    const cited = w.factCertainWith?.find((x) => ctx.req.citations.some((c) => c.includes(x)));
    const because = byValue ? `the shipment value is at least ${usd(w.valueAtLeast ?? 0)}` : cited ? `a licence is required under ${cited}` : undefined;
    all.and(byValue || cited ? YES : MAYBE, w.fact, because);
  }
  return { c: a.c, tri: all.tri, why: all.why, facts: all.facts };
}

/** Applies an active restriction to one licence exception. */
export function applyRestriction(a: ActiveRestriction, symbol: string, ctx: Context, out: Finding): void {
  const r = a.c.r;
  const label = r.id;
  if (r.obligation) {
    out.condition(a.tri === YES ? r.obligation : `If ${a.facts.join(' and ')}: ${r.obligation}`);
    return;
  }
  const allowance: Allowance | undefined = r.allowOnly?.find((x) => x.symbol === symbol);
  const barred = r.bars ? r.bars.includes(symbol) : !allowance;
  const because = a.why.length ? `${a.why.join(', ')}: ` : '';
  if (barred) {
    if (a.tri === YES) {
      // The same text for every exception an allowOnly restriction bars: built once per query.
      let text = r.bars ? undefined : a.barText;
      if (text === undefined) {
        const rule = r.bars ? `${symbol} may not be used` : r.allowOnly!.length ? `only ${a.c.allowed} may be used` : 'no licence exception is available';
        text = `${label}: ${because}${rule}${r.othersUnless ? ` ${r.othersUnless}` : ''}.`;
        if (!r.bars) a.barText = text;
      }
      out.bar(text, r.citation);
    } else {
      a.ifText ??= a.facts.join(' and ');
      out.fact(`${label} bars ${symbol} if ${a.ifText}`, r.citation);
    }
    return;
  }
  if (!allowance) return;
  if (allowance.notToGroups?.some((g) => ctx.place.groups.has(g))) {
    const text = `${label}: ${because}${symbol} only ${allowance.limitedTo ?? ''}; ${ctx.place.name} is in Country Group ${allowance.notToGroups.join(' or ')}.`;
    if (a.tri === YES) out.bar(text, r.citation);
    else out.fact(`${label} bars ${symbol} to ${ctx.place.name} if ${a.facts.join(' and ')}`, r.citation);
    return;
  }
  if (allowance.limitedTo) {
    if (a.tri === YES) out.fact(`the use is within ${allowance.limitedTo}, the only ${symbol} use ${label} leaves (${a.why.join(', ')})`, r.citation);
    else out.condition(`If ${a.facts.join(' and ')}: only ${allowance.limitedTo} (${label}).`);
  }
}

// --- Part 746 programmes -------------------------------------------------------------------

const slug = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, '-');

export interface ProgrammeIndex {
  byName: Map<string, Programme>;
  bySection: { section: string; p: Programme }[];
}

export function indexProgrammes(data: ExceptionsData): ProgrammeIndex {
  const byName = new Map<string, Programme>();
  const bySection: { section: string; p: Programme }[] = [];
  for (const p of data.programmes) {
    byName.set(slug(p.id), p);
    for (const a of p.aliases) byName.set(slug(a), p);
    // A requirement citing the programme's section names it: "746.8(a)(1)" is Russia and Belarus.
    const section = p.id === 'un_arms_embargoes' ? '746.1(b)' : /746\.\d+/.exec(p.citation)?.[0];
    if (section) bySection.push({ section, p });
  }
  return { byName, bySection };
}

export interface ActiveProgramme {
  p: Programme;
  why: string;
}

/** The part 746 programmes whose exception lists bind this query, and requirement programmes not known. */
const NONE: { active: ActiveProgramme[]; unknown: string[] } = Object.freeze({ active: [], unknown: [] }) as { active: ActiveProgramme[]; unknown: string[] };

export function activeProgrammes(index: ProgrammeIndex, data: ExceptionsData, ctx: Context): { active: ActiveProgramme[]; unknown: string[] } {
  const active = new Map<string, ActiveProgramme>();
  const unknown: string[] = [];
  const add = (p: Programme, why: string) => {
    if (!active.has(p.id)) active.set(p.id, { p, why });
  };
  for (const p of data.programmes) {
    const here = ctx.place.embargoes.length > 0 && ctx.place.embargoes.includes(p.id);
    if (p.applies === 'destination' && here) add(p, `${ctx.place.name} is a sanctioned destination (740.2(a)(6))`);
    if (p.allItemsOnCclFrom && here && !ctx.ear99 && ctx.date >= p.allItemsOnCclFrom) add(p, `every item on the CCL needs a licence to ${ctx.place.name} (746.8(a)(1))`);
    if (p.requirementReasons?.some((r) => ctx.req.reasons.has(r))) add(p, `a licence is required for ${p.requirementReasons.join('/')} reasons`);
  }
  if (active.size === 0 && ctx.req.programmes.length === 0 && ctx.req.citations.length === 0) return NONE;
  for (const name of ctx.req.programmes) {
    const p = index.byName.get(slug(name));
    if (p) add(p, `a licence is required under ${p.citation.replace(/\(.*$/, '')}`);
    else unknown.push(name);
  }
  for (const cite of ctx.req.citations) {
    for (const { section, p } of index.bySection) if (cite.includes(section)) add(p, `a licence is required under ${cite}`);
  }
  return { active: [...active.values()], unknown };
}

/** Applies a programme's list of kept exceptions to one licence exception. */
export function applyProgramme(a: ActiveProgramme, symbol: string, ctx: Context, out: Finding): void {
  const p = a.p;
  if (p.none && ctx.req.citations.some((c) => p.none!.requirementCitations.some((x) => c.includes(x)))) {
    out.bar(`${p.none.citation.replace('15 CFR ', '')}: no licence exception may overcome the requirement of ${p.none.requirementCitations.join(', ')}.`, p.none.citation);
    return;
  }
  const allowance = p.allow.find((x) => x.symbol === symbol);
  if (!allowance) {
    const kept = p.allow.map((x) => x.symbol);
    out.bar(`${p.citation.replace('15 CFR ', '')}: ${a.why}; ${kept.length ? `only ${symbolList(kept)} remain` : 'no licence exception remains'} for ${p.name}.`, p.citation);
    return;
  }
  if (allowance.notForRequirementCitations?.some((x) => ctx.req.citations.some((c) => c.includes(x)))) {
    out.bar(`${p.citation.replace('15 CFR ', '')}: ${symbol} does not overcome the requirement of ${allowance.notForRequirementCitations.join(', ')}.`, p.citation);
    return;
  }
  if (allowance.limitedTo) out.fact(`${symbol} for ${p.name} only: ${allowance.limitedTo} (${p.citation.replace('15 CFR ', '')})`, p.citation);
  if (p.from && ctx.date < p.from) out.fact(p.fromNote ?? `the list of ${p.citation} is the one in force from ${p.from}`, p.citation);
}
