// Domain checks of codes: ECCNs, countries, Country Groups, chart columns, reasons, regimes and
// products, each against the catalog or the workspace, with did-you-mean fixes.
import { closest } from '../../model/similar';
import { getKey, type ScalarValue, type YMap, type YNode, type YScalar } from '../../model/yamlTree';
import { ruleKeys } from '../../model/build';
import { selectorClasses, selectorNodes } from '../../model/selectors';
import { scalarText, valueScalars } from '../navigation';
import { type Ctx, asText, didYouMean, memo, names, report, spanOf } from './context';
import { paragraphProblem } from '../../engine/paragraphs';
import { casProblem } from '../../engine/patterns';
import { evaluatorFor } from '../../engine/exceptions';

// --- codes: ECCNs, countries, groups, chart columns, reasons, regimes, products ------------

export function checkSelectorCodes(ctx: Ctx): void {
  // a selector whose text was checked with nothing to report is not checked again where the
  // same text stands (a large file repeats a few hundred selectors thousands of times)
  const sels = selectorNodes(ctx.root);
  const classes = selectorClasses(sels, ctx.doc.text);
  const clean = new Uint8Array(classes.count);
  // values found clean under a key, in this call: a value repeats across selector texts
  const values = new CleanValues();
  for (let i = 0; i < sels.length; i++) {
    const c = classes.of[i];
    if (c >= 0 && clean[c] === 1) continue;
    const s = sels[i];
    const before = ctx.out.length;
    const pairs = s.node.items;
    if (s.kind === 'item') for (let j = 0; j < pairs.length; j++) checkItemKey(ctx, pairs[j].key.value, pairs[j].value, values);
    else for (let j = 0; j < pairs.length; j++) checkDestinationKey(ctx, pairs[j].key.value, pairs[j].value, values);
    if (c >= 0 && ctx.out.length === before) clean[c] = 1;
  }
}

type ValueCheck = (ctx: Ctx, x: YScalar) => void;

/** The check of each value of an item selector's key (plain loops: this runs for every selector text of a file). */
function checkItemKey(ctx: Ctx, key: unknown, v: YNode | null, values: CleanValues): void {
  const check = itemValueCheck(key);
  if (check) values.check(ctx, check, valueScalars(v));
}

/**
 * Values found with nothing to report, by check: what a check says of a value depends on the
 * value alone (and on the catalog and the workspace's names, the same throughout a call), so
 * a value that stands again in another selector text is not checked again.
 */
class CleanValues {
  private readonly byCheck = new Map<ValueCheck, Set<ScalarValue>>();
  check(ctx: Ctx, check: ValueCheck, xs: readonly YScalar[]): void {
    let clean = this.byCheck.get(check);
    if (!clean) this.byCheck.set(check, (clean = new Set()));
    for (let i = 0; i < xs.length; i++) {
      const value = xs[i].value;
      if (clean.has(value)) continue;
      const before = ctx.out.length;
      check(ctx, xs[i]);
      if (ctx.out.length === before) clean.add(value);
    }
  }
}

function itemValueCheck(key: unknown): ValueCheck | undefined {
  switch (key) {
    case 'eccn':
      return checkEccnPattern;
    case 'directProductOf':
      return checkDirectProductOfPattern;
    case 'category':
      return checkCategory;
    case 'productGroup':
      return checkProductGroup;
    case 'reason':
      return checkReason;
    case 'product':
      return checkProduct;
    case 'cas':
      return checkCas;
  }
  return undefined;
}

const checkEccnPattern: ValueCheck = (ctx, x) => checkEccn(ctx, x, true, 'eccn');
const checkDirectProductOfPattern: ValueCheck = (ctx, x) => checkEccn(ctx, x, true, 'directProductOf');
const checkCategory: ValueCheck = (ctx, x) => checkListed(ctx, x, 'unknown-category', 'CCL category', /^[0-9]$/, ctx.catalog.data.categories);
const checkProductGroup: ValueCheck = (ctx, x) => checkListed(ctx, x, 'unknown-product-group', 'CCL product group', /^[A-E]$/, ctx.catalog.data.productGroups);
const checkSelectorCountry: ValueCheck = (ctx, x) => checkCountry(ctx, x, 'selector');

