// Licence exceptions for a license-required answer: every exception of part 740 that the ECCN's
// entry and the destination could allow, each available, not available (with the reason) or
// needing facts (which ones). LVS, GBS, TSR and the restrictions of 740.2, part 746 and the
// party lists are decided from the data; the others are shown with what a person confirms.
import type { Catalog } from '../catalog/types';
import { checkDate, checkShipment, readParties, readRequirements, type Context } from './context';
import type { ExceptionsData, LineEncoding, SymbolInfo } from './data';
import { Finding } from './finding';
import { compileLine, readLine, type CompiledLine } from './lines';
import { parseItemRef, placeMatches, placeOf, usd, type ItemRef, type Place, type Tri } from './match';
import {
  activeProgrammes,
  applyProgramme,
  applyRestriction,
  checkItem,
  checkQuery,
  compileRestrictions,
  indexProgrammes,
  type ActiveProgramme,
  type ActiveRestriction,
  type CompiledRestriction,
  type ProgrammeIndex,
} from './restrictions';
import { ShipmentInputError, type ExceptionAnswer, type ExceptionOptions, type ExceptionQuery, type ExceptionResult, type LicenceRequirement } from './types';

// Tri values as module constants: a cross-module constant is a getter call under the test loader.
const NO: Tri = 0;
const MAYBE: Tri = 1;

const KNOWN_LISTS = new Set(['entity-list', 'unverified-list', 'meu', 'dpl', 'sdn']);
const NO_PARTIES = 'No party screening results were given: the Entity List (744.16(b)), the Unverified List (740.2(a)(17)) and other party restrictions on licence exceptions were not checked.';
const END_USES = 'End-use and end-user controls of part 744 were not checked beyond the parties given.';
/** ECCNs and paragraphs remembered: every heading with a few paragraphs each. */
const PLAN_LIMIT = 16384;
/** Answers without a value remembered, per generation (two): about 5 KB each with every exception. */
const BASE_LIMIT = 4096;

interface ItemPlan {
  lines: Map<string, CompiledLine>;
  /** The exceptions the item could use, whatever the destination (not those only a programme keeps). */
  symbols: SymbolInfo[];
  /** The entry's STA paragraph, as a condition. */
  sta: string | undefined;
  /** The restrictions whose conditions on the item hold (the rest are checked per query). */
  restrictions: ActiveRestriction[];
}

interface Prepared {
  active: ActiveRestriction[];
  programmes: ActiveProgramme[];
  unknown: string[];
  lines: Map<string, CompiledLine>;
  /** No restriction, programme or party touches any exception: general ones answer as always. */
  quiet: boolean;
  sta: string | undefined;
}

interface BaseAnswer {
  answer: ExceptionAnswer;
  /** How the restrictions and programmes stood (undefined when nothing was evaluated). */
  prepared: Prepared | undefined;
  /** A restriction of the item names an amount (740.2(a)(23)): a value changes more than LVS. */
  byValue: boolean;
  /** Where LVS is in the list, or -1. */
  lvs: number;
}

/** Data read once per evaluator: compiled lines per ECCN, restrictions, programmes, places. */
export class ExceptionEvaluation {
  private readonly restrictions: CompiledRestriction[];
  private readonly programmes: ProgrammeIndex;
  private readonly lines = new Map<string, Map<string, CompiledLine>>();
  private readonly places = new Map<string, Place>();
  private readonly items = new Map<string, ItemRef>();
  private readonly plans = new Map<string, ItemPlan>();

  private readonly constants = new Map<string, ExceptionResult>();
  /** Answers without a value, by item, destination, date, requirements, parties and mode. */
  private bases = new Map<string, BaseAnswer>();
  private olderBases = new Map<string, BaseAnswer>();
  private readonly requirementKeys = new WeakMap<readonly LicenceRequirement[], string>();
  private readonly lvsSymbol: SymbolInfo | undefined;
  private readonly noneAnswer: ExceptionAnswer;
  private readonly checkedNote: string;

