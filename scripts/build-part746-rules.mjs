// Builds samples/starter/ear-part746-item-lists.ecr.yaml, the starter pack's rules for the item
// lists of 15 CFR part 746 and for the EAR99 halves of the embargoes that except food and
// medicine, from the reference data in data/reference/:
//   part746-supplements.json  supplements no. 2, 4, 5, 6 and 7 to part 746 (eCFR 2026-09-24)
//   part746-hs-guards.json    the tariff headings where items described in words can fall
//                             (derived by this project; decides only whether an answer is
//                             conditional, never grants an exemption)
//   ear-definitions-772.json  the 772.1 definitions of food, medicines and medical devices
// Deterministic: same data, same bytes. One rule per supplement paragraph, destination date
// and condition, each with a long list, never one rule per code (the engine indexes the codes).
//
//   node scripts/build-part746-rules.mjs                     (npm run pack:build)
//   node scripts/build-part746-rules.mjs --copy-from DIR     first copy part746-supplements.json
//                                                            from DIR (../shared/reference)
//   import { buildPart746Rules, part746Lists } from './build-part746-rules.mjs'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = path.join(ROOT, 'samples/starter/ear-part746-item-lists.ecr.yaml');
const AS_OF = '2026-09-24';

function fail(message) {
  throw new Error(`build-part746-rules: ${message}`);
}

// --- The data -----------------------------------------------------------------------------

function readJson(dir, name) {
  return JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
}

/** "67- 63-0" (as printed in the source) -> "67-63-0"; the check digit must hold. */
function casNumber(raw) {
  const text = raw.replace(/\s+/g, '');
  const m = /^(\d{2,7})-(\d{2})-(\d)$/.exec(text);
  if (!m) fail(`malformed CAS number "${raw}"`);
  const digits = (m[1] + m[2]).split('').reverse();
  const sum = digits.reduce((acc, d, i) => acc + Number(d) * (i + 1), 0);
  if (sum % 10 !== Number(m[3])) fail(`CAS number ${text}: check digit should be ${sum % 10}`);
  return text;
}

/**
 * The CAS numbers of supplement no. 6 by paragraph, read from its text. Top-level paragraphs
 * are (a) to (i) in order; "(i)" is also a roman numeral inside (f) and (g), so a line opens a
 * paragraph only when its letter is the next one expected.
 */
function supp6CasByParagraph(lines) {
  const out = {};
  let expected = 'a';
  let current;
  for (const line of lines) {
    if (line.startsWith(`(${expected}) `)) {
      current = expected;
      out[current] = [];
      expected = String.fromCharCode(expected.charCodeAt(0) + 1);
    }
    if (!current) continue;
    for (const m of line.matchAll(/CAS\s+([0-9][0-9\s]*-\s*[0-9]{2}\s*-\s*[0-9])\)/g)) out[current].push(casNumber(m[1]));
  }
  return out;
}

/** Every list the rules are built from, checked against the counts the data states. */
export function part746Lists(referenceDir) {
  const s = readJson(referenceDir, 'part746-supplements.json');
  const guards = readJson(referenceDir, 'part746-hs-guards.json');
  const counts = s._meta.counts;
  const supp2 = s.supp2.rows.map((r) => r.hts6);
  const supp4 = [...s.supp4.hts6_codes];
  const supp7 = s.supp7.rows.map((r) => r.hts6);
  const luxury = { none: [], 300: [], 5000: [], 50000: [] };
  for (const r of s.supp5.rows) {
    const floor = r._min_per_unit_wholesale_usd_from_description;
    const key = floor === null ? 'none' : String(floor);
    if (!(key in luxury)) fail(`supplement no. 5: unexpected value floor ${floor} for ${r.hts6}`);
    luxury[key].push(r.hts6);
  }
  const supp6 = supp6CasByParagraph(s.supp6.text_lines);
  const allCas = Object.values(supp6).flat();
  const listed = s.supp6.cas_numbers.map(casNumber);
  if (new Set(allCas).size !== allCas.length) fail('supplement no. 6: a CAS number is in two paragraphs');
  if ([...allCas].sort().join() !== [...listed].sort().join()) fail('supplement no. 6: the CAS numbers read from the text differ from cas_numbers');
  for (const [name, list, n] of [
    ['supp2', supp2, counts.supp2],
    ['supp4', supp4, counts.supp4],
    ['supp7', supp7, counts.supp7],
    ['supp5', Object.values(luxury).flat(), counts.supp5],
  ]) {
    if (list.length !== n) fail(`${name}: ${list.length} codes, the data says ${n}`);
    if (new Set(list).size !== list.length) fail(`${name}: duplicate codes`);
    for (const c of list) if (!/^\d{6}$/.test(c)) fail(`${name}: "${c}" is not an HTS-6 code`);
  }
  if (luxury[300].length + luxury[5000].length + luxury[50000].length !== counts.supp5_with_value_threshold) fail('supp5: value floors do not add up');
  const sorted = (xs) => [...xs].sort();
  const guard = (key) => guards[key].prefixes.map((p) => p.hs);
  const guards2 = (...keys) => sorted(keys.flatMap(guard));
  return {
    supp2: sorted(supp2),
    supp4: sorted(supp4),
    supp5: { none: sorted(luxury.none), 300: sorted(luxury[300]), 5000: sorted(luxury[5000]), 50000: sorted(luxury[50000]) },
    supp6: Object.fromEntries(Object.entries(supp6).filter(([, v]) => v.length).map(([k, v]) => [k, sorted(v)])),
    supp7: sorted(supp7),
    foodOrMedicine: guards2('food_or_medicine'),
    iranGeneralLicences: guards2('food_or_medicine', 'iran_ofac_general_licences'),
    supp6Described: guards2('supp6_described'),
    supp6Chemicals: guards2('supp6_chemicals'),
  };
}