function checkDestinationKey(ctx: Ctx, key: unknown, v: YNode | null, values: CleanValues): void {
  if (key === 'countryGroup') {
    for (const x of groupValues(v)) checkCountryGroup(ctx, x);
    return;
  }
  const check = key === 'country' ? checkSelectorCountry : key === 'chart' ? checkChart : key === 'regime' ? checkRegimeRef : undefined;
  if (check) values.check(ctx, check, valueScalars(v));
}

export function checkEntryCodes(ctx: Ctx): void {
  const { root } = ctx;
  const regimes = getKey(root, 'regimes')?.value;
  if (regimes?.kind === 'map')
    for (const p of regimes.items) if (p.value?.kind === 'map') for (const x of valueScalars(getKey(p.value, 'countries')?.value)) checkCountry(ctx, x, 'selector');
  for (const m of mapsOf(getKey(root, 'products')?.value)) {
    for (const x of valueScalars(getKey(m, 'cas')?.value)) checkCas(ctx, x);
    for (const x of valueScalars(getKey(m, 'eccn')?.value)) checkEccn(ctx, x, false, 'eccn');
    for (const x of valueScalars(getKey(m, 'directProductOf')?.value)) checkEccn(ctx, x, false, 'directProductOf');
    for (const x of usContentEccns(m)) checkEccn(ctx, x, false, 'eccns');
  }
  const known = new Set<string>(); // symbols found to be licence exceptions
  const rules = ruleKeys(root);
  for (let i = 0; i < rules.length; i++) {
    const exceptions = rules[i]?.exceptions;
    if (!exceptions) continue;
    const xs = valueScalars(exceptions);
    for (let j = 0; j < xs.length; j++) checkException(ctx, xs[j], known);
  }
  const tests = mapsOf(getKey(root, 'tests')?.value);
  const ruleIds = tests.length ? names.rules(ctx) : new Set<string>();
  for (const t of tests) {
    const item = getKey(t, 'item')?.value;
    if (item?.kind === 'map') {
      for (const x of valueScalars(getKey(item, 'eccn')?.value)) checkEccn(ctx, x, false, 'eccn');
      for (const x of valueScalars(getKey(item, 'directProductOf')?.value)) checkEccn(ctx, x, false, 'directProductOf');
      for (const x of valueScalars(getKey(item, 'product')?.value)) checkProduct(ctx, x);
      for (const x of valueScalars(getKey(item, 'cas')?.value)) checkCas(ctx, x);
      for (const x of usContentEccns(item)) checkEccn(ctx, x, false, 'eccns');
    }
    for (const x of valueScalars(getKey(t, 'destination')?.value)) checkCountry(ctx, x, 'test');
    for (const x of valueScalars(getKey(t, 'expectExceptions')?.value)) checkException(ctx, x, known);
    for (const x of valueScalars(getKey(t, 'decidedBy')?.value)) {
      const id = asText(x);
      if (!id || ruleIds.has(id)) continue;
      const near = closest(id, [...ruleIds].filter((r) => !r.includes('/')), 3);
      report(ctx, 'unknown-rule', 'error', spanOf(x), `No rule "${id}" exists in the rule files of the workspace${didYouMean(near)}`, {
        fixes: near.map((n) => ({ title: `Change to ${n}`, newText: scalarText(ctx.doc, x, n) })),
      });
    }
  }
}

/** The ECCNs of a product's or test item's `usContent`. */
function usContentEccns(m: YMap): readonly YScalar[] {
  const c = getKey(m, 'usContent')?.value;
  return c?.kind === 'map' ? valueScalars(getKey(c, 'eccns')?.value) : [];
}

