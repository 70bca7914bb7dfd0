// The regulatory reading behind the generated CCL rules (scripts/build-ccl-rules.mjs): what each
// destination requirement the reference data writes in words means, as a destination scope.
//
// Every wording of the data must match exactly one entry here, or the build fails: a data update
// cannot silently drop a control. Each entry either makes rules (`scope`) or names the rule of
// another pack file that already applies it (`coveredBy`: the part 746 programmes, which the pack
// keeps in ear-embargoes.ecr.yaml and ear-russia-belarus.ecr.yaml). `probes` are destinations
// the control reaches (`to`) and, for scopes that leave some out, ones it does not (`not`); the
// coverage test checks them with the engine against the whole pack.
//
// Conservative by design: a scope the data does not pin down (the States Parties of the Chemical
// Weapons Convention, a party on the Entity List, the short-supply destinations of part 754) is
// read as every destination, with the words as the rule's `condition` so that the answer says
// what it depends on.

/** Destination scopes: `destinations` of a rule, with a phrase for titles and comments. */
export const SCOPES = {
  any: { destinations: [{ any: true }], phrase: 'every destination, Canada included' },
  notCanada: { destinations: [{ regime: 'all-except-canada' }], phrase: 'every destination except Canada' },
  notIsraelTaiwan: { destinations: [{ regime: 'all-except-israel-taiwan' }], phrase: 'every destination except Israel and Taiwan' },
  macauD5: { destinations: [{ regime: 'macau-or-d5' }], phrase: 'Macau and Country Group D:5' },
  uaeD1D4D5: {
    destinations: [{ regime: 'uae-or-d1-d4-d5-not-a5-a6' }],
    phrase: 'the UAE and Country Groups D:1, D:4, D:5 less A:5 and A:6',
  },
  chinaRussiaVenezuela: { destinations: [{ regime: 'china-russia-venezuela' }], phrase: 'China, Russia and Venezuela' },
  pakistan: { destinations: [{ country: 'PK' }], phrase: 'Pakistan' },
  chartMT1: { destinations: [{ chart: 'MT1' }], phrase: 'every destination with an X in MT column 1' },
  chartNP1: { destinations: [{ chart: 'NP1' }], phrase: 'every destination with an X in NP column 1' },
};

/**
 * The regimes the generated file defines (ids are workspace-wide: these avoid the pack's
 * crimea, ukraine-covered-regions, crimea-covered-regions, un-arms-embargoes, russia-belarus and
 * gecc-partners). Footnote regimes are added by the build from the chart rows that carry them.
 */
export const REGIMES = [
  {
    id: 'all-except-canada',
    title: 'Every destination except Canada',
    description: 'For controls that require a licence to all destinations except Canada: EI (742.15(a)(1)), CC (742.7(a)(5)), SI (742.14(a)).',
    include: [{ any: true }],
    exclude: [{ country: 'CA' }],
  },
  {
    id: 'all-except-israel-taiwan',
    title: 'Every destination except Israel and Taiwan',
    description:
      'CW controls of 1E355 reach CWC non-States Parties except Israel and Taiwan; the list of States Parties (supplement no. 2 to part 745) is not in the reference data, so every other destination is included.',
    include: [{ any: true }],
    exclude: [{ country: ['IL', 'TW'] }],
  },
  {
    id: 'macau-or-d5',
    title: 'Macau or a destination in Country Group D:5',
    description: '742.4(a)(4), 742.6(a)(6)(i) and (a)(12)-(13): "to or within Macau or a destination specified in Country Group D:5".',
    countries: ['MO'],
    include: [{ countryGroup: 'D:5' }],
  },
  {
    id: 'd1-d4-d5-not-a5-a6',
    title: 'Country Groups D:1, D:4 and D:5, less destinations also in A:5 or A:6',
    description: 'The Country Group part of 742.6(a)(6)(iii)(B); the UAE is added by uae-or-d1-d4-d5-not-a5-a6.',
    include: [{ countryGroup: ['D:1', 'D:4', 'D:5'] }],
    exclude: [{ countryGroup: ['A:5', 'A:6'] }],
  },
  {
    id: 'uae-or-d1-d4-d5-not-a5-a6',
    title: 'The UAE, or Country Groups D:1, D:4 and D:5 less A:5 and A:6',
    description:
      '742.6(a)(6)(iii)(B). The UAE is named on its own (it is in A:5, so a single regime with that exclusion would drop it). No licence is needed when the ultimate consignee and all end users are approved UAE entities of supplement no. 8 to part 740: a party condition the format cannot test.',
    include: [{ country: 'AE' }, { regime: 'd1-d4-d5-not-a5-a6' }],
  },
  {
    id: 'china-russia-venezuela',
    title: 'China, Russia and Venezuela (742.6(a)(7))',
    description: 'Hong Kong is listed with China: it has been treated as part of China for EAR purposes since December 2020. Macau is not China under the EAR.',
    countries: ['CN', 'HK', 'RU', 'VE'],
  },
];