  constructor(
    private readonly catalog: Catalog,
    readonly data: ExceptionsData,
  ) {
    this.restrictions = compileRestrictions(data);
    this.programmes = indexProgrammes(data);
    // Exceptions a person confirms whatever the item and destination (TMP, RPL, GOV ...): when
    // nothing restricts them, their answer is always the same object.
    for (const sym of data.symbols) {
      if (sym.kind !== 'general' || !sym.confirm || sym.groups || sym.notIn || sym.nsOnly || sym.from || sym.ear99Only || sym.obligations || sym.symbol === 'STA') continue;
      this.constants.set(sym.symbol, Object.freeze({ symbol: sym.symbol, title: sym.title, status: 'needs-facts', reason: `For a person to confirm: ${sentence(sym.confirm)}.`, citation: sym.citation, needs: Object.freeze([sym.confirm]) as string[] }));
    }
    this.lvsSymbol = data.symbols.find((x) => x.symbol === 'LVS');
    this.noneAnswer = Object.freeze({
      exceptions: Object.freeze([]) as unknown as ExceptionResult[],
      notes: Object.freeze([
        `None of the exceptions the data decides (LVS, GBS, TSR, SPP) can be available here: the destination is not in Country Group B or the ECCN's lines allow none for the item (LVS also needs the shipment value); the others were not evaluated (${data.dataAsOf}).`,
      ]) as string[],
      dataAsOf: data.dataAsOf,
    });
    this.checkedNote = `Checked against the reference data (${data.dataAsOf}): each exception's line in the ECCN's entry, the destination's Country Groups, the restrictions of 740.2, the exceptions part 746 keeps, and the party lists given. The conditions of each exception's own section, and 740.2(a)(1)-(2) (a suspended or revoked authorisation, the General Prohibitions), are for a person to confirm.`;
  }

  evaluate(query: ExceptionQuery, options?: ExceptionOptions): ExceptionAnswer {
    const decidableOnly = options?.only === 'decidable';
    // "Is one available?" is often answered by the entry and the destination alone (the matrix)
    if (decidableOnly && Array.isArray(query.requirements)) {
      const none = this.noneAvailable(query);
      if (none) return none;
    }
    const ctx = this.context(query);
    // Parties named: the hits are part of the question, and rare; answer it whole.
    if (query.parties !== undefined && query.parties.length > 0) return this.compute(ctx, query, decidableOnly);
    // The answer without a value is shared by every shipment of the same item, destination, date
    // and requirements; a value changes LVS only (and the 740.2 restrictions that name an amount).
    const key = `${ctx.item.text}|${ctx.place.code}|${ctx.date}|${this.requirementsKey(query.requirements)}|${query.parties === undefined ? 'u' : 'e'}|${decidableOnly ? 'd' : 'a'}`;
    let base = this.bases.get(key) ?? this.olderBases.get(key);
    if (!base) base = this.base({ ...ctx, value: undefined }, query, decidableOnly);
    if (!this.bases.has(key)) {
      // two generations: when the newer is full it becomes the older, and what is still asked moves up
      if (this.bases.size >= BASE_LIMIT) {
        this.olderBases = this.bases;
        this.bases = new Map();
      }
      this.bases.set(key, base);
    }
    if (ctx.value === undefined) return base.answer;
    if (base.byValue) return this.compute(ctx, query, decidableOnly);
    if (base.lvs < 0 || !base.prepared) return base.answer;
    const lvs = this.symbolResult(this.lvsSymbol!, ctx, base.prepared);
    const exceptions = base.answer.exceptions.slice();
    if (lvs) exceptions[base.lvs] = lvs;
    return { exceptions, notes: base.answer.notes, dataAsOf: base.answer.dataAsOf };
  }