/** A licence exception symbol (a rule's `exceptions`, a test's `expectExceptions`) against part 740; `known` holds those already found listed. */
function checkException(ctx: Ctx, s: YScalar, known: Set<string>): void {
  const v = asText(s);
  if (v === undefined || known.has(v)) return;
  const { unknown } = evaluatorFor(ctx.catalog).checkSymbols([v]);
  if (unknown.length === 0) {
    known.add(v);
    return;
  }
  const first = unknown[0];
  // "tmp" for TMP: a warning; anything else is not a licence exception at all
  const caseOnly = first.suggestion !== undefined && first.suggestion === v.toUpperCase() && unknown.length === 1;
  const fix = first.suggestion ?? unknown.find((u) => u.suggestion)?.suggestion;
  const fixed = fix === undefined ? undefined : v.includes('/') ? v.split('/').map((p) => (p.trim() === first.symbol ? fix : p.trim())).join('/') : fix;
  report(ctx, 'unknown-exception', caseOnly ? 'warning' : 'error', spanOf(s), caseOnly ? `Licence exception symbols are written in upper case: ${first.suggestion}` : first.message, {
    ...(fixed ? { fixes: [{ title: `Change to ${fixed}`, newText: scalarText(ctx.doc, s, fixed) }] } : {}),
  });
}

export function mapsOf(n: YNode | null | undefined): YMap[] {
  return n?.kind === 'seq' ? n.items.filter((x): x is YMap => x?.kind === 'map') : [];
}

const PREFIX_SHAPE = /^[0-9](?:[A-E](?:[0-9]{1,3}(?:\.[A-Za-z0-9]*)*)?)?$/;

/** "3a001.a.1" -> "3A001.a.1", "ear99" -> "EAR99": ECCNs upper-case the entry, not the paragraphs. */
function upperBase(v: string): string {
  if (/^ear99$/i.test(v)) return 'EAR99';
  const dot = v.indexOf('.');
  return dot < 0 ? v.toUpperCase() : v.slice(0, dot).toUpperCase() + v.slice(dot);
}

