// Domain diagnostics beyond the schema: codes the catalog does not know, names the workspace
// does not define, duplicates, impossible dates, rules that match nothing or never decide, and
// failing rule tests. Pure: a document, the workspace and the catalog in, problems out, each on
// the exact offending token. When the catalog or the engine cannot say, a check is skipped
// rather than guessed ("incomplete context").
import type { Catalog, Eccn } from '../catalog/types';
import type { Engine } from '../engine/engine';
import type { Determination, RuleTestResult } from '../engine/types';
import type { RuleDocument } from '../model/document';
import { locate } from '../model/pointer';
import { closest } from '../model/similar';
import { DECISION_RANK, type DestinationSelector, type ItemSelector, type Problem, type Rule, type RuleSet, type RuleTest, type Severity, type Span } from '../model/types';
import { getKey, type YMap, type YNode, type YScalar } from '../model/yamlTree';
import type { WorkspaceView } from '../workspace/workspace';
import { nameOccurrences, scalarText, selectorNodes, valueScalars, workspaceDocuments } from './navigation';

interface Ctx {
  doc: RuleDocument;
  root: YMap;
  catalog: Catalog;
  docs: RuleDocument[];
  /** The workspace engine, when it was built from this very version of the document. */
  engine?: Engine;
  out: Problem[];
  regimeIds?: Set<string>;
  skus?: Map<string, string>;
  ruleIds?: Set<string>;
}

/** The names the workspace defines, gathered once per call and only when asked for. */
const names = {
  regimes: (ctx: Ctx) => (ctx.regimeIds ??= new Set(ctx.docs.flatMap((d) => d.ruleSet.regimes.map((r) => r.id)))),
  /** Normalized sku -> as written. */
  skus: (ctx: Ctx) => (ctx.skus ??= new Map(ctx.docs.flatMap((d) => d.ruleSet.products.map((p): [string, string] => [p.sku.trim().toUpperCase(), p.sku])))),
  rules: (ctx: Ctx): Set<string> => {
    if (ctx.ruleIds) return ctx.ruleIds;
    const ids = new Set<string>();
    for (const d of ctx.docs) for (const r of d.ruleSet.rules) ids.add(r.id).add(`${r.ruleset}/${r.id}`);
    return (ctx.ruleIds = ids);
  },
};