  /**
   * For `only: 'decidable'`: the answer when none of LVS, GBS, TSR and SPP could be available,
   * whatever the requirements: LVS, GBS and TSR are for Country Group B only (740.3(b), 740.4,
   * 740.6(a)) and need the entry's line to allow the item (LVS a value under a dollar limit);
   * SPP is for EAR99 items to Syria. Undefined when one could be: then it is evaluated.
   */
  private noneAvailable(query: ExceptionQuery): ExceptionAnswer | undefined {
    const item = this.itemRef(query.eccn);
    const entry = this.data.eccns[item.code];
    if (!entry) return undefined; // the evaluation says what is wrong
    const place = this.placeOf(query.destination);
    checkDate(query.date);
    const { value } = checkShipment(query.shipment);
    if (item.code === 'EAR99' && place.country === 'SY') return undefined;
    if (place.groups.has('B')) {
      const lines = entry.lines;
      if (value !== undefined && lines.LVS && allowsSome(lines.LVS, 'LVS')) return undefined;
      if ((lines.GBS && allowsSome(lines.GBS, 'GBS')) || (lines.TSR && allowsSome(lines.TSR, 'TSR'))) return undefined;
    }
    return this.noneAnswer;
  }

  /** The answer with no value given, and what a value would change. */
  private base(ctx: Context, query: ExceptionQuery, decidableOnly: boolean): BaseAnswer {
    let prepared: Prepared | undefined;
    const answer = this.compute(ctx, query, decidableOnly, (p) => (prepared = p));
    const plan = this.plans.get(ctx.item.text);
    const byValue = !!plan && plan.restrictions.some((a) => a.c.r.when.valueAtLeast !== undefined);
    for (const r of answer.exceptions) Object.freeze(r);
    Object.freeze(answer.exceptions);
    Object.freeze(answer.notes);
    return { answer: Object.freeze(answer), prepared, byValue, lvs: answer.exceptions.findIndex((r) => r.symbol === 'LVS') };
  }

  /** A key for the requirements: their content, remembered per list (a caller that reuses its lists pays once). */
  private requirementsKey(list: readonly LicenceRequirement[]): string {
    if (!Array.isArray(list)) return '';
    let key = this.requirementKeys.get(list);
    if (key === undefined) {
      key = list.map((r) => (r && typeof r === 'object' ? `${r.rule}~${r.kind}~${r.citation ?? ''}~${(r.reasons ?? []).join('+')}~${r.programme ?? ''}` : '?')).join('^');
      this.requirementKeys.set(list, key);
    }
    return key;
  }

  private compute(ctx: Context, query: ExceptionQuery, decidableOnly: boolean, keep?: (p: Prepared) => void): ExceptionAnswer {
    const notes = this.notes(ctx, query);
    const reqs = ctx.req.all;
    if (reqs.length === 0 || reqs.every((r) => r.kind === 'internal')) {
      notes.unshift(
        reqs.length === 0
          ? 'No licence requirement was given: licence exceptions only authorise exports that would otherwise need a licence.'
          : 'Only internal policies require approval here: licence exceptions of the EAR do not lift a company policy.',
      );
      return { exceptions: [], notes, dataAsOf: this.data.dataAsOf };
    }
    const plan = this.planOf(ctx);
    const active: ActiveRestriction[] = [];
    for (const a of plan.restrictions) {
      const q = checkQuery(a, ctx, this.data.nato);
      if (q) active.push(q);
    }
    const { active: programmes, unknown } = activeProgrammes(this.programmes, this.data, ctx);
    let quiet = active.length === 0 && programmes.length === 0 && unknown.length === 0 && !ctx.req.reasons.has('SS');
    if (quiet && ctx.parties.size > 0) for (const l of ctx.parties) if (!KNOWN_LISTS.has(l)) quiet = false;
    const prepared: Prepared = { active, programmes, unknown, lines: plan.lines, quiet, sta: plan.sta };
    keep?.(prepared);
    const exceptions: ExceptionResult[] = [];
    // The exceptions this item could use, in part 740 order; those only a programme keeps join them.
    for (const sym of programmes.length ? this.data.symbols : plan.symbols) {
      if (decidableOnly && !decidable(sym)) continue;
      const r = this.symbolResult(sym, ctx, prepared);
      if (r) exceptions.push(r);
    }
    return { exceptions, notes, dataAsOf: this.data.dataAsOf };
  }

