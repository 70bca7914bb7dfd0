// Writes the starter pack's rules for the CCL controls that are not Country Chart columns
// (samples/starter/ear-ccl-controls.ecr.yaml) from the shipped catalog (the licence table rows
// of every ECCN, read by scripts/eccn-scopes.mjs) and the Country Chart footnotes of
// data/reference/country-chart.json. The regulatory reading of each wording is in
// scripts/ccl-wordings.mjs; this file plans the rules and writes them. Deterministic: same data,
// same bytes. Fails on a wording, special note or footnote it does not know.
//
//   node scripts/build-ccl-rules.mjs            (npm run pack:build)
//   import { planCclRules, renderCclRules } from './build-ccl-rules.mjs'
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import YAML from 'yaml';
import { paragraphsIn } from './eccn-scopes.mjs';
import { FOOTNOTES, NO_ROW, REGIMES, SCOPES, SCOPE_IS_HEADING, SPECIALS, WORDINGS } from './ccl-wordings.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = path.join(ROOT, 'samples/starter/ear-ccl-controls.ecr.yaml');
export const CATALOG = path.join(ROOT, 'server/src/catalog/catalog.data.json');
export const CHART = path.join(ROOT, 'data/reference/country-chart.json');

const NO_ROW_TEXT = /^([A-Z]{2}) \(no licence table row in the data: taken to apply to the entire entry\)$/;
const FOOTNOTE_REVIEW = 'The footnote states no review policy: see the part 742 sections of the reasons for control of the entry';

function fail(message) {
  throw new Error(`build-ccl-rules: ${message}`);
}

export function readInputs(catalogPath = CATALOG, chartPath = CHART) {
  return { catalog: JSON.parse(readFileSync(catalogPath, 'utf8')), chart: JSON.parse(readFileSync(chartPath, 'utf8')) };
}

// --- Planning ------------------------------------------------------------------------------

/**
 * The rules, regimes and the account of every control the data states outside the chart columns.
 * `accounted[]`: one per licence table row without a column, per reason of a special note and per
 * footnote, with the generated rule ids or the pack rules that cover it, and the probes.
 */
