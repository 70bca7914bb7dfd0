import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCatalog, getCatalog } from '../../server/src/catalog/catalog';
import { editDistance, wordsOf } from '../../server/src/catalog/search';
import type { CatalogData, Eccn } from '../../server/src/catalog/types';

const ROOT = path.resolve(__dirname, '../..');
const catalog = getCatalog();
const data = catalog.data;
const codes = (items: readonly { code: string }[]) => items.map((x) => x.code);

interface BuildModule {
  buildCatalogData(referenceDir: string): CatalogData;
  formatCatalogJson(data: CatalogData): string;
}

test('the shipped catalog.data.json is what build-catalog.mjs makes of data/reference', async () => {
  const build = (await import(pathToFileURL(path.join(ROOT, 'scripts/build-catalog.mjs')).href)) as BuildModule;
  const built = build.buildCatalogData(path.join(ROOT, 'data/reference'));
  const shipped = readFileSync(path.join(ROOT, 'server/src/catalog/catalog.data.json'), 'utf8');
  assert.deepEqual(JSON.parse(shipped), JSON.parse(JSON.stringify(built)), 'run `npm run catalog:build`');
  assert.equal(shipped, build.formatCatalogJson(built), 'run `npm run catalog:build` (formatting differs)');
});

test('the shipped JSON stays small', () => {
  const bytes = readFileSync(path.join(ROOT, 'server/src/catalog/catalog.data.json')).length;
  assert.ok(bytes < 900_000, `${bytes} bytes`);
});

test('data date and notice', () => {
  assert.equal(data.dataAsOf, 'eCFR as of 2026-07-23 / 2026-09-24');
  assert.equal(data.dataDate, '2026-09-24');
  assert.equal(data.notice, 'Reference only, not legal advice.');
  assert.ok(data.sources.some((s) => s.id === 'ecfr_738' && s.url?.startsWith('https://www.ecfr.gov/')));
  assert.equal(new Set(data.sources.map((s) => s.id)).size, data.sources.length);
});