  /** One licence exception's answer, or undefined when the entry and destination could not allow it. */
  private symbolResult(sym: SymbolInfo, ctx: Context, prepared: Prepared): ExceptionResult | undefined {
    const { active, programmes, unknown, lines } = prepared;
    const line = lines.get(sym.line);
    if (!this.listed(sym, ctx, line, programmes)) return undefined;
    const constant = prepared.quiet ? this.constants.get(sym.symbol) : undefined;
    if (constant) return constant;
    const out = new Finding();
    this.scope(sym, ctx, out);
    if (line) {
      const read = readLine(line, ctx, sym.citation);
      out.absorb(read);
      for (const c of read.conditions) out.condition(c);
      out.limit = read.limit;
    }
    if (sym.symbol === 'STA' && prepared.sta) out.condition(prepared.sta);
    for (const a of active) applyRestriction(a, sym.symbol, ctx, out);
    for (const p of programmes) applyProgramme(p, sym.symbol, ctx, out);
    for (const name of unknown) out.fact(`the part 746 programme "${name}" keeps ${sym.symbol} (it is not in the reference data)`);
    if (ctx.req.reasons.has('SS')) out.bar(`${this.data.shortSupply.id}: ${this.data.shortSupply.text}`, `15 CFR ${this.data.shortSupply.id}`);
    for (const list of ctx.parties) if (!KNOWN_LISTS.has(list)) out.fact(`a party is on "${list}": that list does not bar ${sym.symbol}`);
    out.confirm = sym.confirm;
    for (const o of sym.obligations ?? []) out.condition(o);
    return this.result(sym, ctx, out, line);
  }

  /** Whether the entry and the destination could allow it at all (else it is not listed). */
  private listed(sym: SymbolInfo, ctx: Context, line: CompiledLine | undefined, programmes: readonly ActiveProgramme[]): boolean {
    switch (sym.kind) {
      case 'decided':
      case 'line':
        return line !== undefined;
      case 'general':
        if (sym.ccl && ctx.ear99) return false;
        return !sym.itemGroups || ctx.ear99 || sym.itemGroups.includes(ctx.entry.group ?? '');
      case 'programme':
        return programmes.some((p) => p.p.allow.some((a) => a.symbol === sym.symbol));
      default:
        return false;
    }
  }

  /** The exception's own scope: destinations, NS-only, EAR99 only, the date it began. */
  private scope(sym: SymbolInfo, ctx: Context, out: Finding): void {
    const cite = sym.citation;
    if (sym.from && ctx.date < sym.from) out.bar(`${sym.symbol} did not exist yet on the date asked: ${sym.fromNote ?? `it took effect on ${sym.from}`}.`, cite);
    if (sym.ear99Only && !ctx.ear99) out.bar(`${sym.symbol} covers EAR99 items only (${sym.section}(a)); ${ctx.item.code} is on the CCL.`, `${cite}(a)`);
    if (sym.groups || sym.notIn) {
      const t = placeMatches({ inGroups: sym.groups, notIn: sym.notIn }, ctx.place);
      const where = sym.groups ? `Country Group ${sym.groups.join(' or ')}` : 'its destinations';
      const except = sym.notIn ? ` except ${sym.notIn.join(' and ')}` : '';
      if (t === NO) out.bar(`${sym.symbol} is for ${where}${except}; ${ctx.place.name} is not${sym.groupsNote ? ` (${sym.groupsNote})` : ''}.`, sym.symbol === 'LVS' ? `${cite}(b)` : cite);
      else if (t === MAYBE) out.fact(`${ctx.place.name} is in ${where} (the reference data puts it in no Country Group)`, cite);
    }
    if (sym.nsOnly) {
      const others = [...ctx.req.cclFamilies].filter((f) => f !== 'NS');
      if (!ctx.req.ccl) out.bar(`${sym.symbol} is for a licence the Country Chart requires for national security (NS) reasons only; here the licence is required by ${describeKinds(ctx)}.`, cite);
      else if (others.length) out.bar(`${sym.symbol} is for a licence required for national security (NS) reasons only; here it is also required for ${others.join(', ')}.`, cite);
      else if (ctx.req.cclUnknown) out.fact(`the licence is required for national security (NS) reasons only (a CCL requirement gave no reasons)`, cite);
    }
  }

