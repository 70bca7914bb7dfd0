// Builds the shipped catalog (server/src/catalog/catalog.data.json) from the EAR reference
// data in data/reference/ and the ISO country packages. Deterministic: same input, same bytes.
// Compact on purpose: verification lists, cross-check prose and per-row sources stay in
// data/reference/; the catalog keeps what hovers, completion and the engine show or use.
//
//   node scripts/build-catalog.mjs            (npm run catalog:build)
//   import { buildCatalogData } from './build-catalog.mjs'
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { namedParagraphs, parseControlScope } from './eccn-scopes.mjs';

const require = createRequire(import.meta.url);
const countries = require('i18n-iso-countries');
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
const iso31662 = require('iso-3166-2');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = path.join(ROOT, 'server/src/catalog/catalog.data.json');

const DATA_AS_OF = 'eCFR as of 2026-07-23 / 2026-09-24';
const DATA_DATE = '2026-09-24';
const NOTICE = 'Reference only, not legal advice.';

// The sub-national destinations the regulation names. Source: 15 CFR 746.6 ("the Crimea region
// of Ukraine", including Sevastopol, and "the so-called Donetsk People's Republic (DNR) and Luhansk
// People's Republic (LNR) regions of Ukraine"); codes are the ISO 3166-2 subdivisions they lie in.
// Official names come from the iso-3166-2 package; these are the readable names people type.
const TREATED_AS = {
  HK: { country: 'CN', note: 'Hong Kong does not appear: it is treated as part of China for EAR purposes since December 2020.' },
};

// 15 CFR 738.3(b): a destination the Country Chart does not list that is a territory, possession
// or department of a country takes that country's row. The parent comes from the ISO 3166-2
// subdivision the iso-3166-2 package gives it (FR-RE, NO-21, NL-BQ1, FI-01), checked at build
// time; the package has none for the dependencies below, whose parents are those ISO 3166-1
// names in its remarks ("dependency of ..."): written here, with that source.
const TERRITORIES = {
  // parent -> [territory, its ISO 3166-2 code under the parent]
  FR: [['RE', 'FR-RE'], ['GP', 'FR-GP'], ['MQ', 'FR-MQ'], ['GF', 'FR-GF'], ['YT', 'FR-YT'], ['PF', 'FR-PF'], ['NC', 'FR-NC'],
    ['PM', 'FR-PM'], ['WF', 'FR-WF'], ['TF', 'FR-TF'], ['BL', 'FR-BL'], ['MF', 'FR-MF']],
  NO: [['SJ', 'NO-21']],
  NL: [['BQ', 'NL-BQ1']],
  FI: [['AX', 'FI-01']],
};
const DEPENDENCIES = {
  // ISO 3166-1 remarks: dependencies without an ISO 3166-2 code under their parent
  GB: ['AI', 'BM', 'FK', 'GG', 'GI', 'GS', 'IM', 'IO', 'JE', 'KY', 'MS', 'PN', 'SH', 'TC', 'VG'],
  AU: ['CC', 'CX', 'HM', 'NF'],
  NZ: ['CK', 'NU', 'TK'],
  DK: ['FO', 'GL'],
  NO: ['BV'],
};
// Shipments to these are not exports: the United States includes its territories and possessions
// (15 CFR 772.1, "United States"), and iso-3166-2 lists them as US subdivisions.
const PART_OF_US = [['PR', 'US-PR'], ['GU', 'US-GU'], ['VI', 'US-VI'], ['AS', 'US-AS'], ['MP', 'US-MP'], ['UM', 'US-UM']];
// No chart row and no country whose row they take (738.3(b) places them nowhere): the pack does
// not answer for them rather than answer with no marks at all.
const NO_ROW = {
  AQ: 'Antarctica has no Country Chart row and belongs to no country whose row it could take (15 CFR 738.3(b)); the rules cannot answer for it: ask BIS.',
  PS: 'Palestine has no Country Chart row, and 15 CFR 738.3(b) gives it no other country\'s row; the rules cannot answer for it: ask BIS.',
};