test('counts of categories, groups, ECCNs, reasons, columns and programmes', () => {
  assert.deepEqual(codes(data.categories), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.deepEqual(codes(data.productGroups), ['A', 'B', 'C', 'D', 'E']);
  assert.equal(data.eccns.length, 634);
  assert.equal(data.eccns.filter((e) => e.code !== 'EAR99').length, 633);
  assert.ok(catalog.eccn('EAR99'));
  assert.equal(new Set(codes(data.eccns)).size, 634);
  assert.equal(data.reasons.length, 14);
  assert.equal(data.chartColumns.length, 16);
  assert.deepEqual(codes(data.chartColumns).slice(0, 3), ['CB1', 'CB2', 'CB3']);
  assert.equal(data.embargoes.length, 8);
  for (const c of data.categories) assert.equal(c.eccnCount, data.eccns.filter((e) => e.category === c.code).length);
});

test('country groups and their member counts', () => {
  const counts = Object.fromEntries(data.countryGroups.map((g) => [g.code, g.members.length]));
  assert.deepEqual(counts, {
    'A:1': 40, 'A:2': 34, 'A:3': 42, 'A:4': 45, 'A:5': 38, 'A:6': 8, B: 173,
    'D:1': 24, 'D:2': 10, 'D:3': 36, 'D:4': 21, 'D:5': 22, 'E:1': 3, 'E:2': 1,
  });
  assert.equal(catalog.countryGroup('a:1')?.title, 'Wassenaar participating states');
  assert.deepEqual([...(catalog.countryGroup('E:1')?.members ?? [])], ['IR', 'KP', 'SY']);
});

test('destinations: every ISO 3166-1 country, Kosovo and every region of Ukraine (ISO 3166-2), the 746.6 ones by name', () => {
  const countries = data.destinations.filter((d) => !d.parent);
  const regions = data.destinations.filter((d) => d.parent);
  assert.ok(countries.length >= 249, `${countries.length} countries`);
  assert.ok(catalog.destination('XK'));
  assert.equal(regions.length, 27, 'the 27 ISO 3166-2 subdivisions of Ukraine');
  assert.ok(regions.every((r) => r.parent === 'UA'));
  assert.equal(catalog.destination('UA-30')?.name, 'Kyiv');
  assert.deepEqual(catalog.destination('UA-30')?.chartColumns, catalog.destination('UA')?.chartColumns, "a region has its country's row");
  assert.deepEqual(catalog.destination('UA-30')?.embargoes, [], 'Kyiv is not a 746.6 region');
  assert.equal(catalog.destination('UA-43')?.name, 'Crimea');
  assert.equal(new Set(codes(data.destinations)).size, data.destinations.length);
  assert.equal(data.destinations.filter((d) => d.onChart).length, 200);
  // 738.3(b): territories off the chart take their country's row; the US and its territories are not exports
  assert.deepEqual(catalog.destination('GL')?.chartColumns, catalog.destination('DK')?.chartColumns);
  assert.equal(catalog.destination('GL')?.territoryOf, 'DK');
  assert.equal(catalog.destination('PF')?.territoryOf, 'FR');
  assert.equal(catalog.destination('RE')?.territoryOf, 'FR');
  assert.equal(catalog.destination('KY')?.territoryOf, 'GB');
  assert.match(catalog.destination('PR')?.notAnExport ?? '', /part of the United States under the EAR/);
  assert.match(catalog.destination('US')?.notAnExport ?? '', /not an export destination/);
  assert.match(catalog.destination('AQ')?.unanswerable ?? '', /no Country Chart row/);
  const unplaced = data.destinations.filter((d) => !d.onChart && !d.parent && !d.seeInstead && !d.notAnExport && !d.unanswerable && d.countryGroups.length === 0);
  assert.deepEqual(codes(unplaced), [], 'every destination has a row, a parent, or a reason the rules cannot answer');
  const known = new Set(codes(data.chartColumns));
  for (const d of data.destinations) for (const c of d.chartColumns) assert.ok(known.has(c), `${d.code} ${c}`);
});

test('names: common, official, BIS and aliases', () => {
  const ru = catalog.destination('ru');
  assert.equal(ru?.name, 'Russia');
  assert.equal(ru?.officialName, 'Russian Federation');
  assert.equal(ru?.bisName, 'Russia');
  const sc = catalog.destination('SC');
  assert.equal(sc?.name, 'Seychelles');
  assert.equal(sc?.bisName, 'Seycheles');
  assert.equal(catalog.destination('SY')?.name, 'Syria');
  assert.equal(catalog.destination('KR')?.name, 'South Korea');
  assert.equal(catalog.destination('US')?.name, 'United States');
  assert.equal(catalog.destination('UA-43')?.officialName, 'Avtonomna Respublika Krym');
  assert.ok(catalog.destination('UA-14')?.aliases.includes('DNR'));
  assert.ok(catalog.destination('UA-09')?.aliases.includes('LNR'));
});

test('lookups: groups, chart columns, footnotes, embargoes', () => {
  const ru = catalog.destination('RU');
  for (const g of ['D:1', 'D:2', 'D:3', 'D:4', 'D:5']) assert.ok(ru?.countryGroups.includes(g), g);
  assert.ok(!ru?.countryGroups.includes('B'));
  assert.deepEqual(ru?.embargoes, ['russia_belarus']);
  assert.match(ru?.chartFootnotes[0] ?? '', /746\.8/);

  const ua = catalog.destination('UA');
  const crimea = catalog.destination('ua-43');
  assert.deepEqual(crimea?.countryGroups, ua?.countryGroups);
  assert.deepEqual(crimea?.chartColumns, ua?.chartColumns);
  assert.ok(crimea?.embargoes.includes('ukraine_covered_regions'));
  assert.ok(!ua?.embargoes.includes('ukraine_covered_regions'));
  assert.deepEqual([...(catalog.embargo('ukraine_covered_regions')?.destinations ?? [])].sort(), ['UA-09', 'UA-14', 'UA-40', 'UA-43']);

  assert.ok(catalog.destination('CN')?.chartColumns.includes('NS1'));
  assert.ok(catalog.destination('CU')?.onChart);
  assert.deepEqual(catalog.destination('CU')?.chartColumns, []);
  assert.match(catalog.destination('CU')?.seeInstead ?? '', /part 746/);
  assert.equal(catalog.destination('US')?.onChart, false);
  assert.deepEqual(catalog.destination('US')?.countryGroups, ['A:1', 'A:2', 'A:3', 'A:4', 'B']);
  assert.deepEqual(catalog.destination('LI')?.countryGroups, []);

  assert.equal(catalog.chartMembers('NS1').length, catalog.chartColumn('ns1')?.countriesMarked);
  assert.equal(catalog.chartMembers('NS1').length, 193);
  assert.deepEqual(catalog.chartMembers('AT1'), []);
  assert.deepEqual(catalog.chartMembers('XX9'), []);
  assert.equal(catalog.reason('NS')?.name, 'National Security');
  assert.equal(catalog.category('3')?.title, 'Electronics');
  assert.equal(catalog.productGroup('e')?.code, 'E');
  assert.equal(catalog.embargo('cuba')?.citation, '15 CFR 746.2');
});

test('ECCN entries keep what features show', () => {
  const e = catalog.eccn('3a001');
  assert.equal(e?.code, '3A001');
  assert.deepEqual(e?.entireEntryColumns, ['NS2', 'AT1']);
  const ns1 = e?.controls.find((c) => c.columns.includes('NS1'));
  assert.deepEqual([ns1?.paragraphs, ns1?.conditional], [['3A001.b.2', '3A001.b.3'], true], 'NS1: MMIC amplifiers and transistors, except for civil telecommunications');
  const worldwide = e?.controls.find((c) => c.paragraphs?.includes('3A001.z.1.a'));
  assert.match(worldwide?.requirement ?? '', /any destination worldwide/);
  assert.deepEqual(catalog.eccn('0A501')?.entireEntryColumns, ['AT1'], 'NS1, RS1 and FC1 leave out 0A501.y: not the whole entry');
  assert.deepEqual(catalog.eccn('0A501')?.controls.find((c) => c.columns.includes('NS1'))?.except, ['0A501.y']);
  assert.match(e?.licenseExceptions.GBS ?? '', /^Yes/);
  assert.match(e?.staRestriction ?? '', /STA/);
  assert.match(catalog.eccn('0A983')?.specialLicenseRequirement ?? '', /all destinations/);
  assert.deepEqual(catalog.eccn('EAR99')?.reasons, []);
  assert.deepEqual(data.removedEccns?.map((r) => r.code), ['3B090']);
  assert.ok(data.topics.machine_tools.includes('2B001'));
});

test('eccnOf and isWellFormedEccn', () => {
  assert.equal(catalog.eccnOf('3A001.a.1')?.code, '3A001');
  assert.equal(catalog.eccnOf('3A001')?.code, '3A001');
  assert.equal(catalog.eccnOf('ear99')?.code, 'EAR99');
  assert.equal(catalog.eccnOf('3A555.a'), undefined);
  for (const ok of ['3A001', '3A001.a.1', '3A001.z.1.b', '3A001.A.1', 'EAR99', '9E515.y']) assert.ok(catalog.isWellFormedEccn(ok), ok);
  for (const bad of ['3A01', '3F001', 'A3001', '3A001.', '3A001..a', '3A0011', 'EAR-99', '', '3A001 a']) {
    assert.ok(!catalog.isWellFormedEccn(bad), bad);
  }
});

test('chartLicenceCount counts chart rows marked in any entire-entry column', () => {
  const ns2 = data.destinations.filter((d) => d.onChart && d.chartColumns.includes('NS2')).length;
  assert.equal(catalog.chartLicenceCount('3A001'), ns2);
  assert.equal(catalog.chartLicenceCount('3A001.b.2'), ns2);
  const e = catalog.eccn('0A501') as Eccn;
  const any = data.destinations.filter((d) => d.onChart && d.chartColumns.some((c) => e.entireEntryColumns.includes(c))).length;
  assert.equal(catalog.chartLicenceCount('0A501'), any);
  assert.equal(catalog.chartLicenceCount('7A994'), 0); // AT1 only, and AT1 has no X anywhere
  assert.equal(catalog.chartLicenceCount('EAR99'), 0);
  assert.equal(catalog.chartLicenceCount('9Z999'), 0);
});

test('searchEccns by code prefix, case-insensitive', () => {
  const hits = codes(catalog.searchEccns('3a0'));
  assert.deepEqual(hits.slice(0, 2), ['3A001', '3A002']);
  assert.ok(hits.length > 2 && hits.every((c) => c.startsWith('3A0')));
  assert.equal(catalog.searchEccns('3A001')[0].code, '3A001');
  assert.equal(catalog.searchEccns('3A001.a.1')[0].code, '3A001');
  assert.equal(catalog.searchEccns('ear')[0].code, 'EAR99');
  assert.deepEqual(catalog.searchEccns('3a0', 2).length, 2);
  assert.deepEqual(catalog.searchEccns('   '), []);
});

test('searchEccns by topic, title and heading words', () => {
  assert.ok(codes(catalog.searchEccns('avionics')).includes('7A994'));
  assert.equal(catalog.searchEccns('machine tool')[0].code, '2B001');
  assert.ok(codes(catalog.searchEccns('smartphone')).includes('5A992'));
  assert.ok(codes(catalog.searchEccns('Torture')).includes('0A983'));
  assert.ok(codes(catalog.searchEccns('inertial navigation')).includes('7A994'));
  assert.deepEqual(catalog.searchEccns('zzzqqq'), []);
});

test('searchEccns ranks exact code, code prefix, topic, title words, heading words', () => {
  const entry = (code: string, title: string, heading: string): Eccn => ({
    code, category: code[0], productGroup: code[1], title, heading, reasons: [], columns: [],
    entireEntryColumns: [], controls: [], paragraphs: [], licenseExceptions: {}, notes: [], flags: [],
  });
  const tiny = createCatalog({
    ...data,
    eccns: [
      entry('1A001', 'Widgets', 'Widgets, see 2B001.'),
      entry('2B001', 'Gadgets', 'Gadgets for widgets.'),
      entry('2B002', 'Widget parts', 'Parts.'),
      entry('3C001', 'Sprockets', 'Sprockets.'),
    ],
    topics: { widgets_and_more: ['3C001'] },
  });
  // topic, then title (a whole word before a word prefix), then heading
  assert.deepEqual(codes(tiny.searchEccns('widget')), ['3C001', '2B002', '1A001', '2B001']);
  assert.deepEqual(codes(tiny.searchEccns('2B00')), ['2B001', '2B002']);
  assert.deepEqual(codes(tiny.searchEccns('2B002')), ['2B002']);
  assert.deepEqual(codes(tiny.searchEccns('gadgets widgets')), ['2B001']);
});

test('searchDestinations by code, name words, BIS names and aliases', () => {
  assert.equal(catalog.searchDestinations('germ')[0].code, 'DE');
  assert.equal(catalog.searchDestinations('russia')[0].code, 'RU');
  assert.equal(catalog.searchDestinations('RU')[0].code, 'RU');
  assert.equal(catalog.searchDestinations('Seycheles')[0].code, 'SC');
  assert.equal(catalog.searchDestinations('burma')[0].code, 'MM');
  assert.equal(catalog.searchDestinations('dnr')[0].code, 'UA-14');
  assert.equal(catalog.searchDestinations('crimea')[0].code, 'UA-43');
  assert.equal(catalog.searchDestinations('côte d’iv')[0].code, 'CI');
  assert.equal(catalog.searchDestinations('turkey')[0].code, 'TR');
  const ua = codes(catalog.searchDestinations('ua-'));
  for (const r of ['UA-09', 'UA-14', 'UA-40', 'UA-43']) assert.ok(ua.includes(r), r);
  assert.deepEqual(codes(catalog.searchDestinations('korea')).sort(), ['KP', 'KR']);
  assert.deepEqual(catalog.searchDestinations(''), []);
});

test('findDestination by code or exact name', () => {
  assert.equal(catalog.findDestination('Russia')?.code, 'RU');
  assert.equal(catalog.findDestination('russian federation')?.code, 'RU');
  assert.equal(catalog.findDestination(' de ')?.code, 'DE');
  assert.equal(catalog.findDestination('Seycheles')?.code, 'SC');
  assert.equal(catalog.findDestination('Korea, South')?.code, 'KR');
  assert.equal(catalog.findDestination('ua-43')?.code, 'UA-43');
  assert.equal(catalog.findDestination('LNR')?.code, 'UA-09');
  assert.equal(catalog.findDestination('Congo'), undefined, 'two countries are called Congo: no guess');
  assert.equal(catalog.findDestination('Germ'), undefined);
});

test('suggestions by edit distance', () => {
  assert.equal(catalog.suggestDestinations('Germny')[0]?.code, 'DE');
  assert.equal(catalog.suggestDestinations('Rusia')[0]?.code, 'RU');
  assert.equal(catalog.suggestDestinations('Untied States')[0]?.code, 'US');
  assert.equal(catalog.suggestEccns('3A0001')[0], '3A001');
  assert.equal(catalog.suggestEccns('5A9992')[0], '5A992');
  assert.equal(catalog.suggestEccns('3A010')[0], '3A001', 'a swap of two digits is one edit');
  assert.equal(catalog.suggestEccns('3A0001.a.1')[0], '3A001');
  assert.ok(catalog.suggestEccns('3A0001', 2).length <= 2);
  assert.deepEqual(catalog.suggestEccns('QQQQQQQQ'), []);
  assert.deepEqual(catalog.suggestDestinations('Qwxzyv'), []);
});

test('search helpers', () => {
  assert.equal(editDistance('ab', 'ba'), 1);
  assert.equal(editDistance('germny', 'germany'), 1);
  assert.equal(editDistance('3A0001', '3A001'), 1);
  assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.deepEqual(wordsOf('“Parts,” Côte d’Ivoire'), ['parts', 'cote', 'd', 'ivoire']);
});

test('Hong Kong is treated as China (no chart row of its own since December 2020)', () => {
  const hk = getCatalog().destination('HK')!;
  const cn = getCatalog().destination('CN')!;
  assert.deepEqual(hk.countryGroups, cn.countryGroups);
  assert.deepEqual(hk.chartColumns, cn.chartColumns);
  assert.equal(hk.seeInstead, 'CN');
});
