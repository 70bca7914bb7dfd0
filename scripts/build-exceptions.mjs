// Builds server/src/exceptions/exceptions.data.json, the data the licence-exception and de minimis
// evaluation loads, from the reference data (data/reference/) and the hand-made encodings of
// data/exceptions/*.yaml. Fails, naming the line, when an encoding's quoted text is no longer
// what the reference data says, or a conditional line has no encoding. Deterministic.
//
//   node scripts/build-exceptions.mjs            (npm run exceptions:build)
//   import { buildExceptionsData } from './build-exceptions.mjs'
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = path.join(ROOT, 'server/src/exceptions/exceptions.data.json');

const DATA_AS_OF = 'eCFR as of 2026-07-23 / 2026-09-24';

/** Section files by the short name the encodings use in `source`. */
export const SECTION_FILES = {
  '740.2': 'sections/740.2-740.3-740.4-740.5-license-exception-restrictions-LVS-GBS-SPP.txt',
  '744.15-744.16': 'sections/744.15-744.16-uvl-and-entity-list-rules.txt',
  '744.21': 'sections/744.21-military-end-use-user.txt',
  '746.8-746.9': 'sections/746.8-b-c-d-and-746.9-a-b-exceptions.txt',
  '734.4': 'sections/734.4-de-minimis.txt',
};

/** Symbols whose every conditional line must be encoded (they are decided, or partly decided, from it). */
export const ENCODED_SYMBOLS = ['LVS', 'GBS', 'TSR', 'ACE', 'AIA', 'ACM', 'LPP', 'HBM'];
/** List-based symbols of the by-ECCN file, as its keys name them. */
const LINE_KEYS = ['LVS', 'GBS', 'TSR', 'APP', 'ENC', 'IEC', 'AIA', 'ACM', 'LPP', 'ACE', 'HBM'];
/** Reasons a line or a restriction asks "is the item controlled for ..." about (notFor, controlledFor). */
const CONTROL_REASONS = ['MT', 'NP', 'RS', 'UN'];
const GROUPS = ['A:1', 'A:2', 'A:3', 'A:4', 'A:5', 'A:6', 'B', 'D:1', 'D:2', 'D:3', 'D:4', 'D:5', 'E:1', 'E:2'];
const PARAGRAPH = /^[a-z0-9]+(\.[a-z0-9]+)*$/;
const ECCN_OR_PARAGRAPH = /^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*$/;

function fail(message) {
  throw new Error(`build-exceptions: ${message}`);
}

/** A line that needs no reading: "$5000", "Yes", "N/A" (and IEC's plain pointer to 740.24). */
export function plainLine(symbol, text) {
  const s = text.trim();
  if (['N/A', 'N/A.', 'No'].includes(s)) return { default: symbol === 'LVS' ? null : false };
  if (['Yes', 'Yes.'].includes(s)) return symbol === 'LVS' ? undefined : { default: true };
  if (symbol === 'LVS' && /^\$[\d,]+\.?$/.test(s)) return { default: Number(s.replace(/[$,.]/g, '')) };
  if (symbol === 'IEC' && s === 'Yes, see § 740.2(a)(22) and § 740.24 of the EAR.') return { default: true };
  return undefined;
}