/** Licence exceptions of the advanced-computing and semiconductor controls (part 740). */
const ADVANCED_EXCEPTIONS = ['AIA', 'ACM', 'LPP', 'HBM', 'NAC', 'ACA', 'IEC'];

const CITE = (m) => `15 CFR ${m[1]}`;

/**
 * Requirement wordings of licence table rows without a chart column (catalog `controls[].requirement`,
 * or the row text when the text is the requirement). Matched on the whole text.
 */
export const WORDINGS = [
  {
    id: 'ns-worldwide',
    match: /^Worldwide control\. See § (742\.4\(a\)\(5\)) and \(b\)\(10\) of the EAR\.$/,
    scope: 'any',
    cite: CITE,
    review: 'Licensing policy of 15 CFR 742.4(b)(10)',
    exceptionsFrom: ADVANCED_EXCEPTIONS,
    probes: { to: ['CA', 'DE'] },
  },
  {
    id: 'rs-worldwide',
    match: /^Worldwide control\. See § (742\.6\(a\)\(10\)) and \(b\)\(11\) of the EAR\.$/,
    scope: 'any',
    cite: CITE,
    review: 'Licensing policy of 15 CFR 742.6(b)(11)',
    exceptionsFrom: ADVANCED_EXCEPTIONS,
    probes: { to: ['CA', 'DE'] },
  },
  {
    id: 'rs-advanced-worldwide',
    match: /^To or within any destination worldwide[.,] [Ss]ee § (742\.6\(a\)\(6\)\(iii\)\(A\)|742\.6\(a\)\(13\))(?: of the EAR)?\.$/,
    scope: 'any',
    cite: CITE,
    review: 'Licensing policy of 15 CFR 742.6(b)',
    exceptionsFrom: ADVANCED_EXCEPTIONS,
    notes: 'Deemed exports and reexports are outside this requirement (742.6(a)(6)(iv), (a)(13)); the format cannot tell them apart.',
    probes: { to: ['CA', 'JP'] },
  },
  {
    id: 'rs-advanced-uae-d1-d4-d5',
    match:
      /^To or within the United Arab Emirates or destinations specified in Country Groups D:1, D:4, and D:5 of supplement no\. 1 to part 740 of the EAR, excluding any destination also specified in Country Groups A:5 or A:6\. See § (742\.6\(a\)\(6\)\(iii\)\(B\)) of the EAR\.$/,
    scope: 'uaeD1D4D5',
    cite: CITE,
    review: 'Licensing policy of 15 CFR 742.6(b)',
    exceptionsFrom: ADVANCED_EXCEPTIONS,
    notes: 'No licence is needed when the ultimate consignee and all end users are approved UAE entities listed in supplement no. 8 to part 740 (742.6(a)(6)(iii)(B)); the format cannot test parties.',
    probes: { to: ['AE', 'CN', 'VN'], not: ['DE', 'CA'] },
  },
  {
    id: 'macau-d5',
    match:
      /^To or within Macau or a destination specified in Country Group D:5 of supplement no\. 1 to part 740 of the EAR\. See § (742\.4\(a\)\(4\)|742\.6\(a\)\((?:6|12|13)\)(?:\(i\))?(?:\(B\))?) of the EAR\.$/,
    scope: 'macauD5',
    cite: CITE,
    review: (m) => `Licensing policy of 15 CFR ${m[1].startsWith('742.4') ? '742.4(b)' : '742.6(b)'}`,
    exceptionsFrom: ADVANCED_EXCEPTIONS,
    probes: { to: ['MO', 'CN'], not: ['DE', 'IN'] },
  },
  {
    id: 'rs-china-russia-venezuela',
    match: /^China, Russia,? or Venezuela \(see § (742\.6\(a\)\(7\))\)\.?$/,
    scope: 'chinaRussiaVenezuela',
    cite: CITE,
    review: 'Licensing policy of 15 CFR 742.6(b)',
    notes: 'Exports or reexports to Russia for use in, with or for the International Space Station are excluded (742.6(a)(7)); the format cannot test that end use.',
    probes: { to: ['CN', 'VE'], not: ['DE'] },
  },
  {
    id: 'rs-entity-list-footnote-5',
    match: /^See § (742\.6\(a\)\(11\)) of the EAR\.$/,
    scope: 'any',
    cite: CITE,
    review: 'Licensing policy of 15 CFR 742.6(b)',
    condition:
      'only to a Footnote 5 designated entity on the Entity List (supplement no. 4 to part 744) when the item is not subject to the EAR under 734.4(a)(9) or 734.9(e)(3) (742.6(a)(11)); the rule files name no parties',
    probes: { to: ['CN', 'DE'] },
  },
  {
    id: 'rs-pakistan',
    match:
      /^A license is required for items controlled by this entry(?:, other than (\d[A-E]\d{3}(?:\.[a-z0-9]+)+),)? for export or reexport to Pakistan or transfer within Pakistan for regional stability reasons\. The Commerce Country Chart is not designed to determine RS license requirements for this entry\. See § (742\.6\(a\)\(12\)) of the EAR for additional information\.$/,
    scope: 'pakistan',
    cite: (m) => `15 CFR ${m[2]}`,
    except: (m) => (m[1] ? [m[1]] : []),
    review: 'Licensing policy of 15 CFR 742.6(b)',
    probes: { to: ['PK'], not: ['IN'] },
  },
  {
    id: 'rs-iraq-or-pakistan',
    match:
      /^A license is required for items controlled by this entry for export or reexport to Iraq or Pakistan or transfer within Iraq or Pakistan for regional stability reasons\. The Commerce Country Chart is not designed to determine RS license requirements for this entry\. See §§ (742\.6) and (746\.3) of the EAR for additional information\.$/,
    scope: 'pakistan',
    cite: () => '15 CFR 742.6(a)(12)',
    review: 'Licensing policy of 15 CFR 742.6(b)',
    notes: 'Iraq is covered by the pack rule iraq-ccl-reasons (746.3).',
    coveredBy: [{ rule: 'iraq-ccl-reasons', to: 'IQ' }],
    probes: { to: ['PK'], not: ['IN'] },
  },
  {
    id: 'rs-iraq',
    match:
      /^A license is required for items controlled by this entry for export or reexport to Iraq (?:or|and) transfer within Iraq for regional stability reasons\. The Commerce Country Chart is not designed to determine RS license requirements for this entry\. See §§ 742\.6 and 746\.3 of the EAR for additional information\.$/,
    coveredBy: [{ rule: 'iraq-ccl-reasons', to: 'IQ' }],
  },
  {
    id: 'at-north-korea',
    match:
      /^A license is required for (?:items controlled by (?:this entry|paragraph \.c of this entry) to North Korea for anti-terrorism reasons\. The Commerce Country Chart is not designed to determine AT licens(?:e|ing) requirements for this entry\. See § 742\.19 of the EAR for additional information\.|export or reexport of these items to North Korea for anti-terrorism reasons)$/,
    coveredBy: [{ rule: 'north-korea-ccl-items', to: 'KP' }],
  },
  {
    id: 'un-746-1b',
    // "764.1(b)" (0A617) is a misprint of 746.1(b) in the source text.
    match: /^See § (?:746|764)\.1(?:\(b\))?(?: of the EAR)? for UN controls\.?$/,
    coveredBy: [{ rule: 'un-arms-embargo', to: 'LB' }],
  },
  {
    id: 'russia-belarus-746-8',
    match: /^See § 746\.8 for specific license requirements and license review policy\.$/,
    coveredBy: [{ rule: 'ru-by-all-ccl', to: 'RU', date: '2024-06-01' }],
  },
  {
    id: 'ei-742-15',
    match: /^Refer to § (742\.15) of the EAR\.(?: Note: Encryption software is controlled because of its functional capacity, .*)?$/s,
    scope: 'notCanada',
    cite: () => '15 CFR 742.15(a)(1)',
    review: 'Case-by-case review (15 CFR 742.15(a)(2))',
    exceptionsFrom: ['ENC'],
    probes: { to: ['GB', 'AU', 'DE'], not: ['CA'] },
  },
  {
    id: 'cc-all-but-canada',
    match:
      /^(?:CC applies to “technology” for items controlled by 0A982 or 0A503\. )?A license is required for ALL destinations, except Canada, regardless of end use\. Accordingly, a column specific to this control does not appear on the Commerce Country Chart\. \(See part 742 of the EAR for additional information\.?\)$/,
    scope: 'notCanada',
    cite: () => '15 CFR 742.7(a)(5)',
    review: 'Licensing policy of 15 CFR 742.7(b)',
    probes: { to: ['GB', 'DE'], not: ['CA'] },
  },
  {
    id: 'sl-742-13',
    match:
      /^A license is required for all destinations, as specified in § (742\.13) of the EAR\. Accordingly, a column specific to this control does not appear on the Commerce Country Chart \(Supplement No\. 1 to Part 738 of the EAR\)\.(?: Note to SL paragraph: .*)?$/s,
    scope: 'any',
    cite: () => '15 CFR 742.13(a)',
    review: 'Licensing policy of 15 CFR 742.13(b)',
    probes: { to: ['CA', 'GB'] },
  },
  {
    id: 'si-742-14',
    match: /^See § (742\.14) of the EAR for additional information\.$/,
    scope: 'notCanada',
    cite: () => '15 CFR 742.14(a)',
    review: 'Case-by-case review (15 CFR 742.14(b))',
    notes:
      'The text of 742.14 is not in the reference data; its paragraph (a) requires a licence for items with an SI reason to all destinations except Canada.',
    probes: { to: ['GB', 'FR'], not: ['CA'] },
  },
  {
    id: 'cw-1e355',
    match:
      /^CW applies to entire entry\. A license is required for CW reasons to CWC non-States Parties \(destinations not listed in Supplement No\. 2 to part 745\), except for Israel and Taiwan\. See § (742\.18) of the EAR\. The Commerce Country Chart is not designed to determine licensing requirements for items controlled for CW reasons$/,
    scope: 'notIsraelTaiwan',
    cite: () => '15 CFR 742.18',
    review: 'Licensing policy of 15 CFR 742.18(b)',
    condition:
      'only to States not Party to the Chemical Weapons Convention (destinations not listed in supplement no. 2 to part 745); the list of States Parties is not in the reference data, so every destination but Israel and Taiwan is taken to need a licence',
    probes: { to: ['EG', 'DE'], not: ['IL', 'TW'] },
  },
  {
    id: 'mt-1d018',
    // The row's text is its requirement: MT with no column in the data; MT column 1 is the MT column.
    match: /^MT applies to “software” for the “development”, “production”, operation, or maintenance of items controlled by 1B018 for MT reasons$/,
    scope: 'chartMT1',
    cite: () => '15 CFR 742.5(a)(1)',
    review: 'Licensing policy of 15 CFR 742.5(b)',
    notes: 'The licence table names no chart column for this MT row; MT column 1 (742.5(a)(1)) is assumed.',
    probes: { to: ['BR'], not: ['GB'] },
  },
  {
    id: 'np-not-stated',
    // 4A001: "NP applies, unless a License Exception is available ..." with "N/A." as its column.
    match: /^N\/A\.$/,
    scope: 'chartNP1',
    cite: () => '15 CFR 742.3(a)(1)',
    review: 'Licensing policy of 15 CFR 742.3(b)',
    condition: 'the licence table gives "N/A." as the destinations of this NP control; NP column 1 (742.3(a)(1)) is assumed until the entry is checked',
    probes: { to: ['IN'], not: ['DE'] },
  },
];