function checkEccn(ctx: Ctx, s: YScalar, pattern: boolean, key: string): void {
  const v = asText(s);
  if (v === undefined || v === '') return;
  const { catalog } = ctx;
  const known = catalog.data.eccns.length > 0;
  // the common case first, a listed ECCN without paragraphs: nothing to say (this runs for every
  // ECCN of the file, and the messages below are made only for findings)
  if (known && !v.endsWith('*') && !v.includes('.') && catalog.isWellFormedEccn(v) && catalog.eccnOf(v)) return;
  const fix = (newText: string, title = `Change to ${newText}`) => ({ title, newText: scalarText(ctx.doc, s, newText) });
  const shape = `an ECCN is a digit, a letter A-E and three digits (3A001), optionally with paragraphs (3A001.a.1), or EAR99${pattern ? '; a trailing * matches every ECCN that starts with the rest ("3A*")' : ''}`;
  if (pattern && v.endsWith('*')) {
    const prefix = v.slice(0, -1);
    const upper = upperBase(prefix);
    if (prefix === '' || !PREFIX_SHAPE.test(upper)) {
      report(ctx, 'malformed-eccn', 'error', spanOf(s), `"${v}" is not an ECCN pattern: ${shape}.`);
    } else if (upper !== prefix) {
      report(ctx, 'malformed-eccn', 'error', spanOf(s), `ECCNs are written in upper case: ${upper}*`, { fixes: [fix(`${upper}*`, `Upper-case to ${upper}*`)] });
    } else if (known && !catalog.data.eccns.some((e) => e.code !== 'EAR99' && (e.code.startsWith(upper) || upper.startsWith(`${e.code}.`)))) {
      report(ctx, 'matches-nothing', 'warning', spanOf(s), `No ECCN on the Commerce Control List (${catalog.data.dataAsOf}) starts with ${upper}: this ${key} pattern matches nothing.`);
    }
    return;
  }
  if (!catalog.isWellFormedEccn(v)) {
    const upper = upperBase(v);
    if (upper !== v && catalog.isWellFormedEccn(upper)) {
      report(ctx, 'malformed-eccn', 'error', spanOf(s), `ECCNs are written in upper case: ${upper}`, { fixes: [fix(upper, `Upper-case to ${upper}`)] });
      return;
    }
    const rest = v.includes('.') ? v.slice(v.indexOf('.')) : '';
    const near = known ? memo(catalog, `e:${v}`, () => catalog.suggestEccns(v, 3)).map((n) => n + rest) : [];
    const noPattern = !pattern && v.endsWith('*') ? ' (products and test items name ECCNs, not patterns)' : '';
    report(ctx, 'malformed-eccn', 'error', spanOf(s), `"${v}" is not an ECCN${noPattern}: ${shape}${didYouMean(near)}`, { fixes: near.map((n) => fix(n)) });
    return;
  }
  const entry = known ? catalog.eccnOf(v) : undefined;
  if (entry) {
    // a paragraph the data contradicts (3A001.z.9 when z.1 to z.4 are named); patterns cover what they cover
    const problem = v.includes('.') ? paragraphProblem(entry, v) : undefined;
    if (problem) report(ctx, 'unknown-paragraph', 'error', spanOf(s), problem.message, { fixes: problem.suggestions.slice(0, 3).map((n) => fix(n)) });
    return;
  }
  if (!known) return;
  const base = v.split('.')[0];
  const rest = v.slice(base.length);
  const removed = catalog.data.removedEccns?.find((r) => r.code.toUpperCase() === base.toUpperCase());
  const near = memo(catalog, `e:${base}`, () => catalog.suggestEccns(base, 3));
  const message = removed
    ? `${base} is no longer on the Commerce Control List (${catalog.data.dataAsOf}): ${removed.note}`
    : `${base} is not on the Commerce Control List (${catalog.data.dataAsOf})${didYouMean(near)}`;
  report(ctx, 'unknown-eccn', 'error', spanOf(s), message, { fixes: near.map((n) => fix(n + rest)) });
}

/** A CAS registry number with its check digit (the schema checks the shape only). */
function checkCas(ctx: Ctx, s: YScalar): void {
  const v = asText(s);
  if (v === undefined || v === '') return;
  const problem = casProblem(v);
  if (problem) report(ctx, 'invalid-cas', 'error', spanOf(s), problem);
}

function checkCountry(ctx: Ctx, s: YScalar, where: 'selector' | 'test'): void {
  const v = asText(s);
  const { catalog } = ctx;
  if (!v || catalog.data.destinations.length === 0) return;
  const exact = catalog.destination(v);
  if (exact?.code === v && !exact.notAnExport && !exact.unanswerable) return; // the common case first
  const fix = (code: string, title = `Change to ${code}`) => ({ title, newText: scalarText(ctx.doc, s, code) });
  if (exact?.notAnExport || exact?.unanswerable) {
    // a test cannot run there; a selector naming it never matches a check
    report(ctx, 'not-an-export', where === 'test' ? 'error' : 'warning', spanOf(s), exact.notAnExport ?? exact.unanswerable ?? '');
    return;
  }
  if (exact) {
    if (exact.code !== v)
      report(ctx, 'unknown-country', 'warning', spanOf(s), `Country codes are written in upper case: ${exact.code} (${exact.name})`, {
        fixes: [fix(exact.code, `Upper-case to ${exact.code}`)],
      });
    return;
  }
  const named = memo(catalog, `n:${v}`, () => catalog.findDestination(v));
  if (named) {
    // a test's destination may be a name (the engine looks names up); a selector may not
    const message =
      where === 'test'
        ? `Write the code ${named.code} for ${named.name}: codes are what selectors and reports use`
        : `"${v}" is a name; selectors take the ISO code: ${named.code} (${named.name})`;
    report(ctx, 'unknown-country', where === 'test' ? 'warning' : 'error', spanOf(s), message, { fixes: [fix(named.code)] });
    return;
  }
  const near = memo(catalog, `d:${v}`, () => catalog.suggestDestinations(v, 3));
  const kind = v.includes('-') ? 'region (ISO 3166-2)' : 'country (ISO 3166-1 alpha-2)';
  report(ctx, 'unknown-country', 'error', spanOf(s), `Unknown ${kind} "${v}"${didYouMean(near.map((d) => `${d.code} (${d.name})`))}`, {
    fixes: near.map((d) => fix(d.code, `Change to ${d.code} (${d.name})`)),
  });
}