export function domainProblems(doc: RuleDocument, ws: WorkspaceView, catalog: Catalog): Problem[] {
  const root = doc.root;
  if (root?.kind !== 'map') return [];
  // the engine's answers need destinations to answer from
  const engine = catalog.data.destinations.length ? engineFor(doc, ws) : undefined;
  const ctx: Ctx = { doc, root, catalog, docs: workspaceDocuments(doc, ws), engine, out: [] };
  checkSelectorCodes(ctx);
  checkEntryCodes(ctx);
  checkDates(ctx);
  checkDuplicates(ctx);
  checkRegimeGraph(ctx);
  checkMatchesNothing(ctx);
  checkShadowing(ctx);
  checkTests(ctx);
  return ctx.out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

function engineFor(doc: RuleDocument, ws: WorkspaceView): Engine | undefined {
  if (ws.get(doc.uri)?.text !== doc.text) return undefined; // the engine has another version
  try {
    return ws.engine();
  } catch {
    return undefined;
  }
}

const spanOf = (n: { start: number; end: number }): Span => ({ start: n.start, end: n.end });

function report(ctx: Ctx, code: string, severity: Severity, span: Span, message: string, extra: Partial<Problem> = {}): void {
  const p: Problem = { code, severity, span, message, ...extra };
  if (p.fixes && p.fixes.length === 0) delete p.fixes;
  ctx.out.push(p);
}

/** Did-you-mean lists by catalog and text: a typo repeated over a large file is looked up once. */
const suggestionMemo = new WeakMap<Catalog, Map<string, unknown>>();
function memo<T>(catalog: Catalog, key: string, make: () => T): T {
  let m = suggestionMemo.get(catalog);
  if (!m) suggestionMemo.set(catalog, (m = new Map()));
  if (m.has(key)) return m.get(key) as T;
  if (m.size > 5000) m.clear();
  const v = make();
  m.set(key, v);
  return v;
}

const asText = (s: YScalar): string | undefined => (typeof s.value === 'string' ? s.value.trim() : undefined);
const didYouMean = (names: string[]): string => (names.length ? `; did you mean ${names.join(', ')}?` : '');
const fileName = (uri: string): string => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

// --- codes: ECCNs, countries, groups, chart columns, reasons, regimes, products ------------

function checkSelectorCodes(ctx: Ctx): void {
  for (const s of selectorNodes(ctx.root)) {
    for (const pair of s.node.items) {
      const v = pair.value;
      switch (s.kind === 'item' ? `i:${String(pair.key.value)}` : `d:${String(pair.key.value)}`) {
        case 'i:eccn':
          for (const x of valueScalars(v)) checkEccn(ctx, x, true, 'eccn');
          break;
        case 'i:directProductOf':
          for (const x of valueScalars(v)) checkEccn(ctx, x, true, 'directProductOf');
          break;
        case 'i:category':
          for (const x of valueScalars(v)) checkListed(ctx, x, 'unknown-category', 'CCL category', /^[0-9]$/, ctx.catalog.data.categories);
          break;
        case 'i:productGroup':
          for (const x of valueScalars(v)) checkListed(ctx, x, 'unknown-product-group', 'CCL product group', /^[A-E]$/, ctx.catalog.data.productGroups);
          break;
        case 'i:reason':
          for (const x of valueScalars(v)) checkReason(ctx, x);
          break;
        case 'i:product':
          for (const x of valueScalars(v)) checkProduct(ctx, x);
          break;
        case 'd:country':
          for (const x of valueScalars(v)) checkCountry(ctx, x, 'selector');
          break;
        case 'd:countryGroup':
          for (const x of groupValues(v)) checkCountryGroup(ctx, x);
          break;
        case 'd:chart':
          for (const x of valueScalars(v)) checkChart(ctx, x);
          break;
        case 'd:regime':
          for (const x of valueScalars(v)) checkRegimeRef(ctx, x);
          break;
      }
    }
  }
}

function checkEntryCodes(ctx: Ctx): void {
  const { root } = ctx;
  const regimes = getKey(root, 'regimes')?.value;
  if (regimes?.kind === 'map')
    for (const p of regimes.items) if (p.value?.kind === 'map') for (const x of valueScalars(getKey(p.value, 'countries')?.value)) checkCountry(ctx, x, 'selector');
  for (const m of mapsOf(getKey(root, 'products')?.value)) {
    for (const x of valueScalars(getKey(m, 'eccn')?.value)) checkEccn(ctx, x, false, 'eccn');
    for (const x of valueScalars(getKey(m, 'directProductOf')?.value)) checkEccn(ctx, x, false, 'directProductOf');
  }
  const tests = mapsOf(getKey(root, 'tests')?.value);
  const ruleIds = tests.length ? names.rules(ctx) : new Set<string>();
  for (const t of tests) {
    const item = getKey(t, 'item')?.value;
    if (item?.kind === 'map') {
      for (const x of valueScalars(getKey(item, 'eccn')?.value)) checkEccn(ctx, x, false, 'eccn');
      for (const x of valueScalars(getKey(item, 'directProductOf')?.value)) checkEccn(ctx, x, false, 'directProductOf');
      for (const x of valueScalars(getKey(item, 'product')?.value)) checkProduct(ctx, x);
    }
    for (const x of valueScalars(getKey(t, 'destination')?.value)) checkCountry(ctx, x, 'test');
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

function mapsOf(n: YNode | null | undefined): YMap[] {
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
  if (!known || catalog.eccnOf(v)) return;
  const base = v.split('.')[0];
  const rest = v.slice(base.length);
  const removed = catalog.data.removedEccns?.find((r) => r.code.toUpperCase() === base.toUpperCase());
  const near = memo(catalog, `e:${base}`, () => catalog.suggestEccns(base, 3));
  const message = removed
    ? `${base} is no longer on the Commerce Control List (${catalog.data.dataAsOf}): ${removed.note}`
    : `${base} is not on the Commerce Control List (${catalog.data.dataAsOf})${didYouMean(near)}`;
  report(ctx, 'unknown-eccn', 'error', spanOf(s), message, { fixes: near.map((n) => fix(n + rest)) });
}

function checkCountry(ctx: Ctx, s: YScalar, where: 'selector' | 'test'): void {
  const v = asText(s);
  const { catalog } = ctx;
  if (!v || catalog.data.destinations.length === 0) return;
  const fix = (code: string, title = `Change to ${code}`) => ({ title, newText: scalarText(ctx.doc, s, code) });
  const exact = catalog.destination(v);
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
function checkListed(ctx: Ctx, s: YScalar, code: string, what: string, shape: RegExp, items: { code: string }[]): void {
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

// --- dates ---------------------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a yyyy-mm-dd text is not a calendar date, or undefined when it is one (or not that shape). */
function dateError(v: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `${v} is not a date: there is no month ${mo}`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return `${v} is not a date: ${MONTHS[mo - 1]} ${y} has ${days} days`;
  return undefined;
}

function checkDates(ctx: Ctx): void {
  const { root } = ctx;
  const dateNode = (m: YMap, key: string): { node: YScalar; value: string } | undefined => {
    const n = getKey(m, key)?.value;
    if (n?.kind !== 'scalar' || typeof n.value !== 'string') return undefined;
    const err = dateError(n.value);
    if (err) {
      report(ctx, 'invalid-date', 'error', spanOf(n), err);
      return undefined;
    }
    return /^\d{4}-\d{2}-\d{2}$/.test(n.value) ? { node: n, value: n.value } : undefined;
  };
  const never = (what: string, exp: string, eff: string) =>
    `${what} expires (${exp}) on or before it takes effect (${eff}): it never applies (expires is exclusive)`;
  const headEff = dateNode(root, 'effective');
  const headExp = dateNode(root, 'expires');
  dateNode(root, 'asOf');
  if (headEff && headExp && headExp.value <= headEff.value)
    report(ctx, 'expires-before-effective', 'error', spanOf(headExp.node), never('This ruleset', headExp.value, headEff.value));
  for (const rule of mapsOf(getKey(root, 'rules')?.value)) {
    const eff = dateNode(rule, 'effective');
    const exp = dateNode(rule, 'expires');
    if (!eff && !exp) continue;
    const e = eff?.value ?? headEff?.value;
    const x = exp?.value ?? headExp?.value;
    if (!e || !x || x > e) continue;
    if (exp) report(ctx, 'expires-before-effective', 'error', spanOf(exp.node), never('This rule', x, e));
    else if (eff) report(ctx, 'expires-before-effective', 'error', spanOf(eff.node), `This rule takes effect (${e}) when its ruleset has expired (${x}): it never applies`);
  }
  for (const t of mapsOf(getKey(root, 'tests')?.value)) dateNode(t, 'date');
}

// --- duplicates ----------------------------------------------------------------------------

function nodeAtPointer(doc: RuleDocument, pointer: string): YNode | null {
  const at = locate(doc.root, pointer);
  return at.missing ? null : at.node;
}

function checkDuplicates(ctx: Ctx): void {
  const { doc, docs, root } = ctx;
  const others = docs.filter((d) => d !== doc);
  const elsewhere = (d: RuleDocument, span: Span, what: string) => ({
    location: { uri: d.uri, range: d.lines.rangeOf(span) },
    message: `${what} in ${fileName(d.uri)}`,
  });

  // rule ids within the ruleset
  const firstRule = new Map<string, YScalar>();
  for (const rule of mapsOf(getKey(root, 'rules')?.value)) {
    const id = getKey(rule, 'id')?.value;
    if (id?.kind !== 'scalar' || typeof id.value !== 'string') continue;
    const first = firstRule.get(id.value);
    if (!first) firstRule.set(id.value, id);
    else
      report(ctx, 'duplicate-rule-id', 'error', spanOf(id), `Rule id "${id.value}" is already used in this ruleset; rule ids must be unique (reports and decidedBy name rules by id)`, {
        related: [{ span: spanOf(first), message: 'first used here' }],
      });
  }

  // ruleset ids across the workspace
  const rsNode = getKey(root, 'ruleset')?.value;
  const rsId = doc.ruleSet.id;
  if (rsId && rsNode) {
    const same = others.filter((d) => d.ruleSet.id === rsId);
    if (same.length)
      report(ctx, 'duplicate-ruleset-id', 'error', spanOf(rsNode), `Ruleset id "${rsId}" is also used by ${same.map((d) => fileName(d.uri)).join(', ')}; ruleset ids must be unique in the workspace`, {
        related: same.map((d) => elsewhere(d, spanOf(nodeAtPointer(d, '/ruleset') ?? { start: 0, end: 0 }), 'also used')),
      });
  }

  // regime ids across the workspace (within a file the parser reports a duplicate key)
  const otherRegimes = new Map<string, { d: RuleDocument; x: { keySpan: Span } }[]>();
  for (const d of others) for (const x of d.ruleSet.regimes) otherRegimes.set(x.id, [...(otherRegimes.get(x.id) ?? []), { d, x }]);
  for (const r of doc.ruleSet.regimes) {
    const same = otherRegimes.get(r.id) ?? [];
    if (same.length)
      report(ctx, 'duplicate-regime-id', 'error', r.keySpan, `Regime "${r.id}" is also defined in ${same.map((s) => fileName(s.d.uri)).join(', ')}; regimes are shared by every rule file, so only one definition is used`, {
        related: same.map((s) => elsewhere(s.d, s.x.keySpan, 'also defined')),
      });
  }

  // skus: the second within the file, and every definition that another file repeats
  const seen = new Map<string, Span>();
  const otherSkus = new Map<string, { d: RuleDocument; x: { skuSpan: Span } }[]>();
  for (const d of others) for (const x of d.ruleSet.products) otherSkus.set(x.sku.trim().toUpperCase(), [...(otherSkus.get(x.sku.trim().toUpperCase()) ?? []), { d, x }]);
  for (const p of doc.ruleSet.products) {
    const key = p.sku.trim().toUpperCase();
    const firstSpan = seen.get(key);
    const first = firstSpan && { span: firstSpan };
    const same = otherSkus.get(key) ?? [];
    if (first || same.length)
      report(ctx, 'duplicate-sku', 'error', p.skuSpan, `Product "${p.sku}" is defined more than once; a sku names one product in the workspace (the first definition is used)`, {
        related: [...(first ? [{ span: first.span, message: 'first defined here' }] : []), ...same.map((s) => elsewhere(s.d, s.x.skuSpan, 'also defined'))],
      });
    if (!firstSpan) seen.set(key, p.skuSpan);
  }
}

// --- regime include cycles (as the engine found them) -------------------------------------

function checkRegimeGraph(ctx: Ctx): void {
  if (!ctx.engine) return;
  const mine = new Set(ctx.doc.ruleSet.regimes.map((r) => r.id));
  for (const p of ctx.engine.regimeProblems) {
    if (p.kind === 'duplicate' || !mine.has(p.regime)) continue;
    const regime = ctx.doc.ruleSet.regimes.find((r) => r.id === p.regime);
    if (!regime || p.ruleset !== regime.ruleset) continue;
    if (p.kind === 'cycle') {
      const target = p.path[p.path.length - 1];
      const refs = nameOccurrences(ctx.doc).filter(
        (o) => o.kind === 'regime' && !o.definition && o.name === target && o.node.start > regime.keySpan.start && inRegime(ctx, regime.id, o.node),
      );
      const span = refs[0] ? spanOf(refs[0].node) : regime.keySpan;
      report(ctx, 'regime-cycle', 'error', span, `Regimes include each other in a cycle: ${p.path.join(' -> ')}; a cycle resolves to no destinations`);
    } else {
      report(ctx, 'regime-too-deep', 'error', regime.keySpan, `Regimes include each other more than 64 levels deep (${p.path.slice(0, 4).join(' -> ')} -> ...); the deepest includes are ignored`);
    }
  }
}

function inRegime(ctx: Ctx, id: string, n: YScalar): boolean {
  const node = nodeAtPointer(ctx.doc, `/regimes/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  return !!node && n.start >= node.start && n.end <= node.end;
}

// --- selectors that match nothing ----------------------------------------------------------

/** Answers "does an earlier finding lie in this span?" (its own diagnostic already says it) in log time. */
class FindingIndex {
  private readonly starts: number[];
  /** The largest end among the findings up to each position (sorted by start). */
  private readonly maxEnds: number[];
  constructor(problems: Problem[], severities: Severity[]) {
    const spans = problems.filter((p) => severities.includes(p.severity)).map((p) => p.span).sort((a, b) => a.start - b.start);
    this.starts = spans.map((s) => s.start);
    let max = -1;
    this.maxEnds = spans.map((s) => (max = Math.max(max, s.end)));
  }
  overlaps(span: Span): boolean {
    // the last finding that starts before the span ends
    let lo = 0;
    let hi = this.starts.length - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < span.end) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return i >= 0 && this.maxEnds[i] > span.start;
  }
}

const findings = (ctx: Ctx, severities: Severity[] = ['error', 'warning']) => new FindingIndex([...ctx.doc.problems, ...ctx.out], severities);

/** A selector's own span: a flow mapping whole, a block mapping from its first key to its last value. */
function selectorSpan(n: YMap): Span {
  if (n.flow || n.items.length === 0) return spanOf(n);
  const last = n.items[n.items.length - 1];
  return { start: n.items[0].key.start, end: last.value?.end ?? last.key.end };
}

/** True when the selector uses no keys but these (besides its pointer). */
function onlyKeys(sel: object, keys: string[]): boolean {
  const own = Object.keys(sel).filter((k) => k !== 'pointer' && (sel as Record<string, unknown>)[k] !== undefined);
  return own.length > 0 && own.every((k) => keys.includes(k));
}

function checkMatchesNothing(ctx: Ctx): void {
  const rules = new Map(ctx.doc.ruleSet.rules.map((r) => [r.pointer, r]));
  const regimes = new Map(ctx.doc.ruleSet.regimes.map((r) => [r.pointer, r]));
  const sels = selectorNodes(ctx.root);
  const cyclic = new Set(ctx.engine?.regimeProblems.filter((p) => p.kind !== 'duplicate').flatMap((p) => p.path) ?? []);
  const earlier = findings(ctx);
  const coversNothing = new Map<string, boolean>();
  for (const s of sels) {
    const span = selectorSpan(s.node);
    if (earlier.overlaps(span)) continue;
    if (s.kind === 'item') {
      const sel = findSelector(rules.get(s.owner), s.pointer, 'item');
      const why = sel && itemContradiction(sel, ctx.catalog);
      // only the reference data makes it empty (no ECCN controlled for CB1 as a whole today):
      // not the author's mistake, so information rather than a warning
      const dataOnly = sel && onlyKeys(sel, ['reason']);
      if (why)
        report(ctx, 'matches-nothing', dataOnly ? 'info' : 'warning', span, `This item selector matches nothing: ${why}${dataOnly ? ' (with today\'s reference data; the rule applies again if the data changes)' : ''}`);
    } else if (ctx.engine && !s.except) {
      const sel = findSelector(rules.get(s.owner), s.pointer, 'destination') ?? regimes.get(s.owner)?.include.find((x) => x.pointer === s.pointer);
      if (!sel || sel.regime?.some((r) => cyclic.has(r))) continue;
      const key = destinationSig(sel);
      let empty = coversNothing.get(key);
      if (empty === undefined) {
        const covered = ctx.engine.ruleDestinations(probeRule(sel));
        coversNothing.set(key, (empty = covered !== 'any' && covered.size === 0));
      }
      const dataOnly = onlyKeys(sel, ['chart']);
      if (empty)
        report(
          ctx,
          'matches-nothing',
          dataOnly ? 'info' : 'warning',
          span,
          `This destination selector matches no destination: ${describeDestinations(sel)}${dataOnly ? ' (with today\'s reference data; the rule applies again if the data changes)' : ''}`,
        );
    }
  }
  if (!ctx.engine) return;
  // a regime that resolves to nothing, and a rule whose except removes every destination
  for (const r of ctx.doc.ruleSet.regimes) {
    const members = ctx.engine.regimeMembers(r.id);
    const node = nodeAtPointer(ctx.doc, r.pointer);
    if (!members || members.size > 0 || cyclic.has(r.id) || earlier.overlaps(node ? spanOf(node) : r.keySpan)) continue;
    if (ctx.docs.some((d) => d !== ctx.doc && d.ruleSet.regimes.some((x) => x.id === r.id))) continue;
    report(ctx, 'matches-nothing', 'warning', r.keySpan, `Regime "${r.id}" has no members: its countries and includes, less its excludes, leave no destination`);
  }
  for (const r of ctx.doc.ruleSet.rules) {
    if (r.exceptDestinations.length === 0 || earlier.overlaps(r.span)) continue;
    if (r.destinations.some((d) => d.regime?.some((x) => cyclic.has(x)))) continue;
    const all = ctx.engine.ruleDestinations(r);
    if (all === 'any' || all.size > 0) continue;
    const before = ctx.engine.ruleDestinations({ ...r, exceptDestinations: [] });
    if (before !== 'any' && before.size === 0) continue; // a selector said it already
    const except = locate(ctx.doc.root, `${r.pointer}/when/except/destinations`);
    if (except.key) report(ctx, 'matches-nothing', 'warning', spanOf(except.key), 'The except destinations remove every destination this rule covers: it never applies');
  }
}

function findSelector<K extends 'item' | 'destination'>(rule: Rule | undefined, pointer: string, kind: K): (K extends 'item' ? ItemSelector : DestinationSelector) | undefined {
  if (!rule) return undefined;
  const lists = kind === 'item' ? [rule.items, rule.exceptItems] : [rule.destinations, rule.exceptDestinations];
  for (const l of lists as { pointer: string }[][]) {
    const hit = l.find((x) => x.pointer === pointer);
    if (hit) return hit as K extends 'item' ? ItemSelector : DestinationSelector;
  }
  return undefined;
}

/** A rule with one destination selector, to ask the engine what that selector covers. */
function probeRule(sel: DestinationSelector): Rule {
  return {
    ruleset: '',
    id: '',
    items: [],
    destinations: [sel],
    exceptItems: [],
    exceptDestinations: [],
    decision: 'no-license-required',
    exceptions: [],
    pointer: sel.pointer,
    location: { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    span: { start: 0, end: 0 },
  };
}

function describeDestinations(s: DestinationSelector): string {
  const parts: string[] = [];
  if (s.country) parts.push(`country ${s.country.join(' or ')}`);
  if (s.countryGroup) parts.push(`Country Group ${s.countryGroup.join(' or ')}`);
  if (s.chart) parts.push(`Country Chart column ${s.chart.join(' or ')}`);
  if (s.regime) parts.push(`regime ${s.regime.join(' or ')}`);
  return parts.length > 1 ? `no destination is ${parts.join(' and ')} at once` : `${parts[0] ?? 'it'} has no members`;
}

const contradictionCache = new WeakMap<Catalog, Map<string, string | undefined>>();

/** Why no item can satisfy every key of the selector, or undefined when some can. */
export function itemContradiction(s: ItemSelector, catalog: Catalog): string | undefined {
  if (s.ccl && s.ear99) return '`ccl: true` (an ECCN on the Commerce Control List) and `ear99: true` cannot both hold';
  const eccns = s.eccn?.map((e) => e.trim().toUpperCase());
  const classed = [s.category && 'a CCL category', s.productGroup && 'a product group', s.reason && 'a reason for control', s.ccl && 'an entry on the CCL'].filter(
    (x): x is string => !!x,
  );
  if (eccns?.every((e) => e === 'EAR99') && classed.length) return `EAR99 has no ${classed[0].replace(/^an? /, '')}, so \`eccn: EAR99\` with ${classed.join(' and ')} matches nothing`;
  if (s.ear99 && classed.length) return `an EAR99 item has no ${classed[0].replace(/^an? /, '')}`;
  if (s.ear99 && eccns && !eccns.includes('EAR99')) return `\`ear99: true\` but the ECCN must be ${eccns.join(' or ')}`;
  const keys = (['eccn', 'category', 'productGroup', 'reason', 'ccl', 'ear99'] as const).filter((k) => s[k] !== undefined);
  // a lone ECCN is the code checks' business; otherwise some catalog entry must satisfy every key
  if (keys.length === 0 || (keys.length === 1 && keys[0] === 'eccn') || catalog.data.eccns.length === 0) return undefined;
  const sig = JSON.stringify(keys.map((k) => [k, s[k]]));
  let cache = contradictionCache.get(catalog);
  if (!cache) contradictionCache.set(catalog, (cache = new Map()));
  if (cache.has(sig)) return cache.get(sig);
  const fits = catalog.data.eccns.some((e) => eccnFits(e, s, eccns));
  const what = keys.map((k) => `${k} ${String(s[k])}`).join(' and ');
  const why = fits ? undefined : `no ECCN on the Commerce Control List (${catalog.data.dataAsOf}) satisfies ${what}${keys.length > 1 ? ' together' : ''}`;
  cache.set(sig, why);
  return why;
}

function eccnFits(e: Eccn, s: ItemSelector, eccns: string[] | undefined): boolean {
  const code = e.code.toUpperCase();
  const ear99 = code === 'EAR99';
  if (eccns && !eccns.some((p) => (p.endsWith('*') ? code.startsWith(p.slice(0, -1)) || p.slice(0, -1).startsWith(`${code}.`) : p.split('.')[0] === code))) return false;
  if (s.category && (ear99 || !s.category.includes(code[0]))) return false;
  if (s.productGroup && (ear99 || !s.productGroup.map((g) => g.toUpperCase()).includes(code[1]))) return false;
  if (s.reason) {
    const controls = new Set([...e.reasons, ...e.entireEntryColumns].map((c) => c.toUpperCase()));
    if (!s.reason.some((r) => controls.has(r.trim().toUpperCase()))) return false;
  }
  if (s.ccl !== undefined && s.ccl === ear99) return false;
  if (s.ear99 !== undefined && s.ear99 !== ear99) return false;
  return true;
}

// --- rules that never decide ---------------------------------------------------------------

const scopeCache = new WeakMap<Rule, string>();

function destinationSig(s: DestinationSelector): string {
  return JSON.stringify([listSig(s.country), listSig(s.countryGroup), listSig(s.chart), listSig(s.regime, (x) => x.trim()), s.any ?? null]);
}

function listSig(v: string[] | undefined, norm: (x: string) => string = (x) => x.trim().toUpperCase()): string | undefined {
  return v ? [...new Set(v.map(norm))].sort().join(',') : undefined;
}

/** Item and destination selectors and excepts, normalized: equal text, equal scope. */
function scopeOf(r: Rule): string {
  let sig = scopeCache.get(r);
  if (sig !== undefined) return sig;
  const item = (s: ItemSelector) =>
    JSON.stringify([
      listSig(s.eccn), listSig(s.category), listSig(s.productGroup), listSig(s.reason), s.ccl ?? null, s.ear99 ?? null,
      listSig(s.hs, (x) => x.replace(/\D/g, '')), listSig(s.product), s.origin ?? null, listSig(s.directProductOf),
    ]);
  const dest = destinationSig;
  const set = <T>(l: T[], f: (x: T) => string) => [...new Set(l.map(f))].sort().join(';');
  sig = [set(r.items, item), set(r.destinations, dest), set(r.exceptItems, item), set(r.exceptDestinations, dest)].join('|');
  scopeCache.set(r, sig);
  return sig;
}

interface PlacedRule {
  rule: Rule;
  doc: RuleDocument;
  order: number;
  from: string; // effective, '' when open
  to: string; // expires (exclusive), '~' when open
}

function placed(docs: RuleDocument[]): PlacedRule[] {
  const out: PlacedRule[] = [];
  for (const doc of docs) {
    const set: RuleSet = doc.ruleSet;
    for (const rule of set.rules)
      out.push({ rule, doc, order: out.length, from: rule.effective ?? set.effective ?? '', to: rule.expires ?? set.expires ?? '~' });
  }
  return out;
}

function checkShadowing(ctx: Ctx): void {
  const all = placed(ctx.docs);
  // Rules of one scope by decision rank, in workspace order (`order`). A match is looked for
  // from the head of its list and mostly found there, so thousands of rules of one scope (a
  // generated file) cost about linear time, not a comparison of every pair.
  const byScope = new Map<string, PlacedRule[][]>();
  for (const p of all) {
    if (p.from >= p.to) continue;
    const key = scopeOf(p.rule);
    let ranks = byScope.get(key);
    if (!ranks) byScope.set(key, (ranks = [[], [], []]));
    ranks[DECISION_RANK[p.rule.decision]].push(p);
  }
  const name = (p: PlacedRule) => `${p.rule.ruleset}/${p.rule.id}`;
  for (const p of all) {
    if (p.doc !== ctx.doc || p.to <= p.from) continue;
    const ranks = byScope.get(scopeOf(p.rule))!;
    const rank = DECISION_RANK[p.rule.decision];
    const related = (q: PlacedRule, message: string) => ({ location: q.rule.location, message });
    const span = nodeSpanOfId(ctx, p.rule);
    // stronger over the whole of this rule's dates: this one never decides (the most
    // restrictive such rule, the first of those)
    let stronger: PlacedRule | undefined;
    for (let r = ranks.length - 1; r > rank && !stronger; r--) stronger = ranks[r].find((q) => q.from <= p.from && q.to >= p.to);
    if (stronger) {
      report(ctx, 'shadowed-rule', 'warning', span, `This rule never decides: ${name(stronger)} covers the same items, destinations and dates and decides ${stronger.rule.decision}, which is more restrictive than ${p.rule.decision}`, {
        unnecessary: true,
        related: [related(stronger, `decides ${stronger.rule.decision} for the same scope`)],
      });
      continue;
    }
    let twin: PlacedRule | undefined;
    for (const q of ranks[rank]) {
      if (q.order >= p.order) break;
      if (q.rule.decision === p.rule.decision && q.from < p.to && p.from < q.to) {
        twin = q;
        break;
      }
    }
    if (twin)
      report(ctx, 'duplicate-rule', 'hint', span, `This rule repeats ${name(twin)}: the same items, destinations and decision (${p.rule.decision}) for overlapping dates`, {
        related: [related(twin, 'the same rule')],
      });
  }
}

function nodeSpanOfId(ctx: Ctx, r: Rule): Span {
  return { start: ctx.doc.lines.offsetAt(r.location.range.start), end: ctx.doc.lines.offsetAt(r.location.range.end) };
}

// --- rule tests ----------------------------------------------------------------------------

function checkTests(ctx: Ctx): void {
  const tests = ctx.doc.ruleSet.tests;
  if (!ctx.engine || tests.length === 0) return;
  let results: RuleTestResult[];
  try {
    results = ctx.engine.runTests([ctx.doc.ruleSet]);
  } catch {
    return;
  }
  if (results.length !== tests.length) return;
  const errors = findings(ctx, ['error']);
  results.forEach((r, i) => {
    const t = tests[i];
    if (r.passed) return;
    const span = { start: ctx.doc.lines.offsetAt(t.location.range.start), end: ctx.doc.lines.offsetAt(t.location.range.end) };
    // an unknown product, ECCN, destination or rule in the test already has its diagnostic
    if (errors.overlaps(t.span)) return;
    if (!r.actual) {
      report(ctx, 'failing-test', 'error', span, `This test cannot run: ${r.message.replace(/^could not run: /, '')}`);
      return;
    }
    report(ctx, 'failing-test', 'error', span, failureMessage(t, r.actual), {
      related: r.actual.matched.filter((m) => m.deciding).map((m) => ({ location: { uri: m.uri, range: m.range }, message: `${m.ruleset}/${m.rule} decides ${m.decision}` })),
    });
  });
}

/** "expected license-required, got no-license-required (no rule applied)", naming rules as ruleset/id. */
export function failureMessage(t: RuleTest, d: Determination): string {
  const deciding = d.matched.filter((m) => m.deciding);
  const by = d.noRuleApplied ? 'no rule applied' : `decided by ${deciding.map((m) => `${m.ruleset}/${m.rule}`).join(', ')}`;
  const decides = (name: string) => deciding.some((m) => m.rule === name || `${m.ruleset}/${m.rule}` === name);
  const missing = t.decidedBy.filter((n) => !decides(n)).map((n) => {
    const m = d.matched.find((x) => x.rule === n || `${x.ruleset}/${x.rule}` === n);
    return `${n} (${m ? `applied with ${m.decision}` : 'did not apply'})`;
  });
  const parts: string[] = [];
  if (d.decision !== t.expect) parts.push(`expected ${t.expect}, got ${d.decision} (${by})`);
  if (missing.length) parts.push(parts.length ? `not decided by ${missing.join(', ')}` : `got ${d.decision} as expected, but not decided by ${missing.join(', ')}; ${by}`);
  return parts.join('; ');
}