// --- What the rules say (hand-written from the regulation text) ---------------------------

const RU_BY_REVIEW =
  'Policy of denial (746.8(b)(3)). Case by case, weighing any benefit to the Russian or Belarusian government or defence sector, for: health and safety, including safety of flight, maritime and civil nuclear safety; wind-down by companies not headquartered in D:1, D:5, E:1 or E:2; humanitarian needs, including predominantly agricultural or medical items; government-to-government activities and government space cooperation; replacement licences for HTS-6 and supplement no. 6 items added after a licence was validated; subsidiaries and joint ventures of U.S. and A:5/A:6 companies and official business of A:5/A:6 governments; civil telecommunications infrastructure support by A:5/A:6-headquartered companies.';
const RU_BY_EXCEPTIONS = ['TMP', 'GOV', 'TSU', 'BAG', 'AVS', 'ENC', 'CCD', 'MED'];
const PARTS_NOTE =
  'The supplement also covers "components", "parts", "accessories" and "attachments" modified or designed for a listed item, whatever their own HTS code (fasteners, washers, springs, wire and the like excepted); such parts classified under another code are not caught by the code list: check them. HTS-8 and HTS-10 codes that begin with a listed HTS-6 code are covered.';
const NO_DATE_ADDED = 'The data has no date-added column: every code is dated from the day the list began, which is stricter than the regulation for codes added later (check a past date against the Federal Register).';

const IRAN_POLICY =
  'Applications for purposes other than humanitarian reasons or the safety of civil aviation and safe operation of U.S.-origin aircraft (both case by case) generally will be denied (746.7(b)).';
const IRAN_REVIEW = `${IRAN_POLICY} An authorisation from OFAC under the Iranian Transactions and Sanctions Regulations (31 CFR part 560) also authorises the export under the EAR (746.7(a)(2)); no licence exception may be used (746.7(c)).`;
const FOOD_MEDICINE_CONDITION = (where) =>
  `${where} excepts EAR99 food and medicine. Check the item against 15 CFR 772.1: food means items that are consumed by and provide nutrition to humans and animals, and seeds (not castor bean seeds) that germinate into such items, and does not include alcoholic beverages; medicines means "drug" as defined in 21 U.S.C. 321 (section 201 of the Federal Food, Drug and Cosmetic Act), including prescription and over-the-counter medicines for humans and animals. If the item is neither, the licence is required; medical devices are not medicine.`;

const KP = {
  review:
    'Case by case (746.4(b)), except: general policy of denial for luxury goods (supplement no. 1 to part 746: tobacco, alcoholic beverages, luxury watches, apparel, electronics such as flat-screen televisions and laptops, vehicles ...), arms and related materiel and items the UN Security Council or its 1718 Committee has determined could contribute to WMD or missile programmes; general approval for humanitarian items for the North Korean people and for agricultural commodities and medical devices that are not luxury goods.',
  exceptions: ['TMP', 'GOV', 'GFT', 'TSU', 'BAG', 'AVS'],
};
const SY_NOW = {
  review:
    'License Exception SPP (740.5) authorises EAR99 items unless a part 744 end-use or end-user control applies; applications otherwise reviewed case by case (746.9(c)(2)), with a presumption of approval for commercial end uses supporting economic development or the Syrian people (746.9(c)(1)).',
  exceptions: ['SPP', 'TMP', 'RPL', 'GOV', 'TSU', 'BAG', 'AVS', 'CCD'],
};
const SY_BEFORE = {
  review:
    'General policy of denial (746.9 as it stood before 90 FR 42315), with case-by-case review for a few categories (medicine on the CCL and medical devices, items for civil aviation safety, telecommunications equipment for the Syrian people).',
  exceptions: ['TMP', 'GOV', 'TSU'],
};
const UA_REVIEW =
  'Policy of denial (746.6(b)), case by case for safety of flight, maritime safety, civil nuclear safety, humanitarian needs, government space cooperation, wholly owned U.S. subsidiaries and joint ventures of U.S. or A:5/A:6 companies, civil telecommunications infrastructure support by U.S. or A:5/A:6 companies, and government-to-government activities.';