export function planCclRules({ catalog, chart }) {
  const eccns = new Map(catalog.eccns.map((e) => [e.code, e]));
  const groups = [];
  const accounted = [];
  const counts = new Map();
  const count = (key, n = 1) => counts.set(key, (counts.get(key) ?? 0) + n);

  for (const e of catalog.eccns) {
    if (e.code === 'EAR99') continue;
    const rules = [];
    const byReason = new Map(); // reason -> rules made from licence table rows
    const noRow = [];
    for (const row of e.controls) {
      if (row.columns.length > 0) continue; // a chart column: ear-country-chart.ecr.yaml
      const synthetic = NO_ROW_TEXT.exec(row.text);
      if (synthetic) {
        noRow.push(synthetic[1]);
        continue;
      }
      const text = row.requirement ?? row.text;
      const hits = WORDINGS.map((w) => ({ w, m: w.match.exec(text) })).filter((h) => h.m);
      if (hits.length === 0) fail(`${e.code} ${row.reason || '(no reason)'}: unknown requirement wording "${text}" (add it to scripts/ccl-wordings.mjs)`);
      if (hits.length > 1) fail(`${e.code}: "${text}" matches ${hits.map((h) => h.w.id).join(' and ')}`);
      const { w, m } = hits[0];
      count(w.id);
      const entry = { eccn: e.code, reason: row.reason, source: 'row', text, wording: w.id, rules: [], coveredBy: w.coveredBy ?? [], probes: w.probes };
      if (w.scope) {
        const rule = rowRule(e, row, w, m);
        rules.push(rule);
        entry.rules.push(rule);
        if (!byReason.has(row.reason)) byReason.set(row.reason, []);
        byReason.get(row.reason).push(rule);
      }
      entry.item = probeItem(e, row.paragraphs);
      accounted.push(entry);
    }

    // Special licence requirement notes, and reasons with no licence table row at all.
    let special;
    if (e.specialLicenseRequirement) {
      special = SPECIALS.find((s) => s.text === e.specialLicenseRequirement.trim());
      if (!special) fail(`${e.code}: unknown special licence requirement "${e.specialLicenseRequirement}" (add it to scripts/ccl-wordings.mjs)`);
      count(`special:${specialKey(special)}`);
      for (const reason of Object.keys(special.reasons)) {
        if (!e.reasons.includes(reason)) fail(`${e.code}: the special note names ${reason}, which is not a reason for control of the entry`);
      }
    }
    const handled = new Set();
    if (special) {
      for (const [reason, how] of Object.entries(special.reasons)) {
        if (how.sameAs) continue;
        const entry = { eccn: e.code, reason, source: 'special', text: special.text, wording: `special:${specialKey(special)}`, rules: [], coveredBy: [], probes: how.probes };
        const also = Object.entries(special.reasons).filter(([, h]) => h.sameAs === reason).map(([r]) => r);
        if (byReason.has(reason)) {
          entry.rules.push(...byReason.get(reason)); // the note restates a licence table row
        } else if (how.coveredBy) {
          entry.coveredBy = how.coveredBy;
        } else {
          const rule = scopedRule(e, how, [reason, ...also], how.items);
          rules.push(rule);
          entry.rules.push(rule);
        }
        entry.item = probeItem(e, how.items);
        accounted.push(entry);
        for (const r of also) accounted.push({ ...entry, reason: r });
        handled.add(reason);
        for (const r of also) handled.add(r);
      }
    }
    for (const reason of noRow) {
      if (handled.has(reason)) continue;
      const how = NO_ROW[reason]?.byEccn ? NO_ROW[reason].byEccn[e.code] : NO_ROW[reason];
      if (!how) fail(`${e.code}: reason ${reason} has no licence table row and no special note, and scripts/ccl-wordings.mjs has no reading for it`);
      count(`no-row:${reason}`);
      const entry = { eccn: e.code, reason, source: 'no-row', text: `${reason} named without a licence table row`, wording: `no-row:${reason}`, rules: [], coveredBy: how.coveredBy ?? [], probes: how.probes, item: e.code };
      if (!how.coveredBy) {
        const rule = scopedRule(e, how, [reason]);
        rules.push(rule);
        entry.rules.push(rule);
      }
      accounted.push(entry);
    }
    if (rules.length > 0) groups.push({ eccn: e, rules: nameRules(e.code, mergeRules(rules)) });
  }

  for (const a of accounted) a.rules = [...new Set(a.rules.map((r) => r.mergedInto ?? r))];
  const footnotes = planFootnotes(chart, eccns, accounted, counts);
  const regimes = [...REGIMES, ...footnotes.regimes];
  return { groups, footnoteRules: footnotes.rules, regimes, accounted, counts: Object.fromEntries([...counts].sort()) };
}

const specialKey = (s) => Object.keys(s.reasons).join('+') + ':' + s.text.slice(0, 40);

function probeItem(e, paragraphs) {
  return paragraphs?.length ? paragraphs[0] : e.code;
}

/** A rule for one licence table row read through a wording. */
function rowRule(e, row, w, m) {
  const conditions = [];
  if (row.conditional && !SCOPE_IS_HEADING[e.code]) conditions.push(tidy(row.text));
  if (w.condition) conditions.push(w.condition);
  const except = [...(row.except ?? []), ...(w.except ? w.except(m) : [])];
  const reasons = row.reason ? [row.reason] : [];
  const paragraphs = row.paragraphs;
  return {
    reasons,
    label: itemLabel(e.code, paragraphs),
    phrase: SCOPES[w.scope].phrase,
    citeBase: `15 CFR 774, Supp. No. 1, ECCN ${e.code} (License Requirements)`,
    cites: [w.cite(m)],
    items: [{ eccn: paragraphs ?? [e.code] }],
    except,
    destinations: scopeOf(w.scope),
    condition: conditions.length ? conditions.join('; ') : undefined,
    review: typeof w.review === 'function' ? w.review(m) : w.review,
    exceptions: w.exceptionsFrom ? exceptionsFor(e, paragraphs, w.exceptionsFrom) : [],
    notes: w.notes,
    scopeNote: SCOPE_IS_HEADING[e.code] && row.conditional ? `Applied to the whole entry: ${SCOPE_IS_HEADING[e.code]}.` : undefined,
  };
}