/** The lines of a section file, without its comment header. */
export function sectionLines(referenceDir, source) {
  const file = SECTION_FILES[source] ?? fail(`unknown section source "${source}"`);
  return readFileSync(path.join(referenceDir, file), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
}

function readYaml(file) {
  return parse(readFileSync(path.join(ROOT, 'data/exceptions', file), 'utf8'));
}

export function buildExceptionsData(referenceDir = path.join(ROOT, 'data/reference')) {
  const ref = (f) => JSON.parse(readFileSync(path.join(referenceDir, f), 'utf8'));
  const byEccn = ref('licence-exceptions-by-eccn.json').entries;
  const catalog = ref('licence-exception-catalog.json');
  const eccns = ref('eccns.json').entries;
  const groups = ref('country-groups.json');
  const embargoes = ref('embargoes.json').programs;
  const known = new Set([...Object.keys(groups.by_country), 'HK', 'MO', 'XK']);
  const checkCodes = (codes, where) => {
    for (const c of codes ?? []) if (!known.has(c)) fail(`${where}: unknown destination ${c}`);
  };
  const checkGroups = (list, where) => {
    for (const g of list ?? []) if (!GROUPS.includes(g)) fail(`${where}: unknown Country Group ${g}`);
  };
  const checkDestinations = (d, where) => {
    if (!d) return;
    checkCodes([...(d.only ?? []), ...(d.in ?? []), ...(d.notIn ?? []), ...(d.alsoIn ?? [])], where);
    checkGroups([...(d.inGroups ?? []), ...(d.notInGroups ?? [])], where);
  };

  const symbols = buildSymbols(catalog, readYaml('symbols.yaml').symbols, checkGroups, checkCodes);
  const symbolSet = new Set(symbols.map((s) => s.symbol));
  const lines = readLineEncodings(byEccn, readYaml('eccn-lines.yaml').lines, checkDestinations);
  const restrictionsFile = readYaml('restrictions.yaml');
  checkCodes(restrictionsFile.nato, 'nato');
  const quote = (source, text, where) => {
    const have = new Set(sectionLines(referenceDir, source));
    for (const t of text) if (!have.has(t)) fail(`${where}: the quoted line is no longer in ${SECTION_FILES[source]}: "${t.slice(0, 80)}..."`);
    return text;
  };
  const checkSymbols = (list, where) => {
    for (const s of list ?? []) if (!symbolSet.has(s)) fail(`${where}: unknown licence exception ${s}`);
  };

  const restrictions = restrictionsFile.restrictions.map((r, i) => {
    const where = `restriction ${r.id} (#${i + 1})`;
    quote(r.source, r.text, where);
    checkDestinations(r.when.destinations, where);
    for (const item of [...(r.when.items ?? []), ...(r.when.notItems ?? []), ...(r.when.itemsFact?.items ?? [])]) {
      if (!ECCN_OR_PARAGRAPH.test(item)) fail(`${where}: "${item}" is not an ECCN or paragraph`);
    }
    checkSymbols((r.allowOnly ?? []).map((a) => a.symbol), where);
    checkSymbols(r.bars, where);
    for (const a of r.allowOnly ?? []) checkGroups(a.notToGroups, where);
    if ([r.allowOnly, r.bars, r.obligation].filter((x) => x !== undefined).length !== 1) fail(`${where}: give one of allowOnly, bars, obligation`);
    return { id: r.id, citation: `15 CFR ${r.id}`, text: r.text, when: r.when, ...pick(r, ['allowOnly', 'bars', 'obligation', 'othersUnless']) };
  });

  const programmes = restrictionsFile.programmes.map((p) => {
    const where = `programme ${p.id}`;
    const data = embargoes.find((e) => e.id === p.id) ?? fail(`${where}: not in embargoes.json`);
    if (p.source === 'embargoes.json') {
      if (JSON.stringify(p.text) !== JSON.stringify(data.license_exceptions_available)) fail(`${where}: the exceptions of embargoes.json changed; read and encode them again`);
    } else {
      quote(p.source, p.text, where);
      if (p.none) quote(p.source, p.none.text, `${where} (none)`);
    }
    const listed = data.license_exceptions_available.map((t) => /^[A-Z]{3}/.exec(t)?.[0]).filter(Boolean);
    const encoded = [...p.allow.map((a) => a.symbol), ...Object.keys(p.dropped ?? {})];
    if ([...listed].sort().join() !== [...encoded].sort().join()) fail(`${where}: embargoes.json lists ${listed.join(', ')}; the encoding has ${encoded.join(', ')}`);
    checkSymbols(p.allow.map((a) => a.symbol), where);
    return {
      id: p.id,
      aliases: p.aliases,
      name: data.name,
      citation: `15 CFR ${p.citation}`,
      applies: p.applies,
      destinations: data.destinations.filter((d) => /^[A-Z]{2}$/.test(d)),
      text: p.text,
      allow: p.allow,
      ...pick(p, ['allItemsOnCclFrom', 'requirementReasons', 'from', 'fromNote', 'dropped']),
      ...(p.none ? { none: { ...p.none, citation: `15 CFR ${p.none.citation}` } } : {}),
    };
  });
  const sanctions = restrictionsFile.sanctions;
  quote(sanctions.source, sanctions.text, 'sanctions');

  const deMinimisFile = readYaml('de-minimis.yaml');
  for (const c of deMinimisFile.noDeMinimis) quote('734.4', c.text, c.id);
  quote('734.4', deMinimisFile.category5Part2.text, '734.4(b)');
  for (const t of deMinimisFile.thresholds) quote('734.4', t.text, t.id);

  return {
    dataAsOf: DATA_AS_OF,
    sources: {
      lines: `licence-exceptions-by-eccn.json (${ref('licence-exceptions-by-eccn.json')._meta.source_repo}, eCFR ${ref('licence-exceptions-by-eccn.json')._meta.ecfr_issue_date})`,
      sections: 'sections/*.txt (eCFR as of 2026-09-24)',
    },
    symbols,
    eccns: buildEccns(eccns, byEccn, lines),
    nato: restrictionsFile.nato,
    restrictions,
    shortSupply: restrictionsFile.shortSupply,
    sanctions: { id: sanctions.id, citation: `15 CFR ${sanctions.id}`, text: sanctions.text },
    programmes,
    deMinimis: {
      noDeMinimis: deMinimisFile.noDeMinimis.map((c) => ({ ...c, citation: `15 CFR ${c.id}` })),
      category5Part2: { ...deMinimisFile.category5Part2, citation: `15 CFR ${deMinimisFile.category5Part2.id}` },
      thresholds: deMinimisFile.thresholds.map((t) => ({ ...t, citation: `15 CFR ${t.id}` })),
    },
  };
}

function pick(o, keys) {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

function buildSymbols(catalog, encoded, checkGroups, checkCodes) {
  const out = [];
  for (const e of catalog.exceptions) {
    for (const symbol of e.symbols) {
      const s = encoded[symbol] ?? fail(`symbols.yaml has no entry for ${symbol} (${e.section})`);
      checkGroups(s.groups, symbol);
      checkCodes(s.notIn, symbol);
      out.push({ symbol, section: e.sectionNumber, citation: `15 CFR ${e.sectionNumber}`, title: e.title, ...s, line: s.line ?? symbol });
    }
  }
  for (const symbol of Object.keys(encoded)) if (!out.some((s) => s.symbol === symbol)) fail(`symbols.yaml: ${symbol} is not in licence-exception-catalog.json`);
  return out;
}

const LINE_FIELDS = new Set(['eccn', 'symbol', 'text', 'default', 'clauses', 'notFor', 'when', 'unless', 'destinations', 'incomplete', 'obligation', 'reading']);
const CLAUSE_FIELDS = new Set(['for', 'limit', 'eligible', 'notFor', 'when', 'unless', 'higher', 'destinations']);

/** The hand encodings, checked against the reference lines; key "3A001 LVS". */
function readLineEncodings(byEccn, encodings, checkDestinations) {
  const lineOf = new Map(byEccn.map((e) => [e.eccn, e]));
  const out = new Map();
  for (const enc of encodings) {
    const key = `${enc.eccn} ${enc.symbol}`;
    for (const k of Object.keys(enc)) if (!LINE_FIELDS.has(k)) fail(`${key}: unknown field ${k}`);
    const actual = lineOf.get(enc.eccn)?.[enc.symbol];
    if (actual === undefined) fail(`${key}: the reference data has no such line any more`);
    if (actual !== enc.text) fail(`${key}: the line's text changed in the reference data; read it and encode it again`);
    if (out.has(key)) fail(`${key}: encoded twice`);
    const isLvs = enc.symbol === 'LVS';
    const checkValue = (v, where) => {
      if (isLvs ? !(v === null || (Number.isInteger(v) && v > 0)) : typeof v !== 'boolean') fail(`${key}${where}: ${isLvs ? 'a dollar limit or null' : 'true or false'} expected`);
    };
    checkValue(enc.default, ' default');
    checkDestinations(enc.destinations, key);
    for (const c of enc.clauses ?? []) {
      for (const k of Object.keys(c)) if (!CLAUSE_FIELDS.has(k)) fail(`${key}: unknown clause field ${k}`);
      for (const p of c.for ?? fail(`${key}: a clause without "for"`)) if (!PARAGRAPH.test(p)) fail(`${key}: "${p}" is not a paragraph`);
      checkValue(isLvs ? c.limit : c.eligible, ` clause ${c.for.join(',')}`);
      checkDestinations(c.destinations, key);
    }
    out.set(key, enc);
  }
  for (const e of byEccn) {
    for (const symbol of ENCODED_SYMBOLS) {
      const text = e[symbol];
      if (text !== undefined && !plainLine(symbol, text) && !out.has(`${e.eccn} ${symbol}`)) {
        fail(`${e.eccn} ${symbol} "${text.slice(0, 60)}" is conditional and has no encoding in data/exceptions/eccn-lines.yaml`);
      }
    }
  }
  return out;
}

/** Per ECCN: what the evaluation reads (product group, reasons, flags, per-reason scope, lines). */
function buildEccns(eccns, byEccn, encodings) {
  const lineOf = new Map(byEccn.map((e) => [e.eccn, e]));
  const out = {};
  for (const e of eccns) {
    const raw = lineOf.get(e.code) ?? {};
    const lines = {};
    for (const key of LINE_KEYS) {
      const text = raw[key] ?? e.license_exceptions?.[key];
      if (text === undefined) continue;
      lines[key] = lineEncoding(key, text, encodings.get(`${e.code} ${key}`));
    }
    const nac = e.license_exceptions?.['NAC/ACA'];
    if (nac !== undefined) lines['NAC/ACA'] = lineEncoding('NAC/ACA', nac, undefined);
    const controls = {};
    for (const c of (e.controls ?? []).filter((x) => CONTROL_REASONS.includes(x.reason))) {
      const held = controls[c.reason];
      const entire = c.scope === 'entire';
      if (!held) controls[c.reason] = entire ? { scope: 'entire' } : { scope: 'partial', text: c.applies_to };
      else if (entire) controls[c.reason] = { scope: 'entire' };
      else if (held.scope === 'partial') held.text += `; ${c.applies_to}`;
    }
    out[e.code] = {
      group: e.product_group ?? null,
      reasons: e.reasons_for_control ?? [],
      columns: e.country_chart_columns ?? [],
      flags: e.flags ?? [],
      controls,
      lines,
      ...(raw.STA ?? e.sta_restriction ? { sta: raw.STA ?? e.sta_restriction } : {}),
    };
  }
  return out;
}

function lineEncoding(symbol, text, enc) {
  if (enc) {
    const rest = { ...enc };
    delete rest.eccn;
    delete rest.symbol;
    return rest;
  }
  const plain = plainLine(symbol, text);
  if (plain) return { text, ...plain };
  if (ENCODED_SYMBOLS.includes(symbol)) fail(`${symbol} "${text}" has no encoding`);
  return { text, unencoded: true };
}

/** Compact JSON, one ECCN a line, so diffs of the shipped file stay readable. */
export function formatExceptionsJson(data) {
  const fields = Object.entries(data).map(([key, value]) => {
    if (key === 'eccns') {
      return `"eccns":{\n${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n')}\n}`;
    }
    if (Array.isArray(value) && value.length > 0) return `${JSON.stringify(key)}:[\n${value.map((v) => JSON.stringify(v)).join(',\n')}\n]`;
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = formatExceptionsJson(buildExceptionsData());
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${path.relative(ROOT, OUTPUT)} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB)`);
}
