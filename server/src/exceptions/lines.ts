// Reads one licence-exception line of a CCL entry (LVS "$500 for .c, .d", GBS "Yes for .a") for
// the asked item, destination and value, from its encoding (data/exceptions/eccn-lines.yaml).
// A heading asked where the line differs by paragraph is answered for every paragraph it may
// be: available only when available for all of them, never the most lenient.
import { controlledFor, type Context } from './context';
import type { LineClause, LineEncoding, UnlessFact } from './data';
import { Finding } from './finding';
import { itemWithin, placeMatches, relativeRef, usd, type ItemRef, type Tri } from './match';

// Tri values as module constants: a cross-module constant is a getter call under the test loader.
const NO: Tri = 0;
const MAYBE: Tri = 1;
const YES: Tri = 2;

/** A line with its clauses' paragraphs parsed once. */
export interface CompiledLine {
  symbol: string;
  code: string;
  enc: LineEncoding;
  clauses: { clause: LineClause; refs: ItemRef[] }[];
}

export function compileLine(code: string, symbol: string, enc: LineEncoding): CompiledLine {
  return { symbol, code, enc, clauses: (enc.clauses ?? []).map((clause) => ({ clause, refs: clause.for.map((p) => relativeRef(code, p)) })) };
}

const quote = (text: string) => `“${text}”`;
const asList = (u: UnlessFact | UnlessFact[] | undefined): UnlessFact[] => (u === undefined ? [] : Array.isArray(u) ? u : [u]);

/**
 * The line's answer for the asked item. `lineCitation` is the section the line belongs to
 * ("15 CFR 740.3"), cited for what the line itself decides.
 */
export function readLine(line: CompiledLine, ctx: Context, lineCitation: string): Finding {
  const out = new Finding();
  const { enc, symbol, code } = line;
  if (enc.incomplete) {
    out.fact(`${code}'s ${symbol} paragraph cannot be read in full here (${enc.incomplete}); it reads ${quote(enc.text)}`, lineCitation);
    return out;
  }
  if (enc.unencoded) {
    out.fact(`${code}'s ${symbol} paragraph: ${quote(enc.text)}`, lineCitation);
    return out;
  }
  // The clause that holds the item (the most specific), and the clauses of narrower paragraphs.
  let base: LineClause | undefined;
  let depth = -1;
  const narrower: LineClause[] = [];
  for (const { clause, refs } of line.clauses) {
    let within = NO as number;
    let deepest = -1;
    for (const ref of refs) {
      const t = itemWithin(ctx.item, ref);
      if (t > within) within = t;
      if (t === YES && ref.path.length > deepest) deepest = ref.path.length;
    }
    if (within === YES) {
      if (deepest > depth) {
        base = clause;
        depth = deepest;
      }
    } else if (within === MAYBE) {
      narrower.push(clause);
    }
  }
  if (narrower.length === 0) {
    readClause(line, base, ctx, out, lineCitation);
  } else {
    // A heading (or broad paragraph) asked: one answer per paragraph it may be.
    const parts = [base, ...narrower].map((c) => {
      const f = new Finding();
      readClause(line, c, ctx, f, lineCitation);
      return f;
    });
    const verdicts = parts.map((f) => (f.barred ? NO : f.open ? MAYBE : YES));
    if (verdicts.every((v) => v === YES)) {
      out.limit = Math.min(...parts.map((f) => f.limit ?? Infinity));
      if (!Number.isFinite(out.limit)) out.limit = undefined;
    } else if (verdicts.every((v) => v === NO)) {
      out.absorb(parts[0]);
    } else {
      out.input('paragraph');
      out.fact(`the answer depends on the paragraph of ${ctx.item.text}: ${code}'s ${symbol} paragraph reads ${quote(enc.text)}; name the paragraph`, lineCitation);
    }
  }
  if (enc.obligation) out.condition(enc.obligation);
  return out;
}

function scopeOf(line: CompiledLine, clause: LineClause | undefined, ctx: Context): string {
  if (clause) return clause.for.map((p) => `${line.code}.${p}`).join(', ');
  return ctx.item.text;
}

function readClause(line: CompiledLine, clause: LineClause | undefined, ctx: Context, out: Finding, cite: string): void {
  const { enc, symbol } = line;
  const lvs = symbol === 'LVS';
  const scope = scopeOf(line, clause, ctx);
  const value = clause ? (lvs ? clause.limit : clause.eligible) : enc.default;
  const covers = lvs ? typeof value === 'number' : value === true;
  if (!covers) {
    if (!enc.clauses?.length && !clause) out.bar(`${line.code}'s entry reads ${quote(`${symbol}: ${enc.text}`)}.`, cite);
    else out.bar(`${line.code}'s ${symbol} paragraph ${lvs ? `gives no value limit for ${scope}` : `does not cover ${scope}`}: ${quote(enc.text)}.`, cite);
    return;
  }
  for (const spec of [enc.destinations, clause?.destinations]) {
    if (!spec) continue;
    const t = placeMatches(spec, ctx.place);
    if (t === NO) out.bar(`${line.code}'s ${symbol} paragraph does not cover ${scope} to ${ctx.place.name}: ${quote(enc.text)}.`, cite);
    else if (t === MAYBE) out.fact(`${ctx.place.name}'s Country Groups (the reference data gives it none), which ${line.code}'s ${symbol} paragraph depends on: ${quote(enc.text)}`, cite);
  }
  for (const reason of [...(enc.notFor ?? []), ...(clause?.notFor ?? [])]) {
    const c = controlledFor(ctx, reason);
    if (c.tri === YES) out.bar(`${line.code}'s ${symbol} paragraph is N/A for items controlled for ${reason} reasons, and this item is (${ctx.req.reasons.has(reason) ? `a licence is required for ${reason}` : `the entry controls all of it for ${reason}`}).`, cite);
    else if (c.tri === MAYBE) out.fact(`the item is not controlled for ${reason} reasons (${symbol} is N/A for ${reason}${c.text ? `; the entry: ${quote(c.text)}` : ''})`, cite);
  }
  for (const when of [enc.when, clause?.when]) if (when) out.fact(`only if ${when}`, cite);
  for (const u of [...asList(enc.unless), ...asList(clause?.unless)]) {
    const fact = typeof u === 'string' ? u : u.fact;
    const outside = typeof u === 'string' ? undefined : u.outsideGroups;
    if (outside && outside.some((g) => ctx.place.groups.has(g))) continue; // only matters outside those groups
    out.fact(`not if ${fact}`, cite);
  }
  if (lvs) readValue(line, value as number, clause, ctx, out, scope, cite);
}

function readValue(line: CompiledLine, limit: number, clause: LineClause | undefined, ctx: Context, out: Finding, scope: string, cite: string): void {
  out.limit = limit;
  const v = ctx.value;
  if (v === undefined) {
    out.input('value');
    out.fact(`the net value of the order's ${line.code} commodities is at most ${usd(limit)} (the LVS limit for ${scope})`, cite);
    return;
  }
  if (v <= limit) return;
  const higher = clause?.higher;
  if (higher && v <= higher.limit) {
    out.limit = higher.limit;
    out.fact(`${higher.when} (then the limit is ${usd(higher.limit)}, not ${usd(limit)})`, cite);
    return;
  }
  const top = higher ? higher.limit : limit;
  out.bar(`The net value ${usd(v)} exceeds the LVS limit of ${usd(top)} for ${scope}.`, `${cite}(d)(1)(i)`);
}