const REGIONS = [
  {
    code: 'UA-43',
    name: 'Crimea',
    aliases: ['Autonomous Republic of Crimea', 'Crimea region of Ukraine'],
    notes: ['Crimea region of Ukraine under 15 CFR 746.6. Country Group designations of Ukraine also apply to it (footnote 4 to supplement no. 1 to part 740).'],
  },
  {
    code: 'UA-40',
    name: 'Sevastopol',
    aliases: ['City of Sevastopol'],
    notes: ['Part of the Crimea region of Ukraine under 15 CFR 746.6; ISO 3166-2 gives the city its own code.'],
  },
  {
    code: 'UA-14',
    name: 'Donetsk oblast',
    aliases: ['DNR', "Donetsk People's Republic", "so-called Donetsk People's Republic", 'Donetsk region'],
    notes: ["15 CFR 746.6 covers the so-called Donetsk People's Republic (DNR) region; ISO 3166-2 has no code for it, so the oblast that contains it stands for it."],
  },
  {
    code: 'UA-09',
    name: 'Luhansk oblast',
    aliases: ['LNR', "Luhansk People's Republic", "so-called Luhansk People's Republic", 'Luhansk region', 'Lugansk'],
    notes: ["15 CFR 746.6 covers the so-called Luhansk People's Republic (LNR) region; ISO 3166-2 has no code for it, so the oblast that contains it stands for it."],
  },
];

const FILES = ['ccl-categories', 'country-chart', 'country-groups', 'eccns', 'embargoes', 'reasons-for-control'];
const ECCN_SHAPE = /^[0-9][A-E][0-9]{3}$/;

function fail(message) {
  throw new Error(`build-catalog: ${message}`);
}

function readReference(referenceDir) {
  const out = {};
  for (const f of FILES) out[f] = JSON.parse(readFileSync(path.join(referenceDir, `${f}.json`), 'utf8'));
  return out;
}

/** Build the catalog data (the CatalogData of server/src/catalog/types.ts) from a reference dir. */
export function buildCatalogData(referenceDir) {
  const ref = readReference(referenceDir);
  const eccns = ref.eccns.entries.map(toEccn);
  const columnOrder = ref['reasons-for-control'].column_order;
  const groups = ref['country-groups'].groups.map(toCountryGroup);
  const embargoes = ref.embargoes.programs.map(toEmbargo);
  const destinations = buildDestinations(ref, groups, embargoes, columnOrder);
  checkCounts(ref, eccns, destinations, columnOrder);
  return {
    dataAsOf: DATA_AS_OF,
    dataDate: DATA_DATE,
    notice: NOTICE,
    sources: collectSources(ref),
    categories: ref['ccl-categories'].categories.map((c) => ({
      code: c.code,
      title: c.title,
      ...(c.supplement_heading ? { heading: c.supplement_heading } : {}),
      eccnCount: c.eccn_count,
    })),
    productGroups: ref['ccl-categories'].product_groups.map((g) => ({ code: g.code, title: g.title, eccnCount: g.eccn_count })),
    eccns,
    reasons: ref['reasons-for-control'].reasons.map((r) => ({
      code: r.code,
      name: r.name,
      basis: r.basis,
      columns: r.country_chart_columns ?? [],
      ...(r.notes ? { notes: r.notes } : {}),
    })),
    chartColumns: columnOrder.map((code) => {
      const c = ref['reasons-for-control'].columns.find((x) => x.code === code) ?? fail(`no column ${code}`);
      return { code, reason: c.reason, meaning: c.meaning, basis: c.basis, countriesMarked: c.countries_marked_in_chart };
    }),
    destinations,
    countryGroups: groups,
    embargoes,
    topics: Object.fromEntries(Object.entries(ref.eccns.topic_index).filter(([, v]) => Array.isArray(v))),
    removedEccns: ref.eccns.removed_or_not_present.filter((r) => ECCN_SHAPE.test(r.code)).map((r) => ({ code: r.code, note: r.note })),
  };
}

// --- ECCNs -------------------------------------------------------------------------------