  private result(sym: SymbolInfo, ctx: Context, out: Finding, line: CompiledLine | undefined): ExceptionResult {
    // Built field by field: object spreads cost more than the evaluation itself in a batch.
    let r: ExceptionResult;
    if (out.barred) {
      let reason = out.bars[0].text;
      for (let i = 1; i < out.bars.length; i++) reason += ` ${out.bars[i].text}`;
      r = { symbol: sym.symbol, title: sym.title, status: 'not-available', reason, citation: out.bars[0].citation };
    } else if (out.open) {
      const more = out.facts.length > 1 ? ` (and ${out.facts.length - 1} more)` : '';
      const reason = out.facts.length ? `Depends on facts not given: ${sentence(out.facts[0])}${more}.` : `For a person to confirm: ${sentence(out.confirm ?? '')}.`;
      r = { symbol: sym.symbol, title: sym.title, status: 'needs-facts', reason, citation: out.factCitation ?? sym.citation };
      if (out.conditions.length) r.conditions = out.conditions;
      r.needs = out.confirm ? [...out.facts, out.confirm] : out.facts;
      if (out.inputs.length) r.inputs = out.inputs;
    } else {
      r = { symbol: sym.symbol, title: sym.title, status: 'available', reason: availableReason(sym, ctx, out), citation: sym.citation };
      if (out.conditions.length) r.conditions = out.conditions;
    }
    if (line) r.entryLine = line.enc.text;
    if (r.status !== 'not-available' && out.limit !== undefined) r.limit = out.limit;
    return r;
  }

  private notes(ctx: Context, query: ExceptionQuery): string[] {
    const notes = [this.checkedNote];
    if (query.parties === undefined) notes.push(NO_PARTIES);
    notes.push(END_USES);
    const internal = ctx.req.all.filter((r) => r.kind === 'internal');
    if (internal.length) notes.push(`An internal policy also requires approval (${internal.map((r) => r.rule).join(', ')}): licence exceptions do not lift it.`);
    return notes;
  }

  private context(query: ExceptionQuery): Context {
    if (!query || typeof query !== 'object') throw new ShipmentInputError('no query', 'eccn');
    const item = this.itemRef(query.eccn);
    const entry = this.data.eccns[item.code];
    if (!entry) throw new ShipmentInputError(`${item.code} is not an ECCN of the Commerce Control List`, 'eccn');
    const place = this.placeOf(query.destination);
    const date = checkDate(query.date);
    const { value } = checkShipment(query.shipment);
    const req = readRequirements(query.requirements);
    return { item, entry, ear99: item.code === 'EAR99', place, date, req, parties: readParties(query, req), value };
  }

  private itemRef(eccn: string): ItemRef {
    const key = typeof eccn === 'string' ? eccn : '';
    let ref = this.items.get(key);
    if (!ref) {
      ref = parseItemRef(key);
      if (!ref) throw new ShipmentInputError(`"${String(eccn)}" is not an ECCN: write it as 3A001, 3A001.b.2 or EAR99`, 'eccn');
      if (this.items.size >= PLAN_LIMIT) this.items.clear();
      this.items.set(key, ref);
    }
    return ref;
  }