const UA_EXCEPTIONS = ['TMP', 'GOV', 'GFT', 'TSU', 'BAG', 'AVS', 'MED'];

const RU_BY = ['RU', 'BY'];
const CRIMEA = ['UA-43', 'UA-40'];
/** Keep equal to the regime ukraine-covered-regions of ear-embargoes.ecr.yaml (a test checks). */
const COVERED_REGIONS = ['UA-14', 'UA-09'];
const ALL_DE = ['0D*', '0E*', '1D*', '1E*', '2D*', '2E*', '3D*', '3E*', '4D*', '4E*', '5D*', '5E*', '6D*', '6E*', '7D*', '7E*', '8D*', '8E*', '9D*', '9E*'];
const CAT_3_9_DE = ALL_DE.slice(6);

/** The two rules of a programme that excepts EAR99 food and medicine. */
function foodMedicinePair(p, lists) {
  const common = { decision: 'license-required', review: p.review, exceptions: p.exceptions, effective: p.effective, expires: p.expires };
  return [
    {
      id: p.id,
      title: `${p.name} - licence for EAR99 items that cannot be food or medicine`,
      citation: `${p.citation}; 15 CFR 772.1`,
      items: [{ ear99: true }],
      destinations: [{ country: p.destinations }],
      except: [{ ear99: true, hs: lists.foodOrMedicine }],
      ...common,
      notes: `EAR99 items whose tariff code lies outside the headings where food or medicine can be classified (data/reference/part746-hs-guards.json, food_or_medicine): ${p.where} requires a licence for them. Items in those headings, and items checked without an HS code, get ${p.id}-food-or-medicine, which states the definitions to check. CCL items: ${p.cclRule}.${p.extraNote ? ` ${p.extraNote}` : ''}`,
    },
    {
      id: `${p.id}-food-or-medicine`,
      title: `${p.name} - licence for EAR99 items unless they are food or medicine (772.1)`,
      citation: `${p.citation}; 15 CFR 772.1`,
      items: [{ ear99: true, hs: lists.foodOrMedicine }],
      destinations: [{ country: p.destinations }],
      condition: FOOD_MEDICINE_CONDITION(p.where),
      ...common,
      notes: `An EAR99 item in a heading where food or medicine can be classified (data/reference/part746-hs-guards.json, food_or_medicine, derived by this project): the definitions of 772.1 turn on what the item is, not on its tariff code, so the answer is conditional. The headings only decide that the condition is shown; no heading exempts an item.`,
    },
  ];
}

