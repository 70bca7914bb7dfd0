// De minimis (15 CFR 734.4): is a foreign-made item with U.S.-origin controlled content outside
// the EAR? Not subject to the EAR at or under 10 % controlled content (734.4(c)), or 25 % for
// destinations outside Country Group E:1 and E:2 (734.4(d)); never in the cases 734.4(a) lists.
// "Not subject to the EAR" is its own outcome: outside the EAR, not licence-free under it.
import type { Catalog } from '../catalog/types';
import { checkAmount, checkCurrency, checkDate } from './context';
import type { ExceptionsData, NoDeMinimisCase } from './data';
import { Conjunction, itemWithin, parseItemRef, placeMatches, placeOf, usd, type ItemRef, type Place, type Tri } from './match';
import { ShipmentInputError, type DeMinimisQuery, type DeMinimisResult } from './types';

// Tri values as module constants: a cross-module constant is a getter call under the test loader.
const NO: Tri = 0;
const MAYBE: Tri = 1;
const YES: Tri = 2;

const parsed = new Map<string, ItemRef>();
/** The data's ECCNs and paragraphs, parsed once. */
function refOf(text: string): ItemRef {
  let r = parsed.get(text);
  if (!r) {
    r = parseItemRef(text)!;
    parsed.set(text, r);
  }
  return r;
}

interface Content {
  percent: number;
  /** "8 %", or "$800 of $10,000 = 8 %". */
  shown: string;
  /** usValue * 100 <= threshold * itemValue, exactly, when values were given. */
  within(threshold: number): boolean;
}

const pct = (n: number) => `${Number(n.toFixed(4))} %`;

function readContent(q: DeMinimisQuery['usContent'] | undefined): Content {
  if (!q || typeof q !== 'object') throw new ShipmentInputError('give the U.S.-origin controlled content: a percentage of the item value and its ECCNs', 'usContent');
  checkCurrency(q.currency, 'usContent.currency');
  const value = checkAmount(q.value, 'usContent.value', 'The value of the U.S.-origin controlled content');
  const itemValue = checkAmount(q.itemValue, 'usContent.itemValue', "The foreign-made item's value");
  let percent: number | undefined;
  if (q.percent !== undefined && q.percent !== null && (q.percent as unknown) !== '') {
    const raw: unknown = q.percent;
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*%?\s*$/.test(raw) ? Number(raw.replace('%', '')) : NaN;
    if (!Number.isFinite(n)) throw new ShipmentInputError(`the U.S. content percentage must be a number from 0 to 100 (got "${String(raw)}")`, 'usContent.percent');
    if (n < 0) throw new ShipmentInputError(`the U.S. content percentage cannot be negative (got ${n})`, 'usContent.percent');
    if (n > 100) throw new ShipmentInputError(`the U.S. content percentage cannot be over 100 (got ${n})`, 'usContent.percent');
    percent = n;
  }
  if (value !== undefined || itemValue !== undefined) {
    if (value === undefined || itemValue === undefined) throw new ShipmentInputError('give both the U.S. content value and the item value, or the percentage', value === undefined ? 'usContent.value' : 'usContent.itemValue');
    if (itemValue <= 0) throw new ShipmentInputError("the foreign-made item's value must be more than zero", 'usContent.itemValue');
    if (value > itemValue) throw new ShipmentInputError(`the U.S. content (${usd(value)}) cannot be worth more than the item (${usd(itemValue)})`, 'usContent.value');
    const computed = (value / itemValue) * 100;
    if (percent !== undefined && Math.abs(percent - computed) > 0.005) {
      throw new ShipmentInputError(`the percentage ${pct(percent)} does not match the values (${usd(value)} of ${usd(itemValue)} = ${pct(computed)})`, 'usContent.percent');
    }
    return { percent: computed, shown: `${usd(value)} of ${usd(itemValue)} = ${pct(computed)}`, within: (t) => value * 100 <= t * itemValue };
  }
  if (percent === undefined) throw new ShipmentInputError('give the U.S. content as a percentage of the item value (or the two values)', 'usContent.percent');
  const p = percent;
  return { percent: p, shown: pct(p), within: (t) => p <= t };
}

function readEccns(list: unknown, field: 'usContent.eccns' | 'item.eccn', data: ExceptionsData): ItemRef[] {
  if (!Array.isArray(list)) throw new ShipmentInputError('the ECCNs of the U.S. content must be a list (EAR99 included)', field);
  return list.map((e) => {
    const ref = typeof e === 'string' ? parseItemRef(e) : undefined;
    if (!ref) throw new ShipmentInputError(`"${String(e)}" is not an ECCN: write it as 3A001, 3A001.b.2 or EAR99`, field);
    if (!data.eccns[ref.code]) throw new ShipmentInputError(`${ref.code} is not an ECCN of the Commerce Control List`, field);
    return ref;
  });
}