  private placeOf(code: string): Place {
    const key = typeof code === 'string' ? code.trim().toUpperCase() : '';
    let place = this.places.get(key);
    if (!place) {
      place = placeOf(this.catalog, key);
      this.places.set(key, place);
    }
    return place;
  }

  /** Per item: its lines and the restrictions whose item conditions hold. */
  private planOf(ctx: Context): ItemPlan {
    let plan = this.plans.get(ctx.item.text);
    if (!plan) {
      const restrictions: ActiveRestriction[] = [];
      for (const c of this.restrictions) {
        const a = checkItem(c, ctx.item, ctx.entry);
        if (a) restrictions.push(a);
      }
      const lines = this.linesOf(ctx.item.code);
      const symbols = this.data.symbols.filter((sym) => sym.kind !== 'programme' && this.listed(sym, ctx, lines.get(sym.line), []));
      const sta = ctx.entry.sta ? `${ctx.item.code}'s STA paragraph: “${ctx.entry.sta}”` : undefined;
      plan = { lines, restrictions, symbols, sta };
      if (this.plans.size >= PLAN_LIMIT) this.plans.clear();
      this.plans.set(ctx.item.text, plan);
    }
    return plan;
  }

  private linesOf(code: string): Map<string, CompiledLine> {
    let lines = this.lines.get(code);
    if (!lines) {
      lines = new Map(Object.entries(this.data.eccns[code]?.lines ?? {}).map(([k, enc]) => [k, compileLine(code, k, enc)]));
      this.lines.set(code, lines);
    }
    return lines;
  }
}

/** Whether an encoded line allows the exception for some paragraph (LVS: a dollar limit somewhere). */
function allowsSome(enc: LineEncoding, symbol: string): boolean {
  if (enc.unencoded || enc.incomplete) return false; // a person reads those: never available
  const lvs = symbol === 'LVS';
  const allows = (v: number | null | boolean | undefined) => (lvs ? typeof v === 'number' : v === true);
  if (allows(enc.default)) return true;
  return (enc.clauses ?? []).some((c) => allows(lvs ? c.limit : c.eligible) || (lvs && c.higher !== undefined));
}

/** An exception the data can find available (the others always need a person to confirm something). */
export function decidable(sym: SymbolInfo): boolean {
  return sym.kind === 'decided' || (sym.kind === 'programme' && !sym.confirm);
}

/** A fact or instruction without its closing full stop, to end a sentence of our own. */
function sentence(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

function describeKinds(ctx: Context): string {
  const kinds = [...ctx.req.kinds].filter((k) => k !== 'ccl' && k !== 'internal');
  const words: Record<string, string> = { embargo: 'part 746 (an embargo or sanction)', party: 'a party of the transaction (part 744)' };
  return kinds.map((k) => words[k] ?? k).join(' and ') || 'another rule';
}

function availableReason(sym: SymbolInfo, ctx: Context, out: Finding): string {
  const place = ctx.place.name;
  switch (sym.symbol) {
    case 'LVS':
      return `The net value ${usd(ctx.value ?? 0)} is within the LVS limit of ${usd(out.limit ?? 0)} for ${ctx.item.text}, and ${place} is in Country Group B (740.3(b)).`;
    case 'GBS':
      return `The licence is required for national security reasons only, ${place} is in Country Group B, and ${ctx.item.code}'s GBS paragraph covers ${ctx.item.text} (740.4).`;
    case 'TSR':
      return `The licence is required for national security reasons only, ${place} is in Country Group B, and ${ctx.item.code}'s TSR paragraph covers ${ctx.item.text} (740.6(a)).`;
    case 'SPP':
      return `The item is EAR99 and the destination is ${place}: SPP authorises EAR99 items to Syria (740.5(a), 746.9(b)(1)).`;
    default:
      return `${sym.title}: its conditions are met.`;
  }
}