/** A rule for a special note or a reason without a row. */
function scopedRule(e, how, reasons, paragraphs) {
  return {
    reasons,
    label: itemLabel(e.code, paragraphs),
    phrase: SCOPES[how.scope].phrase,
    citeBase: `15 CFR 774, Supp. No. 1, ECCN ${e.code}`,
    cites: [how.cite],
    items: [{ eccn: paragraphs ?? [e.code] }],
    except: [],
    destinations: scopeOf(how.scope),
    condition: how.condition,
    review: how.review,
    exceptions: how.exceptions ?? [],
    notes: how.notes,
  };
}

function scopeOf(key) {
  const s = SCOPES[key] ?? fail(`unknown scope ${key}`);
  return s.destinations;
}

const tidy = (t) => t.replace(/\s+/g, ' ').trim();

function itemLabel(code, paragraphs) {
  if (!paragraphs?.length) return code;
  if (paragraphs.length <= 3) return paragraphs.join(', ');
  return `${paragraphs.slice(0, 2).join(', ')} and ${paragraphs.length - 2} more paragraphs`;
}

/**
 * One rule for the rows of an entry that say the same thing for several reasons (NS and RS
 * "worldwide" for 3A904): same items, exceptions, destinations and condition. Titles and
 * citations are made here, after merging.
 */
const LEADING_REASON = /^[A-Z]{2} appl(?:y|ies) /;

function mergeRules(rules) {
  const out = [];
  for (const r of rules) {
    // "NS applies to ..." and "RS applies to ..." with the same words are one condition
    const key = JSON.stringify([r.items, r.except, r.destinations, r.condition?.replace(LEADING_REASON, '') ?? null]);
    const twin = out.find((o) => o.key === key);
    if (!twin) {
      out.push(Object.assign(r, { key }));
      continue;
    }
    const union = (a, b) => [...new Set([...a, ...b])];
    twin.reasons = union(twin.reasons, r.reasons);
    if (twin.condition !== r.condition) twin.condition = twin.condition.replace(LEADING_REASON, `${twin.reasons.join(' and ')} apply `);
    twin.cites = union(twin.cites, r.cites);
    twin.exceptions = union(twin.exceptions, r.exceptions);
    const joined = (a, b) => [...new Set([a, b].filter(Boolean))].join('; ') || undefined;
    twin.review = joined(twin.review, r.review);
    twin.notes = joined(twin.notes, r.notes);
    r.mergedInto = twin;
  }
  for (const r of out) {
    r.title = `${r.label} ${r.reasons.join(', ') || 'control'} - licence to ${r.phrase}`;
    r.citation = [r.citeBase, ...r.cites].join('; ');
  }
  return out;
}

/** Ids: "3a090-rs", or "3a090-rs-1", "-2" ... when one entry has several rules for a reason. */
function nameRules(code, rules) {
  const base = (r) => `${code.toLowerCase()}-${(r.reasons.length ? r.reasons : ['control']).join('-').toLowerCase()}`;
  const total = new Map();
  for (const r of rules) total.set(base(r), (total.get(base(r)) ?? 0) + 1);
  const seen = new Map();
  for (const r of rules) {
    const b = base(r);
    const n = (seen.get(b) ?? 0) + 1;
    seen.set(b, n);
    r.id = total.get(b) > 1 ? `${b}-${n}` : b;
  }
  return rules;
}

/**
 * The licence exceptions the entry's own lines offer for the control: a line (or a clause of it,
 * split at ";") that starts with "Yes" and either names none of the entry's paragraphs or names
 * one related to the row's paragraphs. "NAC/ACA" stands for both.
 */
function exceptionsFor(e, paragraphs, codes) {
  const out = new Set();
  const related = (p, q) => {
    const a = p.toLowerCase();
    const b = q.toLowerCase();
    return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  };
  for (const [key, line] of Object.entries(e.licenseExceptions ?? {})) {
    const names = key.split('/').map((n) => n.trim()).filter((n) => codes.includes(n));
    if (names.length === 0 || typeof line !== 'string') continue;
    const offered = line.split(/;\s*/).some((clause) => {
      if (!/^yes\b/i.test(clause.trim())) return false;
      if (!paragraphs) return true;
      const named = [...paragraphsIn(e.code, clause)];
      return named.length === 0 || named.some((p) => paragraphs.some((q) => related(p, q)));
    });
    if (offered) for (const n of names) out.add(n);
  }
  return codes.filter((c) => out.has(c));
}