/** The de minimis answer for a foreign-made item; throws ShipmentInputError naming the bad field. */
export function deMinimis(catalog: Catalog, data: ExceptionsData, query: DeMinimisQuery): DeMinimisResult {
  if (!query || typeof query !== 'object') throw new ShipmentInputError('no query', 'usContent');
  const place = placeOf(catalog, typeof query.destination === 'string' ? query.destination : '');
  if (query.date !== undefined) checkDate(query.date);
  const content = readContent(query.usContent);
  const eccns = readEccns(query.usContent.eccns, 'usContent.eccns', data);
  const item = query.item?.eccn !== undefined ? readEccns([query.item.eccn], 'item.eccn', data)[0] : undefined;
  const notes = deMinimisNotes(place, eccns);
  const percent = content.percent;
  // the outcome first, the notes last: the order a person reads the JSON in
  const base = { notes, dataAsOf: data.dataAsOf };

  // 734.4(a): cases with no de minimis level.
  const needs: string[] = [];
  let needsCitation: string | undefined;
  const unchecked: string[] = [];
  for (const c of data.deMinimis.noDeMinimis) {
    if (!item && c.itemNotGiven === 'note') {
      unchecked.push(c.id);
      continue;
    }
    const { tri, facts } = noDeMinimis(c, eccns, item, place, data);
    if (tri === YES) {
      return {
        outcome: 'subject-to-ear',
        percent,
        calculation: `No de minimis level applies (${c.id}): the U.S. content (${content.shown}) is not compared with a threshold.`,
        reason: `${c.id}: ${c.text[c.text.length - 1]}`,
        citation: c.citation,
        ...base,
      };
    }
    if (tri === MAYBE) {
      needs.push(`${c.id}: there is no de minimis level if ${facts.join(' and ')}`);
      needsCitation ??= c.citation;
    }
  }
  if (unchecked.length) {
    notes.push(`Not checked without the foreign-made item's own ECCN: ${unchecked.join(', ')} (no de minimis level for certain semiconductor manufacturing equipment and its U.S.-origin integrated circuits). Give the item's ECCN to check them.`);
  }
  const cat5 = data.deMinimis.category5Part2;
  if (eccns.some((e) => cat5.content.some((c) => itemWithin(e, refOf(c)) !== NO))) {
    needs.push(cat5.fact);
    needsCitation ??= cat5.citation;
  }

  // 734.4(c) and (d): the threshold for the destination.
  const [ten, twentyFive] = data.deMinimis.thresholds;
  const e12 = twentyFive.exceptGroups ?? ['E:1', 'E:2'];
  const groupsKnown = !place.noGroups;
  const inE = e12.some((g) => place.groups.has(g));
  const rule = inE ? ten : twentyFive;
  const why = inE ? `${place.name} is in Country Group ${e12.filter((g) => place.groups.has(g)).join(' and ')}` : `${place.name} is not in Country Group E:1 or E:2`;
  if (!groupsKnown && !content.within(ten.percent)) {
    const over = !content.within(twentyFive.percent);
    return {
      outcome: over ? 'subject-to-ear' : 'needs-facts',
      percent,
      calculation: `U.S.-controlled content ${content.shown}: ${over ? `more than ${twentyFive.percent} %, the highest de minimis level` : `over ${ten.percent} % and at most ${twentyFive.percent} %`}; the reference data gives ${place.name} no Country Group.`,
      reason: over ? `Over ${twentyFive.percent} %: subject to the EAR (734.4(c), (d)).` : `Whether 734.4(d) (25 %) or 734.4(c) (10 %) applies depends on ${place.name}'s Country Groups (E:1, E:2), which the reference data does not give.`,
      citation: twentyFive.citation,
      ...(over ? {} : { needs: [`${place.name} is not in Country Group E:1 or E:2`, ...needs] }),
      ...base,
    };
  }
  const within = content.within(rule.percent);
  const calculation = `U.S.-controlled content ${content.shown} ${within ? '≤' : '>'} ${rule.percent} % (${rule.id}: ${why}).`;
  if (!within) {
    return { outcome: 'subject-to-ear', percent, threshold: rule.percent, calculation, reason: `The controlled U.S. content is over the ${rule.percent} % de minimis level: the item is subject to the EAR.`, citation: rule.citation, ...base };
  }
  if (needs.length) {
    return {
      outcome: 'needs-facts',
      percent,
      threshold: rule.percent,
      calculation,
      reason: `Within the ${rule.percent} % level, but de minimis depends on facts not given: ${needs[0]}${needs.length > 1 ? ` (and ${needs.length - 1} more)` : ''}.`,
      citation: needsCitation ?? rule.citation,
      needs,
      ...base,
    };
  }
  return {
    outcome: 'not-subject-to-ear',
    percent,
    threshold: rule.percent,
    calculation,
    reason: `The controlled U.S. content is at or under the ${rule.percent} % de minimis level: the foreign-made item is not subject to the EAR (outside the EAR, not licence-free under it).`,
    citation: rule.citation,
    ...base,
  };
}