/** Country Group values: scalars, and the `E: 1` mappings YAML makes of an unquoted "E: 1". */
function groupValues(n: YNode | null | undefined): (YScalar | YMap)[] {
  if (!n) return [];
  if (n.kind === 'scalar') return n.value === null ? [] : [n];
  if (n.kind === 'map') return [n];
  return n.items.filter((x): x is YScalar | YMap => x !== null && x.kind !== 'seq');
}

/** "A:1-A:6, B, D:1-D:5, E:1, E:2": the catalog's groups, runs collapsed. */
function groupList(codes: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < codes.length; ) {
    let j = i;
    const [letter, num] = codes[i].split(':');
    while (num !== undefined && j + 1 < codes.length && codes[j + 1] === `${letter}:${Number(codes[j].split(':')[1]) + 1}`) j++;
    out.push(j - i >= 2 ? `${codes[i]}-${codes[j]}` : codes.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return out.join(', ');
}

function checkCountryGroup(ctx: Ctx, n: YScalar | YMap): void {
  const groups = ctx.catalog.data.countryGroups.map((g) => g.code);
  if (groups.length === 0) return;
  const list = `groups are ${memo(ctx.catalog, 'groups', () => groupList(groups))}`;
  const quote = (code: string) => ({ title: `Quote as "${code}"`, newText: JSON.stringify(code) });
  if (n.kind === 'map') {
    // `countryGroup: E: 1` reads as the mapping {E: 1}
    const pair = n.items.length === 1 ? n.items[0] : undefined;
    const code = pair?.value?.kind === 'scalar' ? `${String(pair.key.value)}:${String(pair.value.value)}`.toUpperCase() : undefined;
    if (!pair?.value || !code || !ctx.catalog.countryGroup(code)) return; // the schema's wrong-type says it
    const span = { start: pair.key.start, end: pair.value.end };
    report(ctx, 'unknown-country-group', 'error', span, `YAML reads ${ctx.doc.text.slice(span.start, span.end)} as a mapping (the space after the colon); write the Country Group quoted: "${code}"`, {
      fixes: [quote(code)],
    });
    return;
  }
  const v = asText(n);
  if (v === undefined || v === '') return;
  const known = ctx.catalog.countryGroup(v);
  if (known) {
    if (known.code !== v) report(ctx, 'unknown-country-group', 'warning', spanOf(n), `Country Group codes are written in upper case: "${known.code}"`, { fixes: [quote(known.code)] });
    return;
  }
  const m = /^([A-Ea-e])\s*[:.\-_ ]?\s*(\d)$/.exec(v);
  const guess = m ? `${m[1].toUpperCase()}:${m[2]}` : undefined;
  const near = guess && ctx.catalog.countryGroup(guess) ? [guess] : groups.filter((g) => g.startsWith(`${v.toUpperCase()}:`));
  report(ctx, 'unknown-country-group', 'error', spanOf(n), `Country Group "${v}" does not exist; ${list}${guess && near[0] === guess ? ` (write "${guess}", quoted, with the colon)` : ''}`, {
    fixes: near.map(quote),
  });
}

function checkChart(ctx: Ctx, s: YScalar): void {
  const v = asText(s);
  const columns = ctx.catalog.data.chartColumns.map((c) => c.code);
  if (!v || columns.length === 0) return;
  const known = ctx.catalog.chartColumn(v);
  if (known) {
    if (known.code !== v) report(ctx, 'unknown-chart-column', 'warning', spanOf(s), `Country Chart columns are written in upper case: ${known.code}`, { fixes: [{ title: `Upper-case to ${known.code}`, newText: scalarText(ctx.doc, s, known.code) }] });
    return;
  }
  const near = closest(v.toUpperCase(), columns, 3);
  report(ctx, 'unknown-chart-column', 'error', spanOf(s), `Country Chart column "${v}" does not exist; columns are ${columns.join(', ')}${didYouMean(near)}`, {
    fixes: near.map((c) => ({ title: `Change to ${c}`, newText: scalarText(ctx.doc, s, c) })),
  });
}

function checkReason(ctx: Ctx, s: YScalar): void {
  const v = asText(s);
  const { data } = ctx.catalog;
  if (!v || data.reasons.length === 0) return;
  const known = ctx.catalog.reason(v) ?? ctx.catalog.chartColumn(v);
  if (known) {
    if (known.code !== v) report(ctx, 'unknown-reason', 'warning', spanOf(s), `Reasons for control are written in upper case: ${known.code}`, { fixes: [{ title: `Upper-case to ${known.code}`, newText: scalarText(ctx.doc, s, known.code) }] });
    return;
  }
  const near = closest(v.toUpperCase(), [...data.reasons.map((r) => r.code), ...data.chartColumns.map((c) => c.code)], 3);
  report(ctx, 'unknown-reason', 'error', spanOf(s), `Reason for control "${v}" does not exist; reasons are ${data.reasons.map((r) => r.code).join(', ')}, or a Country Chart column such as NS1${didYouMean(near)}`, {
    fixes: near.map((c) => ({ title: `Change to ${c}`, newText: scalarText(ctx.doc, s, c) })),
  });
}

/** Category and product group: the schema's enum normally speaks first; this catches a thinner catalog. */
function checkListed(ctx: Ctx, s: YScalar, code: 'unknown-category' | 'unknown-product-group', what: string, shape: RegExp, items: { code: string }[]): void {
  const v = asText(s);
  if (!v || !shape.test(v) || items.length === 0 || items.some((i) => i.code === v)) return;
  report(ctx, code, 'error', spanOf(s), `${what} "${v}" does not exist; the catalog has ${items.map((i) => i.code).join(', ')}`);
}

function checkRegimeRef(ctx: Ctx, s: YScalar): void {
  const id = asText(s);
  if (!id) return;
  const ids = names.regimes(ctx);
  if (ids.has(id)) return;
  const near = closest(id, [...ids], 3);
  report(ctx, 'unknown-regime', 'error', spanOf(s), `No regime "${id}" is defined in the rule files of the workspace${didYouMean(near)}`, {
    fixes: near.map((n) => ({ title: `Change to ${n}`, newText: scalarText(ctx.doc, s, n) })),
  });
}

function checkProduct(ctx: Ctx, s: YScalar): void {
  const sku = asText(s);
  if (!sku) return;
  const known = names.skus(ctx);
  if (known.has(sku.toUpperCase())) return;
  const skus = [...known.values()];
  const near = closest(sku, skus, 3);
  const hint = skus.length === 0 ? '; the rule files of the workspace define no products (a `products:` section)' : didYouMean(near);
  report(ctx, 'unknown-product', 'error', spanOf(s), `No product "${sku}" is defined in the rule files of the workspace${hint}`, {
    fixes: near.map((n) => ({ title: `Change to ${n}`, newText: scalarText(ctx.doc, s, n) })),
  });
}