/** Footnote rules and their regimes (the chart rows that carry each footnote). */
function planFootnotes(chart, eccns, accounted, counts) {
  const rules = [];
  const regimes = [];
  for (const [n, text] of Object.entries(chart.footnotes)) {
    const f = FOOTNOTES[n];
    if (!f) fail(`Country Chart footnote ${n} is not in scripts/ccl-wordings.mjs: "${text}"`);
    if (f.text !== text) fail(`Country Chart footnote ${n} changed: "${text}" (update scripts/ccl-wordings.mjs)`);
    const rows = chart.rows.filter((r) => (r.footnotes ?? []).map(String).includes(n)).map((r) => r.iso2).sort();
    counts.set(`footnote:${n}`, f.rules?.length ?? 0);
    if (!f.rules) {
      const facts = { rows: chart.rows.filter((r) => rows.includes(r.iso2)), row: (c) => chart.rows.find((r) => r.iso2 === c), eccn: (c) => eccns.get(c) };
      if (f.holds && !f.holds(facts)) fail(`Country Chart footnote ${n}: the data no longer bears out "${f.pointer}" (update scripts/ccl-wordings.mjs)`);
      accounted.push({ footnote: Number(n), source: 'footnote', text, pointer: f.pointer, rules: [], coveredBy: [] });
      continue;
    }
    const regimeId = `chart-footnote-${n}`;
    regimes.push({
      id: regimeId,
      title: `Destinations whose Country Chart row carries footnote ${n}`,
      description: text,
      countries: rows,
    });
    for (const r of f.rules) {
      for (const s of r.items) {
        for (const code of s.eccn) if (!eccns.has(code.split('.')[0])) fail(`footnote ${n}: no ECCN ${code} in the catalog`);
      }
      const rule = {
        id: r.id,
        reasons: r.reasons ?? [],
        title: r.title,
        citation: r.cite,
        items: r.items,
        except: r.except ?? [],
        destinations: [{ regime: regimeId }],
        condition: r.condition,
        review: r.review ?? FOOTNOTE_REVIEW,
        exceptions: [],
        notes: r.notes,
      };
      rules.push(rule);
      accounted.push({ footnote: Number(n), source: 'footnote', text, rules: [rule], coveredBy: [], probes: r.probes, item: r.probes?.item ?? r.items[0].eccn[0] });
    }
  }
  return { rules, regimes };
}

// --- The rule file as data ------------------------------------------------------------------

/** The ruleset object the YAML text must parse to (checked after writing). */
export function ruleSetObject(plan, asOf) {
  const regimes = Object.fromEntries(
    plan.regimes.map((r) => {
      const { id, ...rest } = r;
      return [id, rest];
    }),
  );
  const rules = [...plan.groups.flatMap((g) => g.rules), ...plan.footnoteRules].map(ruleObject);
  return {
    ruleset: 'us-ear-ccl-controls',
    title: 'CCL controls without a Country Chart column (Supp. No. 1 to part 774; part 742; chart footnotes)',
    jurisdiction: 'US-EAR',
    asOf,
    description: DESCRIPTION,
    regimes,
    rules,
  };
}

const DESCRIPTION =
  'Generated from the reference data by scripts/build-ccl-rules.mjs: one rule per licence ' +
  'requirement of a CCL entry that the Country Chart columns do not carry (worldwide controls, ' +
  'Macau and D:5, the advanced-computing scopes, EI, SL, SI, CW, CC to all destinations, short ' +
  'supply, the special notes of 0A983, 5A980 and the like) and per chart footnote that imposes ' +
  'a licence. eCFR as of 2026-07-23 / 2026-09-24. Reference only, not legal advice.';