/** Does a 734.4(a) case apply? YES, MAYBE (with the facts it turns on) or NO. */
function noDeMinimis(c: NoDeMinimisCase, content: ItemRef[], item: ItemRef | undefined, place: Place, data: ExceptionsData): Conjunction {
  const all = new Conjunction();
  if (c.destinations && !all.and(placeMatches(c.destinations, place), `${place.name}'s Country Groups`)) return all;
  if (c.content) {
    let t: Tri = NO;
    const broad: string[] = [];
    for (const e of content) {
      for (const ref of c.content) {
        const x = itemWithin(e, refOf(ref));
        if (x > t) t = x;
        if (x === MAYBE) broad.push(ref);
      }
    }
    if (!all.and(t, broad.length ? `the U.S. content is ${broad.join(' or ')}` : undefined)) return all;
  }
  if (c.contentFlags) {
    const where = c.contentParagraphs === 'y' ? 'a .y item' : 'in paragraphs .a through .x';
    if (!all.and(flaggedContent(c, content, data), `the 9x515 or "600 series" U.S. content is ${where}`)) return all;
  }
  if (c.contentCategories && !all.and(content.some((e) => e.code !== 'EAR99' && c.contentCategories!.includes(e.code[0])) ? YES : NO)) return all;
  if (c.item || c.itemGroups || c.itemPrefixes) {
    const t = item ? itemMatches(c, item, data) : MAYBE;
    if (!all.and(t, `the foreign-made item is ${describeItems(c)}${item ? '' : ' (its ECCN was not given)'}`)) return all;
  }
  if (c.fact) all.and(MAYBE, c.fact);
  return all;
}

function describeItems(c: NoDeMinimisCase): string {
  if (c.item) return c.item.join(' or ');
  if (c.itemGroups?.includes('E')) return 'technology';
  return `an item of ${c.itemPrefixes?.join(', ')}`;
}

function itemMatches(c: NoDeMinimisCase, item: ItemRef, data: ExceptionsData): Tri {
  for (const n of c.notItems ?? []) if (itemWithin(item, refOf(n)) === YES) return NO;
  if (c.item) {
    let t: Tri = NO;
    for (const ref of c.item) t = Math.max(t, itemWithin(item, refOf(ref))) as Tri;
    return t;
  }
  if (c.itemGroups) return c.itemGroups.includes(data.eccns[item.code]?.group ?? '') ? YES : NO;
  if (c.itemPrefixes) return c.itemPrefixes.some((p) => item.code.startsWith(p)) ? YES : NO;
  return YES;
}

/** 9x515 / "600 series" content: .a-.x or .y paragraphs; a heading could be either (MAYBE). */
function flaggedContent(c: NoDeMinimisCase, content: ItemRef[], data: ExceptionsData): Tri {
  let t: Tri = NO;
  for (const e of content) {
    const flags = data.eccns[e.code]?.flags ?? [];
    if (!c.contentFlags!.some((f) => flags.includes(f))) continue;
    const first = e.path[0];
    if (first === undefined) t = Math.max(t, MAYBE) as Tri;
    else if (c.contentParagraphs === 'y' ? first === 'y' : /^[a-x]$/.test(first)) return YES;
  }
  return t;
}

function deMinimisNotes(place: Place, eccns: ItemRef[]): string[] {
  const notes = [
    'The percentage is the value of controlled U.S.-origin content over the foreign-made item\'s value, counted as supplement no. 2 to part 734 says (content that would need no licence to this destination is not counted); keep the calculation (734.4(e), (g)).',
    'The foreign direct product rules (734.9) still apply on top: an item outside the EAR by de minimis can still be subject to it as a direct product.',
    'OFAC rules may prohibit some exports from abroad by U.S.-owned or controlled entities regardless of de minimis, and 744.6 still applies to U.S. persons (734.4(a)(7)).',
    'U.S.-origin software is not eligible when exported separately from the foreign-made item, and for commingled technology a one-time report is due before relying on de minimis (734.4(c), (d)).',
  ];
  if (eccns.some((e) => e.code === '3A001')) notes.push('734.4(a)(1) also names "Computer Tier 3" destinations, a term the EAR no longer defines: not applied.');
  if (place.embargoes.includes('russia_belarus')) notes.push('Russia and Belarus: every CCL item needs a licence there (746.8(a)(1)), so all U.S.-origin CCL content counts as controlled; supplement no. 3 to part 746 excludes some content for reexports from partner countries.');
  return notes;
}