function rules(lists) {
  const out = [];

  // --- Iran (746.7) ---
  out.push(
    {
      id: 'iran-itsr',
      title: 'Iran - every item subject to the EAR needs OFAC authorisation (Iranian Transactions and Sanctions Regulations)',
      citation: '15 CFR 746.7(e), (a)(2); 31 CFR 560.204',
      authority: 'OFAC (31 CFR part 560)',
      items: [{ ccl: true }, { ear99: true }],
      destinations: [{ country: ['IR'] }],
      except: [{ ear99: true, hs: lists.iranGeneralLicences }],
      decision: 'license-required',
      review: `OFAC authorisation is required: the ITSR prohibit the export to Iran of any goods, technology or services from the United States or by U.S. persons, and reexports of items subject to the EAR, unless OFAC authorises them (31 CFR 560.204, 560.205). No EAR item may be exported in a transaction the ITSR prohibit without OFAC authorisation (746.7(e)); an OFAC authorisation also counts as the EAR authorisation (746.7(a)(2)). BIS reviews its own licence requirements so: ${IRAN_POLICY} No licence exception may be used (746.7(c)).`,
      exceptions: [],
      notes: 'Not prohibited: OFAC can authorise the export (specific licence), so the answer is license-required with OFAC named as the authority. EAR99 items in the headings where an OFAC general licence may authorise them (data/reference/part746-hs-guards.json, iran_ofac_general_licences), and items checked without an HS code, get iran-itsr-general-licences instead. CCL items and the EAR99 items of supplement no. 7 also need the EAR licence (iran-ccl-items, iran-supp7).',
    },
    {
      id: 'iran-itsr-general-licences',
      title: 'Iran - EAR99 items need OFAC authorisation unless an OFAC general licence covers them',
      citation: '15 CFR 746.7(e), (a)(2); 31 CFR 560.204, 560.530, 560.540',
      authority: 'OFAC (31 CFR part 560)',
      items: [{ ear99: true, hs: lists.iranGeneralLicences }],
      destinations: [{ country: ['IR'] }],
      condition:
        'OFAC authorisation is required unless an OFAC general licence authorises the export: 31 CFR 560.530 (EAR99 agricultural commodities including food, medicine and medical devices, as OFAC defines them, not to the Government of Iran military or law enforcement or to blocked persons, and not the items OFAC lists as needing a specific licence) or 31 CFR 560.540 and General License D-2 (personal communications hardware, software and services). Check the licence and its conditions.',
      decision: 'license-required',
      review: `If no general licence applies, apply to OFAC; an OFAC authorisation also counts as the EAR authorisation (746.7(a)(2)). BIS reviews its own licence requirements so: ${IRAN_POLICY} No licence exception may be used (746.7(c)).`,
      exceptions: [],
      notes: 'The headings (data/reference/part746-hs-guards.json, iran_ofac_general_licences, derived by this project) only decide that the condition is shown; no heading exempts an item.',
    },
    {
      id: 'iran-supp7',
      title: 'Iran - licence for the items of supplement no. 7 to part 746, EAR99 included',
      citation: '15 CFR 746.7(a)(1)(ii); Supp. No. 7 to part 746',
      items: [{ hs: lists.supp7 }],
      destinations: [{ country: ['IR'] }],
      decision: 'license-required',
      review: IRAN_REVIEW,
      exceptions: [],
      effective: '2023-02-24',
      notes: `Supplement no. 7 was added by 88 FR 12150 (effective 2023-02-24) and has grown since. ${PARTS_NOTE} ${NO_DATE_ADDED}`,
    },
    {
      id: 'iran-fdp-supp7',
      title: 'Iran - foreign-made items of supplement no. 7 that are direct products of U.S. Category 3-9 software or technology',
      citation: '15 CFR 746.7(a)(1)(iii); 15 CFR 734.9(j); Supp. No. 7 to part 746',
      items: [{ origin: 'foreign', hs: lists.supp7, directProductOf: CAT_3_9_DE }],
      destinations: [{ country: ['IR'] }],
      decision: 'license-required',
      review: IRAN_REVIEW,
      exceptions: [],
      effective: '2023-02-24',
      notes: 'The Iran FDP rule (88 FR 12150, 2023-02-24) covered software and technology of Categories 3 to 5 and 7 until 2024-07-23 and Categories 3 to 9 since (No Technology for Terror Act rule); Categories 3-9 are applied throughout, which is stricter before 2024-07-23. Exports from the supplement no. 3 countries are excluded; rules decide by destination only, so that exclusion is not applied. CCL items: iran-fdp.',
    },
  );

  // --- North Korea (746.4), Syria (746.9), Crimea and the covered regions (746.6) ---
  out.push(
    ...foodMedicinePair({ id: 'north-korea-ear99', name: 'North Korea', citation: '15 CFR 746.4(a)', where: '746.4(a)', destinations: ['KP'], cclRule: 'north-korea-ccl-items', ...KP }, lists),
    ...foodMedicinePair(
      { id: 'syria-ear99', name: 'Syria', citation: '15 CFR 746.9(a)', where: '746.9(a)', destinations: ['SY'], cclRule: 'syria-ccl-items', effective: '2025-09-02', ...SY_NOW, extraNote: 'Review policy and licence exceptions as relaxed by 90 FR 42315 (effective 2025-09-02); the scope of the requirement did not change.' },
      lists,
    ),
    ...foodMedicinePair(
      { id: 'syria-ear99-before-2025-09-02', name: 'Syria (before 2025-09-02)', citation: '15 CFR 746.9(a)', where: '746.9(a)', destinations: ['SY'], cclRule: 'syria-ccl-items-before-2025-09-02', expires: '2025-09-02', ...SY_BEFORE, extraNote: 'The licence exceptions of 746.9(b) as it stood then are listed only in part; check the text of the time.' },
      lists,
    ),
    ...foodMedicinePair(
      { id: 'crimea-ear99', name: 'Crimea region', citation: '15 CFR 746.6(a)(1)(i)', where: '746.6(a)(1)(i)', destinations: CRIMEA, cclRule: 'crimea-ccl-items', effective: '2015-01-29', review: UA_REVIEW, exceptions: UA_EXCEPTIONS, extraNote: 'The Crimea controls began on 2015-01-29 (80 FR 4776). The carve-out for free personal-communications software (EAR99 or 5D992.c) is not applied: an HS code cannot tell that software apart.' },
      lists,
    ),
    ...foodMedicinePair(
      { id: 'covered-regions-ear99', name: 'Donetsk and Luhansk covered regions', citation: '15 CFR 746.6(a)(2)', where: '746.6(a)(2)', destinations: COVERED_REGIONS, cclRule: 'covered-regions-ccl-items', effective: '2022-02-24', review: UA_REVIEW, exceptions: UA_EXCEPTIONS, extraNote: 'Added by 87 FR 12226 (effective 2022-02-24). The carve-out for free personal-communications software is not applied.' },
      lists,
    ),
  );

  // --- Russia and Belarus (746.8) ---
  const oilGas = (id, country, effective, history) => ({
    id,
    title: `Oil and gas items (supplement no. 2) to ${country === 'RU' ? 'Russia' : 'Belarus'} - licence when for deepwater, Arctic offshore or shale projects`,
    citation: '15 CFR 746.8(a)(4); Supp. No. 2 to part 746',
    items: [{ hs: lists.supp2 }, { eccn: ['0A998', '1C992', '3A229', '3A231', '3A232', '6A991', '8A992', '8D999'] }],
    destinations: [{ country: [country] }],
    condition:
      'A licence is required when you know, or cannot determine, that the item will be used directly or indirectly for exploration or production from deepwater (greater than 500 feet), Arctic offshore or shale projects in Russia or Belarus that have the potential to produce oil or gas, or when BIS has informed you so (746.8(a)(4)). If the end use is established not to be one of these, this paragraph requires no licence.',
    decision: 'license-required',
    review: 'Policy of denial when for use directly or indirectly for exploration or production from deepwater, Arctic offshore or shale projects that have the potential to produce oil or gas (746.8(b)(2)).',
    exceptions: RU_BY_EXCEPTIONS,
    effective,
    notes: `${history} 13 codes are also in supplement no. 4 (746.8(a)(5), no end-use condition). The ECCNs are also covered by ru-by-all-ccl; 746.8(a) reviews (a)(4) last. ${PARTS_NOTE}`,
  });
  out.push(
    oilGas('ru-oil-gas-supp2', 'RU', '2014-08-06', 'The Russian oil-industry sanctions began on 2014-08-06 (79 FR 45675, then 746.5).'),
    oilGas('by-oil-gas-supp2', 'BY', '2022-09-15', 'Belarus was added to the industry sector sanctions by 87 FR 57068 (effective 2022-09-15).'),
  );

  const industrial = (id, country, effective, history) => ({
    id,
    title: `Industrial items (supplement no. 4) to ${country === 'RU' ? 'Russia' : 'Belarus'} - licence for EAR99 items by HTS-6 code`,
    citation: '15 CFR 746.8(a)(5); Supp. No. 4 to part 746',
    items: [{ ear99: true, hs: lists.supp4 }],
    destinations: [{ country: [country] }],
    decision: 'license-required',
    review: RU_BY_REVIEW,
    exceptions: RU_BY_EXCEPTIONS,
    effective,
    notes: `${history} Items classified in an ECCN are handled under 746.8(a)(1) (ru-by-all-ccl), so the rule is written for EAR99 items. ${PARTS_NOTE} ${NO_DATE_ADDED}`,
  });
  out.push(
    industrial('ru-industrial-supp4', 'RU', '2022-05-09', 'The HTS-based industry sector list for Russia began with 87 FR 28758 (effective 2022-05-09) and was enlarged many times (2023-02-24, 2023-05-19, 2024-01-23, 2024-06-12 ...).'),
    industrial('by-industrial-supp4', 'BY', '2022-09-15', 'Belarus was added by 87 FR 57068 (effective 2022-09-15).'),
  );

  out.push({
    id: 'ru-by-luxury-supp5',
    title: 'Luxury goods (supplement no. 5) to Russia and Belarus - licence for EAR99 items, some only at or above a wholesale value per unit',
    citation: '15 CFR 746.8(a)(7); Supp. No. 5 to part 746',
    items: [
      { ear99: true, hs: lists.supp5.none },
      { ear99: true, hs: lists.supp5[300], minUnitValue: 300 },
      { ear99: true, hs: lists.supp5[5000], minUnitValue: 5000 },
      { ear99: true, hs: lists.supp5[50000], minUnitValue: 50000 },
    ],
    destinations: [{ country: RU_BY }],
    decision: 'license-required',
    review: RU_BY_REVIEW,
    exceptions: RU_BY_EXCEPTIONS,
    effective: '2022-03-11',
    notes: `125 codes apply only to items "valued at $N or greater per unit wholesale price in the U.S." ($300: ${lists.supp5[300].length} codes, $5,000: ${lists.supp5[5000].length}, $50,000: ${lists.supp5[50000].length}); give the item's unit value (USD, wholesale price in the U.S.) to settle them. The luxury goods controls began on 2022-03-11 (87 FR 14785, then 746.10) for Russia and Belarus alike. ${PARTS_NOTE} ${NO_DATE_ADDED}`,
  });

  const supp6 = lists.supp6;
  const supp6Common = { destinations: [{ country: RU_BY }], decision: 'license-required', review: RU_BY_REVIEW, exceptions: RU_BY_EXCEPTIONS, effective: '2022-09-15' };
  const supp6Note = 'Supplement no. 6 was added by 87 FR 57068 (effective 2022-09-15) for Russia and Belarus and has grown since. It does not include any item that meets the definition of "medicine" in 772.1.';
  const casNote =
    'The item must also have a tariff code in the chapters where such chemicals are classified (data/reference/part746-hs-guards.json, supp6_chemicals), so that an item checked without a CAS number is caught only when it could be one of them; give the CAS number to settle it.';
  out.push(
    {
      id: 'ru-by-supp6-chemicals-95',
      title: 'Chemicals of supplement no. 6 paragraph (a) to Russia and Belarus - licence at 95% weight or greater',
      citation: '15 CFR 746.8(a)(6); Supp. No. 6 to part 746, paragraph (a)',
      items: [{ ear99: true, hs: lists.supp6Chemicals, cas: supp6.a }],
      condition: 'Supplement no. 6 paragraph (a) lists these chemicals in concentrations of 95% weight or greater; a lower concentration is not covered by this paragraph.',
      ...supp6Common,
      notes: `${supp6Note} Butyrylcholinesterase ((a)(19)) has no CAS number: ru-by-supp6-described. ${casNote}`,
    },
    {
      id: 'ru-by-supp6-chemicals-90',
      title: 'Chemicals of supplement no. 6 paragraph (b) to Russia and Belarus - licence at 90% weight or greater',
      citation: '15 CFR 746.8(a)(6); Supp. No. 6 to part 746, paragraph (b)',
      items: [{ ear99: true, hs: lists.supp6Chemicals, cas: supp6.b }],
      condition: 'Supplement no. 6 paragraph (b) lists these chemicals in concentrations of 90% weight or greater; a lower concentration is not covered by this paragraph.',
      ...supp6Common,
      notes: `${supp6Note} ${casNote}`,
    },
    {
      id: 'ru-by-supp6-cns-precursors',
      title: 'Precursors of central nervous system acting chemicals (supplement no. 6 paragraph (d)) to Russia and Belarus',
      citation: '15 CFR 746.8(a)(6); Supp. No. 6 to part 746, paragraph (d)',
      items: [{ ear99: true, hs: lists.supp6Chemicals, cas: supp6.d }],
      condition: 'Paragraph (d) does not control chemical mixtures in which no listed chemical is more than 1% by weight, nor consumer goods packaged for retail sale for personal use or packaged for individual use (notes 4 and 5 to paragraph (d)).',
      ...supp6Common,
      notes: `${supp6Note} ${casNote}`,
    },
    {
      id: 'ru-by-supp6-riot-control',
      title: 'Riot control agents and their precursors (supplement no. 6 paragraphs (h) and (i)) to Russia and Belarus',
      citation: '15 CFR 746.8(a)(6); Supp. No. 6 to part 746, paragraphs (h), (i)',
      items: [{ ear99: true, hs: lists.supp6Chemicals, cas: [...supp6.h, ...supp6.i].sort() }],
      ...supp6Common,
      notes: `${supp6Note} Paragraph (h) names CS, CN and Oleoresin Capsicum by CAS number before listing their isomers; all are listed here (CS itself is usually 1C607, a CCL item under ru-by-all-ccl). ${casNote}`,
    },
    {
      id: 'ru-by-supp6-described',
      title: 'Items supplement no. 6 describes in words (biologics, chemical and biological equipment, quantum and advanced manufacturing) to Russia and Belarus',
      citation: '15 CFR 746.8(a)(6); Supp. No. 6 to part 746, paragraphs (a)(19), (c), (e), (f), (g)',
      items: [{ ear99: true, hs: lists.supp6Described }],
      condition:
        'A licence is required if the item is one supplement no. 6 describes in words: butyrylcholinesterase ((a)(19), (e)(1)); fentanyl, its listed derivatives and their salts ((c), not consumer goods packaged for retail sale); cell culture materials, assay kits and reagents, isolated nucleotides, amino acids, peptides and proteins, and synthesis reagents and resins ((e)); reaction vessels, pumps, valves, tanks, vacuum pumps over 1 m3/h, laboratory analysis equipment, chlor-alkali cells, chlorine compressors, biosafety cabinets, fume hoods, respirators, clean rooms, microwave reactors, well plates, fermenters, centrifuges, filtration equipment, nucleic acid and peptide synthesizers, PCR instruments, liquid-handling robots, chromatography and spectrometry parts, sequencers, aerosol testing, flow cytometry, sonicators and continuous flow reactors ((f)); quantum computers and their parts, cryogenic systems below 1.1 K, ultra-high vacuum pumps and gauges, high quantum-efficiency photodetectors, metal, energetic-material and vat-photopolymerisation additive manufacturing equipment and metal powders for it, electron and scanning probe microscopes, decapsulation equipment, and the software and technology for them ((g)). Read the paragraph for the limits it states.',
      ...supp6Common,
      notes: `${supp6Note} The headings (data/reference/part746-hs-guards.json, supp6_described, derived by this project) are those where such items can be classified; an EAR99 item outside them cannot be one, and most of them are also in supplement no. 4 (licence without condition). Software and technology have no tariff code: checked without an HS code, they get this condition.`,
    },
  );

  // The foreign direct product rule's reach to supplements no. 6 and 7 (EAR99 items made abroad).
  const fdpDestinations = [{ country: [...RU_BY, ...CRIMEA] }];
  out.push(
    {
      id: 'ru-by-crimea-fdp-supp7',
      title: 'Foreign-made items of supplement no. 7 that are direct products of U.S. D or E software or technology, to Russia, Belarus or Crimea',
      citation: '15 CFR 734.9(f); 15 CFR 746.8(a)(2); 15 CFR 746.6(a)(1)(ii); Supp. No. 7 to part 746',
      items: [{ origin: 'foreign', hs: lists.supp7, directProductOf: ALL_DE }],
      destinations: fdpDestinations,
      decision: 'license-required',
      review: RU_BY_REVIEW,
      exceptions: RU_BY_EXCEPTIONS,
      effective: '2023-02-24',
      notes: `The FDP rule reaches items specified in supplement no. 7 since 88 FR 12150 (effective 2023-02-24). Items in an ECCN: ru-by-crimea-fdp. Exports from the supplement no. 3 countries are excluded; rules decide by destination only, so that exclusion is not applied. ${NO_DATE_ADDED}`,
    },
    {
      id: 'ru-by-crimea-fdp-supp6',
      title: 'Foreign-made items of supplement no. 6 that are direct products of U.S. D or E software or technology, to Russia, Belarus or Crimea',
      citation: '15 CFR 734.9(f); 15 CFR 746.8(a)(2); 15 CFR 746.6(a)(1)(ii); Supp. No. 6 to part 746',
      items: [
        { origin: 'foreign', hs: lists.supp6Chemicals, cas: Object.values(supp6).flat().sort(), directProductOf: ALL_DE },
        { origin: 'foreign', hs: lists.supp6Described, directProductOf: ALL_DE },
      ],
      destinations: fdpDestinations,
      condition: 'The item must be one supplement no. 6 specifies: for the chemicals of paragraphs (a), (b) and (d), at the concentration and in the form stated there; for paragraphs (c), (e), (f) and (g), as described there.',
      decision: 'license-required',
      review: RU_BY_REVIEW,
      exceptions: RU_BY_EXCEPTIONS,
      effective: '2022-09-15',
      notes: 'Dated from the creation of supplement no. 6 (87 FR 57068, 2022-09-15). Exports from the supplement no. 3 countries are excluded; rules decide by destination only, so that exclusion is not applied.',
    },
  );
  return out;
}