function toEccn(e) {
  const controls = toControls(e);
  // the columns that apply to the whole entry, unconditionally: read from the rows (the data's
  // columns_for_entire_entry also lists "entire entry except ..." columns)
  const entire = [...new Set(controls.filter((c) => !c.paragraphs && !c.except && !c.conditional).flatMap((c) => c.columns))];
  const exceptionTexts = [...Object.values(e.license_exceptions ?? {}), e.sta_restriction, e.special_license_requirement];
  return {
    code: e.code,
    category: e.category,
    productGroup: e.product_group,
    title: e.title,
    heading: e.heading,
    reasons: e.reasons_for_control,
    columns: e.country_chart_columns,
    entireEntryColumns: entire,
    controls,
    paragraphs: e.code === 'EAR99' ? [] : namedParagraphs(e.code, [...e.controls.map((c) => c.applies_to), ...exceptionTexts], controls),
    licenseExceptions: e.license_exceptions,
    notes: e.notes ?? [],
    flags: e.flags,
    ...(e.special_license_requirement ? { specialLicenseRequirement: e.special_license_requirement } : {}),
    ...(e.sta_restriction ? { staRestriction: e.sta_restriction } : {}),
  };
}

/**
 * The control rows of an entry with their paragraph scopes (scripts/eccn-scopes.mjs). An entry
 * without a licence table in the data keeps its entire-entry columns, and a reason no row names
 * applies to the whole entry (nothing in the data narrows it).
 */
function toControls(e) {
  if (e.code === 'EAR99') return [];
  const rows = e.controls.map((c) => {
    const scope = parseControlScope(e.code, c.applies_to);
    const row = { reason: c.reason ?? '', text: c.applies_to, columns: c.columns ?? [] };
    if (c.requirement_text && c.requirement_text !== c.applies_to && !(c.columns ?? []).length) row.requirement = c.requirement_text;
    if (scope.paragraphs) row.paragraphs = scope.paragraphs;
    if (scope.except) row.except = scope.except;
    if (scope.conditional) row.conditional = true;
    return row;
  });
  for (const col of e.columns_for_entire_entry) {
    if (!rows.some((r) => r.columns.includes(col))) rows.push({ reason: col.replace(/\d+$/, ''), text: `${col} (entire entry, no licence table in the data)`, columns: [col] });
  }
  for (const reason of e.reasons_for_control) {
    if (!rows.some((r) => r.reason === reason)) rows.push({ reason, text: `${reason} (no licence table row in the data: taken to apply to the entire entry)`, columns: [] });
  }
  return rows;
}

// --- Country groups and embargoes -----------------------------------------------------------

function toCountryGroup(g) {
  if (g.members.length !== g.member_count) fail(`group ${g.code}: ${g.members.length} members, expected ${g.member_count}`);
  return { code: g.code, title: g.title ?? `Country Group ${g.code}`, members: [...g.members].sort(), notes: g.notes ?? [] };
}

function toEmbargo(p) {
  const notes = [
    p.license_exceptions_note,
    p.order_of_review_note,
    ...(p.exclusions ?? []).map((x) => `Exclusion: ${x}`),
    p.related_controls,
    ...(p.structure_notes ?? []),
  ].filter((x) => typeof x === 'string' && x.length > 0);
  return {
    id: p.id,
    name: p.name,
    citation: p.citation,
    destinations: p.destinations.flatMap(embargoDestinationCodes),
    licenseRequirement: p.license_requirement ?? (p.license_requirements ?? []).map((r) => `${r.para}: ${r.what}`).join('\n'),
    licenseExceptions: p.license_exceptions_available ?? [],
    reviewPolicy: policyText(p.review_policy),
    ...(p.type ? { kind: p.type } : {}),
    ...(notes.length ? { notes } : {}),
  };
}