/**
 * Rows whose text restates the entry's heading: the words narrow nothing, so the control
 * applies to the whole entry without a condition.
 */
export const SCOPE_IS_HEADING = {
  '0E982': 'the row says “technology” for items controlled by 0A982 or 0A503, which is what the heading of 0E982 says',
};

/**
 * `special_license_requirement` notes of eccns.json, by exact text: for each reason they state,
 * a scope (rules) or the pack rule that covers it. `sameAsRow` reasons are the requirement of a
 * licence table row of the same entry, generated from the row.
 */
export const SPECIALS = [
  {
    text: 'License required to all destinations except Canada (742.7(a)(5)); no Country Chart column.',
    reasons: {
      CC: { scope: 'notCanada', cite: '15 CFR 742.7(a)(5)', review: 'Licensing policy of 15 CFR 742.7(b)', probes: { to: ['GB', 'DE'], not: ['CA'] } },
    },
  },
  {
    text: 'License required to all destinations including Australia, Canada and the United Kingdom (742.7(a)(4)).',
    reasons: {
      CC: { scope: 'any', cite: '15 CFR 742.7(a)(4)', review: 'Licensing policy of 15 CFR 742.7(b)', probes: { to: ['CA', 'AU', 'GB'] } },
    },
  },
  {
    text: 'License required to all destinations including Australia, Canada and the United Kingdom; no licence exceptions; applications generally denied (738.3(a)(1), 742.11).',
    reasons: {
      CC: {
        scope: 'any',
        cite: '15 CFR 742.11; 15 CFR 738.3(a)(1)',
        review: 'Applications generally denied (15 CFR 742.11); no licence exceptions (738.3(a)(1))',
        probes: { to: ['CA', 'GB'] },
      },
    },
  },
  {
    text: 'SS (short supply): the Country Chart does not apply; see part 754 (742.1(b)(1)).',
    reasons: {
      SS: {
        scope: 'any',
        cite: '15 CFR part 754; 15 CFR 742.1(b)(1)',
        review: 'Licensing policy of 15 CFR part 754',
        condition:
          'as 15 CFR part 754 (short supply) sets the destinations, items and exceptions of this control; part 754 is not in the reference data, so every destination is taken to need a licence',
        probes: { to: ['CA', 'DE'] },
      },
    },
  },
  {
    text: 'AT control stated in the entry text instead of a chart column; § 742.19(a)(1) names this ECCN among those needing a licence to North Korea. Check the entry for any other destination.',
    reasons: { AT: { coveredBy: [{ rule: 'north-korea-ccl-items', to: 'KP' }] } },
  },
  {
    text: 'AT control stated in the entry text instead of a chart column: licence required to Iran and North Korea for anti-terrorism reasons (§ 742.8(a)(1) and § 742.19(a)(1) name this ECCN; parseB shows the entry text for 2E994 saying the Country Chart is not designed for this entry).',
    reasons: {
      AT: {
        coveredBy: [
          { rule: 'iran-ccl-items', to: 'IR' },
          { rule: 'north-korea-ccl-items', to: 'KP' },
        ],
      },
    },
  },
  {
    text: 'CW control (§ 742.18): licences needed for Schedule 2 chemicals to States not Party to the CWC, and for Schedule 3 chemicals to States not Party unless an End-Use Certificate is obtained; AT: § 742.8(a)(1) names 1C355 for Iran. No chart column for CW.',
    reasons: {
      CW: {
        scope: 'any',
        cite: '15 CFR 742.18',
        review: 'Licensing policy of 15 CFR 742.18(b)',
        condition:
          'only to States not Party to the Chemical Weapons Convention (Schedule 3 chemicals: unless an End-Use Certificate is obtained); the list of States Parties (supplement no. 2 to part 745) is not in the reference data, so every destination is taken to need a licence',
        probes: { to: ['EG', 'DE', 'CA'] },
      },
      AT: { coveredBy: [{ rule: 'iran-ccl-items', to: 'IR' }] },
    },
  },
  {
    text: 'CB/CW: licence required to States not Party to the CWC (destinations not in supplement no. 2 to part 745) for mixtures in 1C395.a and test kits in 1C395.b (§ 742.2(a)(4), § 742.18); AT: § 742.8(a)(1) names 1C395 for Iran.',
    reasons: {
      CB: {
        scope: 'any',
        items: ['1C395.a', '1C395.b'],
        cite: '15 CFR 742.2(a)(4); 15 CFR 742.18',
        review: 'Licensing policy of 15 CFR 742.2(b) and 742.18(b)',
        condition:
          'only to States not Party to the Chemical Weapons Convention (destinations not in supplement no. 2 to part 745); that list is not in the reference data, so every destination is taken to need a licence',
        probes: { to: ['EG', 'DE'] },
      },
      CW: { sameAs: 'CB' },
      AT: { coveredBy: [{ rule: 'iran-ccl-items', to: 'IR' }] },
    },
  },
  {
    text: 'SL: licence required to all destinations including Australia, Canada and the United Kingdom (742.13(a)); only GOV may apply (738.3(a)(1)).',
    reasons: {
      SL: { scope: 'any', cite: '15 CFR 742.13(a)', review: 'Licensing policy of 15 CFR 742.13(b)', exceptions: ['GOV'], probes: { to: ['CA', 'GB'] } },
    },
  },
  {
    text: 'SL: licence required to all destinations including Australia, Canada and the United Kingdom (742.13(a)); no licence exceptions (738.3(a)(1)).',
    reasons: {
      SL: { scope: 'any', cite: '15 CFR 742.13(a)', review: 'Licensing policy of 15 CFR 742.13(b); no licence exceptions (738.3(a)(1))', probes: { to: ['CA', 'GB'] } },
    },
  },
];