// --- YAML output --------------------------------------------------------------------------

const WIDTH = 100;
const quote = (s) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar
const dottedHs = (code) => (code.length === 6 && /^\d+$/.test(code) ? `${code.slice(0, 4)}.${code.slice(4)}` : code);
const KEY_ORDER = ['ear99', 'ccl', 'origin', 'eccn', 'hs', 'cas', 'minUnitValue', 'directProductOf', 'country'];

function scalar(v, key) {
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (key === 'hs') return quote(dottedHs(v));
  if (key === 'eccn' || key === 'country' || key === 'exceptions') return /^[A-Z0-9:-]+$/.test(v) && !/^\d+E\d+$/i.test(v) ? v : quote(v);
  return quote(v);
}

/** `prefix[a, b, c]` wrapped at WIDTH, continuation lines aligned after the bracket. */
function flowList(prefix, values, key) {
  const items = values.map((v) => scalar(v, key));
  const lines = [];
  let line = `${prefix}[`;
  const cont = ' '.repeat(line.length);
  items.forEach((item, i) => {
    const piece = item + (i < items.length - 1 ? ',' : ']');
    if (line.length + piece.length + 1 > WIDTH && !line.endsWith('[')) {
      lines.push(line.trimEnd());
      line = cont;
    }
    line += (line.endsWith('[') || line === cont ? '' : ' ') + piece;
  });
  if (items.length === 0) line += ']';
  lines.push(line);
  return lines;
}