/** "RU" -> ["RU"]; "UA (Crimea, DNR and LNR regions only; sub-national)" -> the named UA regions. */
function embargoDestinationCodes(d) {
  if (/^[A-Z]{2}$/.test(d)) return [d];
  const parent = /^([A-Z]{2}) \(.*regions? only/.exec(d)?.[1];
  const regions = REGIONS.filter((r) => r.code.startsWith(`${parent}-`)).map((r) => r.code);
  if (!parent || regions.length === 0) fail(`cannot read embargo destination "${d}"`);
  return regions;
}

/** {default: "...", case_by_case: [...]} -> "Default: ...\nCase by case: a; b". */
function policyText(policy) {
  if (policy == null) return '';
  if (typeof policy === 'string') return policy;
  return Object.entries(policy)
    .map(([k, v]) => {
      const label = k.includes('_') ? k.replace(/_/g, ' ').replace(/^./, (ch) => ch.toUpperCase()) : k;
      return `${label}: ${Array.isArray(v) ? v.join('; ') : String(v)}`;
    })
    .join('\n');
}

// --- Destinations ------------------------------------------------------------------------

function buildDestinations(ref, groups, embargoes, columnOrder) {
  const chart = ref['country-chart'];
  const rows = new Map(chart.rows.map((r) => [r.iso2, r]));
  const byCountry = ref['country-groups'].by_country;
  const isoCodes = Object.keys(countries.getAlpha2Codes());
  for (const code of [...rows.keys(), ...Object.keys(byCountry)]) {
    if (!isoCodes.includes(code)) fail(`${code} is in the reference data but not in i18n-iso-countries`);
  }
  const groupsOf = (code) => groups.filter((g) => g.members.includes(code)).map((g) => g.code);
  for (const [code, entry] of Object.entries(byCountry)) {
    if (groupsOf(code).join() !== entry.groups.join()) fail(`${code}: by_country groups differ from the member lists`);
  }
  const embargoesOf = (code) => embargoes.filter((p) => p.destinations.includes(code)).map((p) => p.id);
  const names = chooseNames(isoCodes, rows, byCountry);

  const result = isoCodes.map((code) => {
    const row = rows.get(code);
    const columns = row ? columnOrder.filter((c) => row.license_required_columns.includes(c)) : [];
    if (row && columns.length !== row.license_required_columns.length) fail(`${code}: unknown chart column`);
    return {
      code,
      ...names.get(code),
      countryGroups: groupsOf(code),
      chartColumns: columns,
      chartFootnotes: (row?.footnotes ?? []).map((n) => chart.footnotes[String(n)] ?? fail(`${code}: no footnote ${n}`)),
      embargoes: embargoesOf(code),
      onChart: Boolean(row),
      ...(row?.see_instead ? { seeInstead: row.see_instead } : {}),
      ...(row?.notes?.length ? { notes: row.notes } : {}),
    };
  });

  // Places without a chart row that the reference data says are treated as another country
  // (country-groups.json special_notes): they take that country's groups and chart marks.
  const notes = ref['country-groups'].special_notes.join('\n');
  for (const [code, as] of Object.entries(TREATED_AS)) {
    if (!notes.includes(as.note)) fail(`the reference data no longer says "${as.note}"`);
    const d = result.find((x) => x.code === code);
    const host = result.find((x) => x.code === as.country);
    if (!d || !host) fail(`${code}/${as.country} missing`);
    Object.assign(d, {
      countryGroups: host.countryGroups,
      chartColumns: host.chartColumns,
      chartFootnotes: host.chartFootnotes,
      seeInstead: as.country,
      notes: [...(d.notes ?? []), as.note],
    });
  }

  // Territories take their parent's row, groups and footnotes (738.3(b)).
  const adopt = (code, parentCode, note) => {
    const d = result.find((x) => x.code === code) ?? fail(`no destination ${code}`);
    const host = result.find((x) => x.code === parentCode) ?? fail(`no destination ${parentCode}`);
    if (d.onChart || d.countryGroups.length) fail(`${code} has its own chart row or groups now: remove it from the territories`);
    Object.assign(d, {
      countryGroups: host.countryGroups,
      chartColumns: host.chartColumns,
      chartFootnotes: host.chartFootnotes,
      embargoes: [...new Set([...d.embargoes, ...host.embargoes])],
      seeInstead: parentCode,
      territoryOf: parentCode,
      notes: [...(d.notes ?? []), note],
    });
  };
  for (const [parent, list] of Object.entries(TERRITORIES)) {
    for (const [code, sub] of list) {
      if (iso31662.subdivision(sub)?.countryCode !== parent) fail(`iso-3166-2 no longer lists ${sub} under ${parent}`);
      adopt(code, parent, `Not on the Country Chart: a territory of ${names.get(parent).name} (ISO 3166-2 ${sub}), it takes its row (15 CFR 738.3(b)).`);
    }
  }
  for (const [parent, codes] of Object.entries(DEPENDENCIES)) {
    for (const code of codes) adopt(code, parent, `Not on the Country Chart: a dependency of ${names.get(parent).name} (ISO 3166-1), it takes its row (15 CFR 738.3(b)).`);
  }
  for (const [code, sub] of [['US', 'US'], ...PART_OF_US]) {
    if (code !== 'US' && iso31662.subdivision(sub)?.countryCode !== 'US') fail(`iso-3166-2 no longer lists ${sub} under US`);
    const d = result.find((x) => x.code === code) ?? fail(`no destination ${code}`);
    d.notAnExport =
      code === 'US'
        ? 'The United States is not an export destination: the EAR control exports from it (15 CFR 734.13).'
        : `${d.name} is part of the United States under the EAR (15 CFR 772.1, "United States"): a shipment there is not an export. Ask about the destination abroad.`;
  }
  for (const [code, why] of Object.entries(NO_ROW)) {
    const d = result.find((x) => x.code === code) ?? fail(`no destination ${code}`);
    if (d.onChart || d.countryGroups.length) fail(`${code} has a chart row or groups now`);
    d.unanswerable = why;
  }
  const unplaced = result.filter((d) => !d.onChart && !d.countryGroups.length && !d.seeInstead && !d.notAnExport && !d.unanswerable);
  if (unplaced.length) fail(`destinations with no chart row and no parent: ${unplaced.map((d) => d.code).join(', ')}`);

  // Every ISO 3166-2 subdivision of Ukraine is a destination (746.6 names some of them); the
  // regions the regulation names keep their readable names below.
  const named = new Set(REGIONS.map((r) => r.code));
  const ukraine = Object.entries(iso31662.country('UA').sub)
    .filter(([code]) => !named.has(code))
    .map(([code, sub]) => ({ code, name: sub.name, aliases: [], notes: [`A region of Ukraine (ISO 3166-2 ${code}): Ukraine's row applies.`] }));

  for (const r of [...REGIONS, ...ukraine]) {
    const sub = iso31662.subdivision(r.code) ?? fail(`iso-3166-2 has no ${r.code}`);
    const parent = result.find((d) => d.code === sub.countryCode) ?? fail(`no parent for ${r.code}`);
    result.push({
      code: r.code,
      name: r.name,
      officialName: sub.name,
      aliases: r.aliases,
      parent: parent.code,
      countryGroups: parent.countryGroups,
      chartColumns: parent.chartColumns,
      chartFootnotes: parent.chartFootnotes,
      embargoes: [...embargoesOf(r.code), ...parent.embargoes],
      onChart: false,
      notes: r.notes,
    });
  }
  return result.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const isAbbreviation = (n) => /^[A-Z.]+$/.test(n);
/** A name people write out in full: no inversion, parenthesis, "&" or "St.". */
const isReadable = (n) => !/[,()&]|\bSt\./.test(n) && !isAbbreviation(n);

/** "Micronesia, Federated States of" -> "Micronesia"; "Falkland Islands (Malvinas)" -> "Falkland Islands". */
function shortForm(n) {
  const inverted = /^([^,]+), (.+)$/.exec(n);
  if (inverted && !/ and /.test(inverted[2])) return inverted[1];
  return /^(.+?) \([^)]*\)$/.exec(n)?.[1];
}

/**
 * name: the BIS name when ISO lists it too, otherwise the shortest written-out name that belongs
 * to this country alone ("Syria", "South Korea", "United States"); officialName: the ISO name;
 * aliases: every other English name (ISO package, Country Group table, short forms).
 */
function chooseNames(isoCodes, rows, byCountry) {
  const candidates = new Map();
  const owners = new Map(); // lower-cased name -> codes using it
  for (const code of isoCodes) {
    const pkg = countries.getName(code, 'en', { select: 'all' });
    const bis = rows.get(code)?.bis_name;
    const group = byCountry[code]?.name_as_written;
    const written = [...pkg, bis, group].filter(Boolean);
    const short = written.map(shortForm).filter(Boolean);
    const all = [...written, ...short];
    candidates.set(code, { pkg, bis, written, short });
    for (const n of new Set(all.map((x) => x.toLowerCase()))) owners.set(n, [...(owners.get(n) ?? []), code]);
  }
  const unique = (n) => owners.get(n.toLowerCase()).length === 1;
  const out = new Map();
  for (const code of isoCodes) {
    const { pkg, bis, written, short } = candidates.get(code);
    const official = pkg[0];
    let name = bis && pkg.includes(bis) ? bis : undefined;
    if (!name) {
      // A spelling variant of an ISO name ("Seycheles") never wins over the ISO spelling.
      const variant = (n) => !pkg.includes(n) && pkg.some((p) => editDistance(n.toLowerCase(), p.toLowerCase()) <= 2);
      const readable = [...written, ...short].filter((n) => isReadable(n) && unique(n) && !variant(n));
      name = readable.reduce((best, n) => (best === undefined || n.length < best.length ? n : best), undefined) ?? official;
    }
    const seen = new Set([name, official, bis].filter(Boolean).map((x) => x.toLowerCase()));
    const aliases = [];
    for (const n of [...written, ...short.filter(unique)]) {
      if (seen.has(n.toLowerCase())) continue;
      seen.add(n.toLowerCase());
      aliases.push(n);
    }
    out.set(code, { name, officialName: official, ...(bis ? { bisName: bis } : {}), aliases });
  }
  return out;
}

function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

// --- Checks and sources --------------------------------------------------------------------

function checkCounts(ref, eccns, destinations, columnOrder) {
  for (const c of ref['ccl-categories'].categories) {
    const n = eccns.filter((e) => e.category === c.code).length;
    if (n !== c.eccn_count) fail(`category ${c.code}: ${n} ECCNs, expected ${c.eccn_count}`);
  }
  for (const g of ref['ccl-categories'].product_groups) {
    const n = eccns.filter((e) => e.productGroup === g.code).length;
    if (n !== g.eccn_count) fail(`product group ${g.code}: ${n} ECCNs, expected ${g.eccn_count}`);
  }
  const known = new Set(eccns.map((e) => e.code));
  for (const [topic, codes] of Object.entries(ref.eccns.topic_index)) {
    if (Array.isArray(codes)) for (const c of codes) if (!known.has(c)) fail(`topic ${topic}: unknown ECCN ${c}`);
  }
  for (const col of columnOrder) {
    const n = destinations.filter((d) => d.onChart && d.chartColumns.includes(col)).length;
    if (n !== ref['country-chart'].x_count_per_column[col]) fail(`column ${col}: ${n} rows marked`);
  }
}

function collectSources(ref) {
  const byId = new Map();
  for (const f of FILES) {
    for (const s of ref[f]._meta.sources ?? []) {
      if (byId.has(s.id)) continue;
      byId.set(s.id, { id: s.id, title: s.title, ...(s.url ? { url: s.url } : {}), ...(s.as_of ? { asOf: s.as_of } : {}) });
    }
  }
  return [...byId.values()];
}

// --- Output ------------------------------------------------------------------------------

/** Compact JSON with one array element per line, so diffs of the shipped file stay readable. */
export function formatCatalogJson(data) {
  const fields = Object.entries(data).map(([key, value]) => {
    if (Array.isArray(value) && value.length > 0) {
      return `${JSON.stringify(key)}:[\n${value.map((v) => JSON.stringify(v)).join(',\n')}\n]`;
    }
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = formatCatalogJson(buildCatalogData(path.join(ROOT, 'data/reference')));
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${path.relative(ROOT, OUTPUT)} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB)`);
}