/**
 * Reasons the entry names without any licence table row for them and without a special note
 * (catalog rows "XX (no licence table row in the data ...)"). AT: the AT destinations (Iran,
 * North Korea, Syria, Cuba) carry no X on the chart; the part 746 rules of the pack cover them.
 */
export const NO_ROW = {
  AT: { coveredBy: [{ rule: 'north-korea-ccl-items', to: 'KP' }] },
  CW: {
    scope: 'any',
    cite: '15 CFR 742.18',
    review: 'Licensing policy of 15 CFR 742.18(b)',
    condition:
      'CW (742.18): only to States not Party to the Chemical Weapons Convention, for the items the entry names; neither the entry\'s CW row nor the list of States Parties (supplement no. 2 to part 745) is in the reference data, so every destination is taken to need a licence',
    probes: { to: ['EG', 'DE'] },
  },
  RS: {
    byEccn: {
      '6A992': { coveredBy: [{ rule: 'iraq-ccl-reasons', to: 'IQ' }], why: '746.3 names 6A992 (Iraq)' },
      '3A232': {
        scope: 'any',
        cite: '15 CFR 742.6',
        review: 'Licensing policy of 15 CFR 742.6(b)',
        condition:
          'the reference data lists RS among the reasons for control of 3A232 but gives no licence table row for it (a doubtful reading, see the data README), so its destinations are unknown; every destination is taken to need a licence until the eCFR entry is checked',
        probes: { to: ['DE', 'CA'] },
      },
    },
  },
};