/** A string YAML reads back as itself without quotes (no indicator, no ": " or " #"). */
const plain = (s) => /^[A-Za-z0-9(][^\n]*$/.test(s) && !/: | #|:$|\s$/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) && !/^[\d.+-]+$/.test(s);

function folded(indent, key, text) {
  const pad = ' '.repeat(indent);
  const one = `${pad}${key}: ${plain(text) ? text : quote(text)}`;
  if (one.length <= WIDTH) return [one];
  const lines = [`${pad}${key}: >-`];
  let line = `${pad}  `;
  for (const word of text.split(/\s+/)) {
    if (line.trim().length && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${pad}  `;
    }
    line += (line.trim().length ? ' ' : '') + word;
  }
  lines.push(line);
  return lines;
}

/** A selector: inline when short, else a block mapping under "- ". */
function selector(indent, s) {
  const keys = Object.keys(s).sort((a, b) => KEY_ORDER.indexOf(a) - KEY_ORDER.indexOf(b));
  if (keys.some((k) => !KEY_ORDER.includes(k))) fail(`unknown selector key in ${JSON.stringify(s)}`);
  const inline = `${' '.repeat(indent)}- { ${keys.map((k) => `${k}: ${Array.isArray(s[k]) ? `[${s[k].map((v) => scalar(v, k)).join(', ')}]` : scalar(s[k], k)}`).join(', ')} }`;
  if (inline.length <= WIDTH) return [inline];
  const out = [];
  keys.forEach((k, i) => {
    const prefix = `${' '.repeat(indent)}${i === 0 ? '- ' : '  '}${k}: `;
    out.push(...(Array.isArray(s[k]) ? flowList(prefix, s[k], k) : [`${prefix}${scalar(s[k], k)}`]));
  });
  return out;
}

function ruleLines(r) {
  const out = [`  - id: ${r.id}`, ...folded(4, 'title', r.title), ...folded(4, 'citation', r.citation)];
  out.push('    when:', '      items:');
  for (const s of r.items) out.push(...selector(8, s));
  out.push('      destinations:');
  for (const s of r.destinations) out.push(...selector(8, s));
  if (r.except) {
    out.push('      except:', '        items:');
    for (const s of r.except) out.push(...selector(10, s));
  }
  out.push(`    decision: ${r.decision}`);
  if (r.authority) out.push(...folded(4, 'authority', r.authority));
  if (r.condition) out.push(...folded(4, 'condition', r.condition));
  out.push(...folded(4, 'review', r.review));
  if (r.exceptions.length) out.push(...flowList('    exceptions: ', r.exceptions, 'exceptions'));
  if (r.effective) out.push(`    effective: ${r.effective}`);
  if (r.expires) out.push(`    expires: ${r.expires}`);
  out.push(...folded(4, 'notes', r.notes));
  return out;
}

const HEADER = `# GENERATED by scripts/build-part746-rules.mjs from data/reference/ (part746-supplements.json,
# part746-hs-guards.json, ear-definitions-772.json). Do not edit by hand: change the data or the
# script and run \`npm run pack:build\`; a test fails when this file and the script disagree.
#
# The item lists of 15 CFR part 746, and the EAR99 halves of the embargoes that except food and
# medicine. Data: eCFR as of 2026-09-24. Reference only, not legal advice.
#
# - Supplements no. 2 (746.8(a)(4)), 4 ((a)(5)), 5 ((a)(7)), 6 ((a)(6)) and 7 (746.6, 746.7,
#   746.8(a)(2)): one rule per paragraph and date, each with the whole list. HTS-8 and HTS-10
#   codes beginning with a listed HTS-6 code are covered. An item checked without an HS code
#   (or CAS number, or unit value) gets the conservative answer with the list named.
# - Food and medicine (772.1) and OFAC's general licences for Iran are defined by what an item
#   is, not by tariff code: EAR99 items in the headings where they can be classified get a
#   licence requirement on that condition; all other EAR99 items get it without condition.
#   The headings are in data/reference/part746-hs-guards.json (derived by this project).
# - The CCL halves, review policies in full and the 2022 history are in ear-embargoes.ecr.yaml
#   and ear-russia-belarus.ecr.yaml; the tests of these rules are there too.
`;

/** The rule file (text) the script makes of the reference data in `referenceDir`. */
export function buildPart746Rules(referenceDir) {
  const lists = part746Lists(referenceDir);
  const lines = [
    HEADER.trimEnd(),
    '',
    'ruleset: us-ear-part746-item-lists',
    'title: Item lists of 15 CFR part 746 and EAR99 food and medicine (generated)',
    'jurisdiction: US-EAR',
    `asOf: ${AS_OF}`,
    ...folded(0, 'description', 'Supplements no. 2, 4, 5, 6 and 7 to part 746 by HTS-6 code and CAS number, and the EAR99 items of the embargoes of North Korea, Syria, Crimea and the covered regions of Ukraine and of Iran (OFAC), generated from the reference data (eCFR as of 2026-09-24). Reference only, not legal advice.'),
    '',
    'rules:',
  ];
  rules(lists).forEach((r, i) => {
    if (i) lines.push('');
    lines.push(...ruleLines(r));
  });
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--copy-from');
  const referenceDir = path.join(ROOT, 'data/reference');
  if (at > 0) {
    const from = process.argv[at + 1];
    if (!from) fail('--copy-from needs a folder (../shared/reference)');
    copyFileSync(path.join(from, 'part746-supplements.json'), path.join(referenceDir, 'part746-supplements.json'));
    console.log(`copied part746-supplements.json from ${from}`);
  }
  const text = buildPart746Rules(referenceDir);
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${path.relative(ROOT, OUTPUT)} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB)`);
}