function ruleObject(r) {
  const when = { items: r.items.map((s) => ({ ...s })), destinations: r.destinations };
  if (r.except.length) when.except = { items: [{ eccn: r.except }] };
  const o = { id: r.id, title: r.title, citation: r.citation };
  if (r.reasons.length) o.reasonForControl = r.reasons;
  o.when = when;
  if (r.condition) o.condition = r.condition;
  o.decision = 'license-required';
  if (r.review) o.review = r.review;
  if (r.exceptions.length) o.exceptions = r.exceptions;
  const notes = [r.scopeNote, r.notes].filter(Boolean).join(' ');
  if (notes) o.notes = notes;
  return o;
}

// --- YAML text -------------------------------------------------------------------------------

const YAML11_BOOLEANS = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;

// One line per key, however long: the file stays in the YAML subset that the server's fast
// parser reads (model/fastParse.ts: no folded scalars, no multi-line flow collections).

/** A scalar as plain text when that reads back as the same string in YAML 1.1 and 1.2, else quoted. */
function scalar(s) {
  if (typeof s !== 'string') return String(s);
  const plain =
    s.length > 0 &&
    !YAML11_BOOLEANS.test(s) &&
    /^[A-Za-z0-9(§][^\n]*$/.test(s) &&
    !/:\s|\s#|:$|^[-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    YAML.parse(`k: ${s}`)?.k === s;
  return plain ? s : JSON.stringify(s);
}

function field(indent, key, value) {
  return [`${' '.repeat(indent)}${key}: ${scalar(value)}`];
}

/** A flow list: codes quoted (ECCNs such as 3E001 read as numbers otherwise), others plain. */
function flowList(values, quote = true) {
  return `[${values.map((v) => (quote ? JSON.stringify(v) : scalar(v))).join(', ')}]`;
}

function flowMap(o) {
  const parts = Object.entries(o).map(([k, v]) => {
    const quote = k === 'eccn' || k === 'countryGroup';
    if (Array.isArray(v)) return `${k}: ${flowList(v, quote)}`;
    return `${k}: ${quote ? JSON.stringify(v) : scalar(v)}`;
  });
  return `{ ${parts.join(', ')} }`;
}

function selectorList(indent, key, selectors) {
  return [`${' '.repeat(indent)}${key}: [${selectors.map(flowMap).join(', ')}]`];
}

function regimeLines(id, r) {
  const lines = [`  ${id}:`, ...field(4, 'title', r.title)];
  if (r.description) lines.push(...field(4, 'description', r.description));
  if (r.countries) lines.push(`    countries: ${flowList(r.countries, false)}`);
  if (r.include) lines.push(...selectorList(4, 'include', r.include));
  if (r.exclude) lines.push(...selectorList(4, 'exclude', r.exclude));
  return lines;
}

function ruleLines(o) {
  const lines = [`  - id: ${scalar(o.id)}`];
  lines.push(...field(4, 'title', o.title));
  lines.push(...field(4, 'citation', o.citation));
  if (o.reasonForControl) lines.push(`    reasonForControl: ${flowList(o.reasonForControl, false)}`);
  lines.push('    when:');
  lines.push(...selectorList(6, 'items', o.when.items));
  lines.push(...selectorList(6, 'destinations', o.when.destinations));
  if (o.when.except) {
    lines.push('      except:');
    lines.push(...selectorList(8, 'items', o.when.except.items));
  }
  if (o.condition) lines.push(...field(4, 'condition', o.condition));
  lines.push(`    decision: ${o.decision}`);
  if (o.review) lines.push(...field(4, 'review', o.review));
  if (o.exceptions) lines.push(`    exceptions: ${flowList(o.exceptions, false)}`);
  if (o.notes) lines.push(...field(4, 'notes', o.notes));
  return lines;
}

const HEADER = `# GENERATED by scripts/build-ccl-rules.mjs (npm run pack:build) from the reference data:
# do not edit by hand; change scripts/ccl-wordings.mjs or the data and rebuild. A test fails
# when this file differs from what the script makes of the data.
#
# The licence requirements of the Commerce Control List (Supp. No. 1 to part 774) that the Country
# Chart columns do not carry, one rule per requirement, grouped by ECCN; then the Country Chart
# footnotes that impose a licence. ear-country-chart.ecr.yaml applies the chart columns.
# Data: EAR reference data, eCFR as of 2026-07-23 / 2026-09-24.
# Reference only, not legal advice. Check the current eCFR text before relying on a result.
#
# How to read these rules
# - items: the ECCN, or the paragraphs the licence table row names (3A090.a); an item asked about
#   by its heading (3A090) matches a paragraph rule in part, and the answer names the paragraphs.
# - condition: words from the licence table that the engine cannot test (a barrel length, an end
#   use, a list the data does not hold). The rule is then taken to apply (the conservative answer)
#   and the result shows the condition and what the answer would be without it.
# - Scopes the reference data does not pin down are read as every destination, with a condition
#   that says so: the States Parties of the Chemical Weapons Convention (supplement no. 2 to part
#   745), the short-supply destinations of part 754, the Entity List parties of 742.6(a)(11).
# - review: the licensing policy paragraph of the part 742 section (its text is shown where the
#   data holds it); exceptions: the licence exceptions the entry's own lines offer for the control
#   (ENC, AIA, ACM, LPP, HBM, NAC, ACA, IEC, GOV); every license-required answer evaluates the
#   exceptions from the data (docs/licence-exceptions.md), whatever a rule lists.
# - Not here, because other pack files apply them to every item they reach: UN controls (746.1(b),
#   un-arms-embargo), Iraq (746.3, iraq-ccl-reasons), North Korea (742.19 and 746.4,
#   north-korea-ccl-items), the Russian industry sector sanctions (746.8, ru-by-all-ccl), and the
#   AT controls (Iran, North Korea, Syria and Cuba in part 746).
`;

/** The file text. Fails if it does not read back as `ruleSetObject(plan, asOf)`. */
export function renderCclRules(plan, asOf) {
  const obj = ruleSetObject(plan, asOf);
  const out = [HEADER, `ruleset: ${obj.ruleset}`, ...field(0, 'title', obj.title), `jurisdiction: ${obj.jurisdiction}`, `asOf: ${obj.asOf}`];
  out.push(...field(0, 'description', obj.description));
  out.push('', '# Destination scopes that are not a chart column. Regimes are workspace-wide.', 'regimes:');
  for (const [id, r] of Object.entries(obj.regimes)) out.push(...regimeLines(id, r));
  out.push('', 'rules:');
  const byId = new Map(obj.rules.map((r) => [r.id, r]));
  for (const g of plan.groups) {
    out.push(`  # --- ${g.eccn.code}: ${oneLine(g.eccn.title)} (reasons for control: ${g.eccn.reasons.join(', ') || 'none'})`);
    for (const r of g.rules) out.push(...ruleLines(byId.get(r.id)), '');
  }
  out.push('  # --- Country Chart footnotes (Supp. No. 1 to part 738) that impose a licence requirement.');
  for (const f of Object.entries(FOOTNOTES)) {
    if (!f[1].rules) out.push(`  # Footnote ${f[0]}, no rule here: ${f[1].pointer}.`);
  }
  for (const r of plan.footnoteRules) out.push(...ruleLines(byId.get(r.id)), '');
  while (out.at(-1) === '') out.pop();
  const text = `${out.join('\n')}\n`;
  const back = YAML.parse(text);
  if (!isDeepStrictEqual(back, JSON.parse(JSON.stringify(obj)))) fail('the written YAML does not read back as the planned rules');
  return text;
}

const oneLine = (t) => {
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > 90 ? `${s.slice(0, 87)}...` : s;
};

/** The whole build: inputs -> file text and the plan (for the tests). */
export function buildCclRules(inputs = readInputs()) {
  const plan = planCclRules(inputs);
  return { plan, text: renderCclRules(plan, inputs.catalog.dataDate) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { plan, text } = buildCclRules();
  writeFileSync(OUTPUT, text);
  const rules = plan.groups.reduce((n, g) => n + g.rules.length, 0) + plan.footnoteRules.length;
  console.log(`wrote ${path.relative(ROOT, OUTPUT)}: ${rules} rules, ${plan.regimes.length} regimes, ${plan.accounted.length} controls accounted for`);
  for (const [k, n] of Object.entries(plan.counts)) console.log(`  ${String(n).padStart(4)}  ${k}`);
}