/**
 * Country Chart footnotes (country-chart.json), by number and exact text. `rules` are written by
 * hand from the footnote text (items and conditions), for the chart rows that carry the footnote;
 * `pointer` footnotes state no requirement of their own and say where it is applied.
 */
export const FOOTNOTES = {
  1: {
    text: 'See § 746.1(b) for United Nations Security Council Sanctions under the EAR. See § 746.3 for United Nations Security Council-related license requirements for exports and reexports to Iraq or transfer within Iraq under the EAR, as well as regional stability licensing requirements not included in the Country Chart.',
    pointer: 'a pointer to part 746, applied by the pack rules un-arms-embargo (746.1(b)) and iraq-ccl-reasons (746.3)',
  },
  2: {
    text: 'See § 742.4(a) for special provisions that apply to exports and reexports to these countries of certain thermal imaging cameras.',
    rules: [
      {
        id: 'fn2-thermal-cameras',
        title: 'Chart footnote 2 - thermal imaging cameras (6A003.b.4): special provisions of 742.4(a)',
        items: [{ eccn: ['6A003.b.4'] }],
        reasons: ['NS'],
        cite: '15 CFR 738, Supp. No. 1, footnote 2; 15 CFR 742.4(a)',
        review: 'Licensing policy of 15 CFR 742.4(b)',
        condition:
          'chart footnote 2 points to special provisions of 742.4(a) for certain thermal imaging cameras to this destination; that text is not in the reference data, so a licence is assumed until it is read',
        probes: { to: ['ZA'], not: ['DE'] },
      },
    ],
  },
  3: {
    text: 'See § 742.6(a)(3) for special provisions that apply to military commodities that are subject to ECCN 0A919.',
    pointer: 'every row that carries it has an X in RS column 1, which 0A919 names for the entry as a whole (chart-rs1 applies it), so the special provisions cannot add a requirement; any relaxation they grant is not applied',
    /** The pointer's claim, checked on the data (a failure stops the build). */
    holds: ({ rows, eccn }) => eccn('0A919')?.entireEntryColumns.includes('RS1') && rows.every((r) => r.license_required_columns.includes('RS1')),
  },
  4: {
    text: 'See § 742.6(a)(2) and (4)(ii) regarding special provisions for exports and reexports of certain thermal imaging cameras to these countries.',
    rules: [
      {
        id: 'fn4-thermal-cameras',
        title: 'Chart footnote 4 - thermal imaging cameras (6A003.b.4.b): special provisions of 742.6(a)(2) and (4)(ii)',
        items: [{ eccn: ['6A003.b.4.b'] }],
        reasons: ['RS'],
        cite: '15 CFR 738, Supp. No. 1, footnote 4; 15 CFR 742.6(a)(2), (a)(4)(ii)',
        review: 'Licensing policy of 15 CFR 742.6(b)',
        condition:
          'chart footnote 4 points to special provisions of 742.6(a)(2) and (a)(4)(ii) for certain thermal imaging cameras to this destination; that text is not in the reference data, so a licence is assumed until it is read',
        probes: { to: ['SE'], not: ['DE'] },
      },
    ],
  },
  5: {
    text: 'Refer to Switzerland for licensing requirements for Liechtenstein under the EAR.',
    pointer: "Liechtenstein's chart row already repeats Switzerland's marks",
    holds: ({ row }) => row('LI')?.license_required_columns.join() === row('CH')?.license_required_columns.join(),
  },
  6: {
    text: 'See § 746.5 of the EAR for additional license requirements under the Russian Industry Sector Sanctions for ECCNs 0A998, 1C992, 3A229, 3A231, 3A232, 6A991, 8A992, and 8D999 and items identified in supplement no. 2 to part 746 of the EAR. See § 746.8 of the EAR for Sanctions against Russia and Belarus, including additional license requirements for items listed in any ECCN on the CCL.',
    pointer: 'a pointer to part 746, applied by ear-russia-belarus.ecr.yaml (746.8)',
  },
  7: {
    text: 'Note that a license is still required for items controlled under ECCNs 6A003.b.4.b and 9A515.e for RS column 2 reasons when destined to India.',
    rules: [
      {
        id: 'fn7-india-rs2',
        title: 'Chart footnote 7 - India: 6A003.b.4.b and 9A515.e still need a licence for RS column 2',
        // RS2 covers 6A003.b.4.b cameras of 60 Hz or less that are not for a civil product; the
        // others are RS1, for which India has an X: every 6A003.b.4.b camera needs a licence.
        items: [{ eccn: ['6A003.b.4.b', '9A515.e'] }],
        reasons: ['RS2'],
        cite: '15 CFR 738, Supp. No. 1, footnote 7; 15 CFR 742.6(a)(4)',
        review: 'Licensing policy of 15 CFR 742.6(b)',
        notes:
          'The 6A003.b.4.b cameras that RS column 2 does not cover are RS column 1, for which India has an X, so the footnote leaves no 6A003.b.4.b camera licence-free to India.',
        probes: { to: ['IN'], not: ['DE'], item: '9A515.e' },
      },
    ],
  },
  8: {
    text: "See § 746.6 of the EAR for additional license requirements for exports and reexports to the Crimea region of Ukraine and the so-called Donetsk People's Republic (DNR) and Luhansk People's Republic (LNR) regions of Ukraine and transfers (in-country) within the Crimea, DNR, and LNR regions of Ukraine for all items subject to the EAR, other than food and medicine designated as EAR99 and certain EAR99 or ECCN 5D992.c software for internet-based communications.",
    pointer: 'a pointer to 746.6, applied by ear-embargoes.ecr.yaml (on Pakistan the source repeats the text of footnote 9, an editorial slip)',
  },
  9: {
    text: "See § 746.6 of the EAR for additional license requirements for exports and reexports to the Crimea region of Ukraine and the so-called Donetsk People's Republic (DNR) and Luhansk People's Republic (LNR) regions of Ukraine and transfers (in-country) within the Crimea, DNR, and LNR regions of Ukraine for all items subject to the EAR, other than food and medicine designated as EAR99 and certain EAR99 or ECCN 5D992.c software for internet-based communications.",
    pointer: 'a pointer to 746.6, applied by ear-embargoes.ecr.yaml',
  },
  10: {
    text: 'A license is required to these destinations for items in the following ECCNs: 0A501 (except for 0A501.y), 0A502 for shotguns with a barrel length less than 18 inches (45.72 cm), 0A504.i, 0A505.a and .x, 0A506, 0A507, 0A508 for semi-automatic shotguns with a barrel length less than 18 inches (45.72 cm), 0A509, 0D501 (except for “software” for commodities in ECCN 0A501.y or “equipment” in ECCN 0B501 for commodities in ECCN 0A501.y), 0D505 for “software” for commodities in ECCN 0A505.a and .x and “equipment” in ECCN 0B505.a and .x, 0E501, 0E504, 0E505 for “technology” for “development,” “production,” operation, installation, maintenance, repair, overhaul, or refurbishing commodities in 0A505.a and .x; for “equipment” for those commodities in 0B505; and for “software” for that “equipment” and those commodities in 0D505.',
    rules: [
      {
        id: 'fn10-firearms',
        title: 'Chart footnote 10 - firearms and related items listed by the footnote',
        items: [{ eccn: ['0A501', '0A504.i', '0A505.a', '0A505.x', '0A506', '0A507', '0A509', '0E501', '0E504'] }],
        except: ['0A501.y'],
        cite: '15 CFR 738, Supp. No. 1, footnote 10',
        probes: { to: ['GB', 'AU'], not: ['CA'], item: '0A509' },
      },
      {
        id: 'fn10-0a502',
        title: 'Chart footnote 10 - 0A502 shotguns with a barrel under 18 inches',
        items: [{ eccn: ['0A502'] }],
        cite: '15 CFR 738, Supp. No. 1, footnote 10',
        condition: 'shotguns with a barrel length less than 18 inches (45.72 cm) only (chart footnote 10)',
        probes: { to: ['GB'], not: ['CA'] },
      },
      {
        id: 'fn10-0a508',
        title: 'Chart footnote 10 - 0A508 semi-automatic shotguns with a barrel under 18 inches',
        items: [{ eccn: ['0A508'] }],
        cite: '15 CFR 738, Supp. No. 1, footnote 10',
        condition: 'semi-automatic shotguns with a barrel length less than 18 inches (45.72 cm) only (chart footnote 10)',
        probes: { to: ['GB'], not: ['CA'] },
      },
      {
        id: 'fn10-0d501',
        title: 'Chart footnote 10 - 0D501 software',
        items: [{ eccn: ['0D501'] }],
        cite: '15 CFR 738, Supp. No. 1, footnote 10',
        condition:
          'not for “software” for commodities in 0A501.y or for “equipment” in 0B501 for commodities in 0A501.y (chart footnote 10)',
        probes: { to: ['GB'], not: ['CA'] },
      },
      {
        id: 'fn10-0d505',
        title: 'Chart footnote 10 - 0D505 software for 0A505.a and .x and 0B505.a and .x',
        items: [{ eccn: ['0D505'] }],
        cite: '15 CFR 738, Supp. No. 1, footnote 10',
        condition: '“software” for commodities in 0A505.a and .x and “equipment” in 0B505.a and .x only (chart footnote 10)',
        probes: { to: ['GB'], not: ['CA'] },
      },
      {
        id: 'fn10-0e505',
        title: 'Chart footnote 10 - 0E505 technology for 0A505.a and .x',
        items: [{ eccn: ['0E505'] }],
        cite: '15 CFR 738, Supp. No. 1, footnote 10',
        condition:
          '“technology” for “development,” “production,” operation, installation, maintenance, repair, overhaul or refurbishing of commodities in 0A505.a and .x, of “equipment” for them in 0B505, and of “software” for that equipment and those commodities in 0D505 only (chart footnote 10)',
        probes: { to: ['GB'], not: ['CA'] },
      },
    ],
  },
};
